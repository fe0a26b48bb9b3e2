import type pg from 'pg';

/** Anything that runs a query: the pool, or one checked-out client inside a transaction. */
export type Queryable = Pick<pg.Pool | pg.PoolClient, 'query'>;
