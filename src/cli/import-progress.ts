import { whole } from '../health/format.js';
import type { ImportCounts } from '../ingest/import.js';

const width = 30;
const everyMs = 100;

/**
 * A one-line progress bar on a terminal's stderr: share of the file read when its size is known,
 * rows so far and rows per second. Redraws at most ten times a second; `done` clears the line.
 */
export function progressBar(stream: NodeJS.WritableStream, totalBytes: number | undefined, startedAt: number) {
  let last = 0;
  return {
    update(counts: Readonly<ImportCounts>, bytesRead: number) {
      const now = Date.now();
      if (now - last < everyMs) return;
      last = now;
      const rate = Math.round(counts.read / Math.max((now - startedAt) / 1000, 0.001));
      const share = totalBytes ? Math.min(bytesRead / totalBytes, 1) : undefined;
      const bar =
        share === undefined ? '' : `[${'#'.repeat(Math.round(share * width)).padEnd(width, '.')}] ${(share * 100).toFixed(0).padStart(3)}% `;
      stream.write(`\r${bar}${whole(counts.read)} rows, ${counts.rejected} rejected, ${whole(rate)} rows/s\x1b[K`);
    },
    done() {
      stream.write('\r\x1b[K');
    },
  };
}
