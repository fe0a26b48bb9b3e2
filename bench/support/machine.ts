import { execFileSync } from 'node:child_process';
import os from 'node:os';

/** One line naming the machine a benchmark ran on, for BENCHMARKS.md. */
export function machineLine(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const memory = `${Math.round(os.totalmem() / 2 ** 30)} GiB`;
  return `${cpu}, ${os.cpus().length} cores, ${memory}, Node ${process.version}, ${os.platform()} ${os.release()}`;
}

export function postgresVersion(url: string): string {
  try {
    return execFileSync('psql', [url, '-Atc', 'SHOW server_version'], { encoding: 'utf8' }).trim();
  } catch {
    return 'unavailable';
  }
}

export function formatRate(perSecond: number): string {
  return Math.round(perSecond).toLocaleString('en-US');
}
