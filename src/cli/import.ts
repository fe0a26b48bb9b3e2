import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { normaliseDomain } from '../domain-name.js';
import { count } from '../health/format.js';
import { formats, type Adapter, type Format } from '../ingest/adapters/adapter.js';
import { findAdapter, formatsFor } from '../ingest/adapters/index.js';
import { postmasterDomainStats } from '../ingest/adapters/postmaster.js';
import { defaultSpamRateMetric } from '../ingest/postmaster/metrics.js';
import { importRecords, type ImportCounts, type Rejection } from '../ingest/import.js';
import { InputFormatError, openRecords } from '../ingest/records.js';
import { takesCopy } from '../store/bounces.js';
import { kinds, type Kind } from '../ingest/rows.js';
import { withContext } from './context.js';
import { progressBar } from './import-progress.js';
import { rejectsFile, RejectsFileError, type RejectsFile } from './rejects-file.js';
import { exitCodes, writeLine, type CliIo, type Verb } from './io.js';

const usageText = `usage: smtp-desk import bounces|sends|complaints <file|-> [--format FORMAT] [--rejects FILE]
       smtp-desk import complaints <file|-> --format postmaster [--domain D [--metric NAME]]

  FORMAT   generic (CSV, default); bounces also smartlead, instantly, lemlist, plusvibe, emailbison
           (JSON: one webhook payload or activity per line, or one array of them); sends also
           instantly (daily account analytics JSON, as the API returns it, or JSON lines)
           complaints also postmaster (Google Postmaster Tools JSON: with --domain a saved v2
           domainStats:query answer of that domain, without it v1 trafficStats exports)
  --domain D       the domain a v2 domainStats answer is about (its rows do not name it)
  --metric NAME    the name the query gave SPAM_RATE (default ${defaultSpamRateMetric})
  --rejects FILE   write rejected and conflicting rows to FILE as CSV: the input's columns plus line
                   and reason (created or emptied only when there is such a row; never the input
                   or a symbolic link)

Exit status: 0 every row stored (or already there), 3 some rows rejected or in conflict, 2 usage error.`;

/** How many rejected rows are listed on stderr before "… and N more". */
const shownRejections = 20;

class UsageError extends Error {}

interface Invocation {
  kind: Kind;
  format: Format;
  file: string;
  rejects: string | undefined;
  /** postmaster: the domain of a v2 domainStats answer, and the name of its spam-rate metric. */
  domainStats: { domain: string; metric: string } | undefined;
}

function parseInvocation(argv: string[]): Invocation {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        format: { type: 'string' },
        rejects: { type: 'string' },
        domain: { type: 'string' },
        metric: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const [kind, file, ...extra] = parsed.positionals;
  if (!kinds.includes(kind as Kind)) {
    throw new UsageError(kind === undefined ? 'say what to import: bounces, sends or complaints' : `unknown kind "${kind}": import bounces, sends or complaints`);
  }
  if (file === undefined) throw new UsageError(`say which file to import (or - for standard input)`);
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
  const format = parsed.values.format ?? 'generic';
  if (!formats.includes(format as Format)) throw new UsageError(`unknown format "${format}": one of ${formats.join(', ')}`);
  if (!formatsFor(kind as Kind).includes(format as Format)) {
    throw new UsageError(`${kind} cannot be imported from the ${format} format; formats for ${kind}: ${formatsFor(kind as Kind).join(', ')}`);
  }
  return { kind: kind as Kind, format: format as Format, file, rejects: parsed.values.rejects, domainStats: domainStatsOf(format as Format, parsed.values) };
}

function domainStatsOf(format: Format, values: { domain?: string; metric?: string }): Invocation['domainStats'] {
  if (values.domain === undefined) {
    if (values.metric !== undefined) throw new UsageError('--metric names the spam rate of a v2 domainStats answer: it goes with --domain');
    return undefined;
  }
  if (format !== 'postmaster') throw new UsageError('--domain goes with --format postmaster (a v2 domainStats answer of that domain)');
  const domain = normaliseDomain(values.domain);
  if (domain === null) throw new UsageError(`--domain: "${values.domain}" is not a domain name`);
  const metric = values.metric?.trim() ?? defaultSpamRateMetric;
  if (metric === '') throw new UsageError('--metric needs the name the query gave SPAM_RATE');
  return { domain, metric };
}

