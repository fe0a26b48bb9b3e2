// The lookup verb, called in-process with in-memory streams (it is wired into bin/ separately).
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { lookup } from '../../src/cli/lookup.js';
import type { CliIo } from '../../src/cli/io.js';
import { collector } from '../support/streams.js';

const contractKeys = [
  'input', 'reply_code', 'enhanced_code', 'class', 'retry', 'category', 'action', 'provider', 'title',
  'meaning', 'provider_meaning', 'cold_email', 'next_steps', 'matched', 'smtp_stage', 'recipient', 'remote_host',
];

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}


async function run(argv: string[], input = '', slow = false): Promise<Run> {
  const stdin = new PassThrough();
  const stdout = collector({ slow, highWaterMark: 1024 });
  const stderr = collector();
  const io: CliIo = { stdin, stdout, stderr, env: {} };
  stdin.end(input);
  const code = await lookup(argv, io);
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

describe('smtp-desk lookup', () => {
  it('prints a readable explanation and exits 0', async () => {
    const result = await run(['550', '5.7.25']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('550 5.7.25');
    expect(result.stdout).toContain('Permanent: do not retry');
    expect(result.stdout).toMatch(/PTR/);
    expect(result.stdout).toContain('Sources: RFC 5321');
    expect(result.stderr).toBe('');
  });

  it('prints the contract as JSON with --json, field names exactly', async () => {
    const result = await run(['--json', '421', '4.7.0', '[TSS04]', 'deferred']);
    expect(result.code).toBe(0);
    const explanation = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(Object.keys(explanation)).toEqual(contractKeys);
    expect(explanation).toMatchObject({ reply_code: 421, enhanced_code: '4.7.0', provider: 'yahoo', retry: true, input: '421 4.7.0 [TSS04] deferred' });
  });

  it('exits 1 with usage on stderr when nothing is recognised', async () => {
    const result = await run(['hello', 'there']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('/smtp 550 5.7.26');
  });

  it.each([
    [['--frobnicate', '550']],
    [['-x']],
    [['--json', '--jsonl']],
    [[]],
    [['   ']],
    [['--json']],
    [['--jsonl', '550']],
  ])('exits 2 on a usage error: %j', async (argv) => {
    const result = await run(argv);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('usage: smtp-desk lookup');
    expect(result.stdout).toBe('');
  });

  it('treats words after -- as text', async () => {
    expect((await run(['--', '-550', '5.1.1'])).code).toBe(0);
  });

  it('streams --jsonl: one object per input line, in order, under backpressure', async () => {
    const inputs = Array.from({ length: 20_000 }, (_, index) => (index % 4 === 3 ? `not a code ${index}` : `550 5.1.1 user${index}@example.com unknown`));
    const result = await run(['--jsonl'], `${inputs.join('\n')}\n`, true);
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(inputs.length);
    lines.forEach((line, index) => {
      const explanation = JSON.parse(line) as { input: string };
      expect(explanation.input).toBe(inputs[index]);
    });
    expect(Object.keys(JSON.parse(lines[0] ?? '{}') as object)).toEqual(contractKeys);
  });

  it('exits 1 from --jsonl when no line was recognised, 0 on empty lines kept in order', async () => {
    expect((await run(['--jsonl'], 'foo\nbar\n')).code).toBe(1);
    const result = await run(['--jsonl'], '\n550\r\n');
    expect(result.code).toBe(0);
    expect(result.stdout.trimEnd().split('\n').map((line) => (JSON.parse(line) as { input: string }).input)).toEqual(['', '550']);
  });
});
