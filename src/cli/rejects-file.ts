import fs from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { UserFacingError } from '../errors.js';
import { formatCsvLine } from '../ingest/csv.js';

/** A `--rejects` path that must not be written: the input, a symbolic link, or not writable. */
export class RejectsFileError extends UserFacingError {}

/** Device and inode: the same pair is the same file, whatever the path or link it was reached by. */
type Identity = Pick<fs.Stats, 'dev' | 'ino'>;

const sameFile = (a: Identity, b: Identity | undefined) => b !== undefined && a.dev === b.dev && a.ino === b.ino;
const codeOf = (error: unknown) => (error as NodeJS.ErrnoException).code ?? (error as Error).message;

/**
 * The file `--rejects` names, written as CSV (`header`, then a line per rejected row). It is
 * created, or emptied, only when the first rejected row comes: a run that rejects nothing, or stops
 * at a bad header, leaves an existing file as it was. Refused before anything is read when it is
 * the input itself (also through a hard link or a linked folder) or a symbolic link, which is never
 * followed (O_NOFOLLOW also catches one put there while the import runs).
 */
export async function rejectsFile(file: string, input: Identity | undefined) {
  const refuse = (why: string) => new RejectsFileError(`--rejects ${file} ${why}`);
  const inputProblem = (identity: Identity) =>
    sameFile(identity, input) ? refuse('is the input file; name another file for the rejected rows') : undefined;
  let found: fs.Stats | undefined;
  try {
    found = await fs.promises.lstat(file);
  } catch (error) {
    if (codeOf(error) !== 'ENOENT') throw refuse(`cannot be written: ${codeOf(error)}`);
  }
  if (found?.isSymbolicLink()) throw refuse('is a symbolic link; name the file itself');
  if (found?.isDirectory()) throw refuse('cannot be written: EISDIR');
  const problem = found && inputProblem(await fs.promises.stat(file));
  if (problem) throw problem;
  try {
    await fs.promises.access(found ? file : path.dirname(file), fs.constants.W_OK);
  } catch (error) {
    throw refuse(`cannot be written: ${codeOf(error)}`);
  }

  let header: readonly string[] = [];
  let opening: Promise<fs.WriteStream> | undefined;
  const open = async () => {
    const { O_WRONLY, O_CREAT, O_NOFOLLOW } = fs.constants;
    let handle: fs.promises.FileHandle;
    try {
      handle = await fs.promises.open(file, O_WRONLY | O_CREAT | O_NOFOLLOW, 0o666);
    } catch (error) {
      throw codeOf(error) === 'ELOOP' ? refuse('is a symbolic link; name the file itself') : refuse(`cannot be written: ${codeOf(error)}`);
    }
    const swapped = inputProblem(await handle.stat());
    if (swapped) {
      await handle.close();
      throw swapped;
    }
    await handle.truncate(0);
    const stream = handle.createWriteStream();
    stream.write(formatCsvLine(header));
    return stream;
  };
  return {
    /** The column names of the first line: the input's columns, `line` and `reason`. */
    setHeader(columns: readonly string[]) {
      header = columns;
    },
    async write(values: readonly string[]) {
      const stream = await (opening ??= open());
      if (!stream.write(formatCsvLine(values))) await once(stream, 'drain');
    },
    async close() {
      const stream = await opening?.catch(() => undefined);
      if (!stream) return;
      stream.end();
      await once(stream, 'close');
    },
  };
}

export type RejectsFile = Awaited<ReturnType<typeof rejectsFile>>;
