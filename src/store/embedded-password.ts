import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { UserFacingError } from '../errors.js';

/** The role smtp-desk and psql use on the embedded database (PGlite's only one). */
export const embeddedUser = 'postgres';

/**
 * The embedded database's password is a line of a pgpass file in the data folder, so that
 * `PGPASSFILE=<data folder>/pgpass psql -h 127.0.0.1 -p <port> -U postgres` needs no typing.
 */
const passwordFileName = 'pgpass';
const pgpassLine = (password: string) => `127.0.0.1:*:*:${embeddedUser}:${password}\n`;
const pgpassPattern = new RegExp(`^127\\.0\\.0\\.1:\\*:\\*:${embeddedUser}:([A-Za-z0-9_-]{43})$`);

export const passwordFileIn = (dataDir: string): string => path.join(dataDir, passwordFileName);

/** 32 random bytes, base64url: nothing in it needs escaping in a URL or a pgpass line. */
export const newPassword = (): string => randomBytes(32).toString('base64url');

/** The password kept in `dataDir`: made once (a file of mode 0600) on the first start, then read. */
export function embeddedPassword(dataDir: string): string {
  const file = passwordFileIn(dataDir);
  const made = newPassword();
  try {
    fs.writeFileSync(file, pgpassLine(made), { flag: 'wx', mode: 0o600 });
    return made;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const kept = pgpassPattern.exec(fs.readFileSync(file, 'utf8').trim())?.[1];
  if (kept === undefined) {
    throw new UserFacingError(`the embedded database's password file ${file} is not one smtp-desk wrote; delete it and the next start makes a new one`);
  }
  return kept;
}
