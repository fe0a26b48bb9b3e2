import { Resolver as NodeResolver } from 'node:dns/promises';

export interface RecordsOf {
  A: string[];
  AAAA: string[];
  TXT: string[][];
  MX: { exchange: string; priority: number }[];
  PTR: string[];
}
export type RecordType = keyof RecordsOf;

/**
 * `resolver(name, rrtype)`, shaped like node's `dns.promises.resolve` (and mailauth's resolver
 * option): records, or an error whose `code` is ENOTFOUND (no such name), ENODATA (no such record)
 * or anything else (could not check). Every check takes one, so tests serve a zone of their own.
 */
export type Resolver = <T extends RecordType>(name: string, rrtype: T) => Promise<RecordsOf[T]>;

/** A lookup as a status object: records, nothing there, or no answer to be had. */
export type Lookup<T> =
  | { kind: 'records'; records: T }
  | { kind: 'none'; nxdomain: boolean }
  | { kind: 'error'; reason: string };

const reasons: Record<string, string> = {
  ETIMEOUT: 'no answer in time',
  ESERVFAIL: 'SERVFAIL',
  EREFUSED: 'REFUSED',
  ECONNREFUSED: 'connection refused',
  ECANCELLED: 'the deadline for this domain passed',
  EDEADLINE: 'the deadline for this domain passed',
  EBADRESP: 'a malformed answer',
  EFORMERR: 'FORMERR',
  ENOTIMP: 'NOTIMP',
};

const codeOf = (error: unknown): string => String((error as { code?: unknown } | null)?.code ?? 'EUNKNOWN');

export function describeDnsError(error: unknown): string {
  const code = codeOf(error);
  return reasons[code] ?? code;
}

/** Runs one query and turns its outcome into a status object; never throws. */
export async function lookup<T extends RecordType>(resolve: Resolver, name: string, rrtype: T): Promise<Lookup<RecordsOf[T]>> {
  try {
    const records = await resolve(name, rrtype);
    return records.length === 0 ? { kind: 'none', nxdomain: false } : { kind: 'records', records };
  } catch (error) {
    const code = codeOf(error);
    if (code === 'ENOTFOUND' || code === 'ENODATA') return { kind: 'none', nxdomain: code === 'ENOTFOUND' };
    return { kind: 'error', reason: describeDnsError(error) };
  }
}

function dnsError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

export interface DnsSettings {
  /** `host[:port]` entries as DNS_SERVERS takes them; empty means the system's resolvers. */
  servers: readonly string[];
  /** The longest one query may take. */
  timeoutMs: number;
  /** The longest one domain's audit may take; queries still open then fail with EDEADLINE. */
  deadlineMs: number;
}

export interface AuditResolver {
  resolve: Resolver;
  /** True once any query got an answer (records, NXDOMAIN or NODATA) from a server. */
  answered: () => boolean;
  /** Cancels what is still in flight; call when the audit is done. */
  close: () => void;
}

/**
 * A resolver for one domain's audit over DNS_SERVERS: every query capped at `timeoutMs`, all of them
 * at the domain's deadline, and the same question asked once however many checks ask it.
 */
export function auditResolver(settings: DnsSettings, now: () => number = Date.now): AuditResolver {
  const node = new NodeResolver({ timeout: Math.max(1, Math.floor(settings.timeoutMs / 2)), tries: 2 });
  if (settings.servers.length > 0) node.setServers([...settings.servers]);
  const deadline = now() + settings.deadlineMs;
  const asked = new Map<string, Promise<unknown>>();
  const timers = new Set<NodeJS.Timeout>();
  let answered = false;

  const ask = (name: string, rrtype: RecordType): Promise<unknown> => {
    const remaining = deadline - now();
    if (remaining <= 0) return Promise.reject(dnsError('EDEADLINE', `${name} ${rrtype}: deadline passed`));
    const capped = Math.min(settings.timeoutMs, remaining);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        reject(dnsError(capped < settings.timeoutMs ? 'EDEADLINE' : 'ETIMEOUT', `${name} ${rrtype}: no answer in ${capped} ms`));
      }, capped);
      timers.add(timer);
      const settle = (done: () => void) => {
        clearTimeout(timer);
        timers.delete(timer);
        done();
      };
      node.resolve(name, rrtype).then(
        (records) => settle(() => {
          answered = true;
          resolve(records);
        }),
        (error: unknown) => settle(() => {
          const code = codeOf(error);
          if (code === 'ENOTFOUND' || code === 'ENODATA') answered = true;
          reject(error);
        }),
      );
    });
  };

  const resolve = ((name: string, rrtype: RecordType) => {
    const key = `${rrtype} ${name.toLowerCase()}`;
    let pending = asked.get(key);
    if (!pending) {
      pending = ask(name, rrtype);
      asked.set(key, pending);
    }
    return pending;
  }) as Resolver;

  return {
    resolve,
    answered: () => answered,
    close: () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      node.cancel();
    },
  };
}