function adapterFor(invocation: Invocation): Adapter {
  const { domainStats } = invocation;
  return domainStats ? postmasterDomainStats(domainStats.domain, domainStats.metric) : findAdapter(invocation.kind, invocation.format)!;
}

interface Input {
  stream: NodeJS.ReadableStream;
  size: number | undefined;
  bytesRead: () => number;
  /** The file read (standard input's too, when it is one): the rejects file must be another. */
  stat: fs.Stats | undefined;
}

function stdinStat(io: CliIo): fs.Stats | undefined {
  const fd = (io.stdin as { fd?: unknown }).fd;
  try {
    return typeof fd === 'number' ? fs.fstatSync(fd) : undefined;
  } catch {
    return undefined;
  }
}

async function openInput(file: string, io: CliIo): Promise<Input> {
  if (file === '-') return { stream: io.stdin, size: undefined, bytesRead: () => 0, stat: stdinStat(io) };
  let handle;
  try {
    handle = await fs.promises.open(file, 'r');
    const stat = await handle.stat();
    if (stat.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    // Chunks decode to strings under V8's 128 KiB large-object limit: larger ones made decoding cost ~5x as much.
    const stream = handle.createReadStream({ highWaterMark: 64 * 1024 });
    return { stream, size: stat.isFile() ? stat.size : undefined, bytesRead: () => stream.bytesRead, stat };
  } catch (error) {
    await handle?.close();
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

function summary(counts: ImportCounts, seconds: number): string {
  const rate = Math.round(counts.read / Math.max(seconds, 0.001));
  return (
    `read ${counts.read}, inserted ${counts.inserted}, replaced ${counts.replaced}, duplicates ${counts.duplicates}, ` +
    `conflicts ${counts.conflicts}, ignored ${counts.ignored}, rejected ${counts.rejected} in ${seconds.toFixed(1)} s (${rate} rows/s)`
  );
}

export const importVerb: Verb = async (argv, io) => {
  let invocation: Invocation;
  let input: Input;
  try {
    invocation = parseInvocation(argv);
    input = await openInput(invocation.file, io);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    writeLine(io.stderr, `smtp-desk import: ${error.message}\n\n${usageText}`);
    return exitCodes.usage;
  }
  const adapter = adapterFor(invocation);
  (input.stream as NodeJS.ReadableStream & { setEncoding(encoding: string): void }).setEncoding('utf8');
  let rejects: RejectsFile | undefined;
  try {
    rejects = invocation.rejects === undefined ? undefined : await rejectsFile(invocation.rejects, input.stat);
    return await withContext(io, async ({ store }) => {
      const source = await openRecords(input.stream as AsyncIterable<string>, adapter);
      rejects?.setHeader([...source.header, 'line', 'reason']);
      const startedAt = Date.now();
      const tty = (io.stderr as { isTTY?: boolean }).isTTY === true;
      const progress = tty ? progressBar(io.stderr, input.size, startedAt) : undefined;
      let listed = 0;
      const onReject = async (rejection: Rejection) => {
        progress?.done();
        listed++;
        if (listed <= shownRejections) writeLine(io.stderr, `line ${rejection.line}: ${rejection.reason}`);
        await rejects?.write([...rejection.raw, String(rejection.line), rejection.reason]);
      };
      const counts = await importRecords({
        db: store.pool,
        adapter,
        source,
        // The embedded database (PGlite) has no COPY FROM STDIN: it gets the plain statements.
        ...((await takesCopy(store.pool)) ? { bulk: { pool: store.pool } } : {}),
        onReject,
        onBatch: (soFar) => progress?.update(soFar, input.bytesRead()),
      });
      progress?.done();
      if (listed > shownRejections) writeLine(io.stderr, `… and ${count(listed - shownRejections, counts.conflicts > 0 ? 'more rejected or conflicting row' : 'more rejected row')}`);
      writeLine(io.stdout, summary(counts, (Date.now() - startedAt) / 1000));
      return counts.rejected + counts.conflicts > 0 ? exitCodes.rowsRejected : exitCodes.ok;
    });
  } catch (error) {
    if (!(error instanceof InputFormatError || error instanceof UsageError || error instanceof RejectsFileError)) throw error;
    writeLine(io.stderr, `smtp-desk import: ${error.message}`);
    return exitCodes.usage;
  } finally {
    await rejects?.close();
    (input.stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
  }
};
