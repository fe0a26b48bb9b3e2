import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { z } from 'zod';
import { categories } from '../../../src/knowledge/types.js';

/**
 * The bounce corpus: one file per MTA, provider or sequencer, each entry a `=== key=value …` header
 * followed by the bounce text as an operator would paste it.
 */

export const stages = ['connect', 'helo', 'mail_from', 'rcpt_to', 'data', 'end_of_data', 'tls'] as const;
export type Stage = (typeof stages)[number];

const headerSchema = z
  .object({
    category: z.enum(categories),
    stage: z.enum(stages).optional(),
    recipient: z.string().regex(/^[^\s@<>]+@[^\s@<>]+\.[a-z]+$/i, 'must be a bare address like a@b.example').optional(),
    reply: z
      .string()
      .regex(/^[245]\d\d$/, 'must be a three-digit reply code such as 550')
      .transform(Number)
      .optional(),
    enhanced: z.string().regex(/^[245]\.\d{1,3}\.\d{1,3}$/, 'must be an enhanced code such as 5.1.1').optional(),
    recipients: z
      .string()
      .regex(/^\d+$/, 'must be a number')
      .transform(Number)
      .refine((count) => count >= 2, 'is only given when more than one recipient failed')
      .optional(),
    note: z.string().regex(/^[\w.-]+$/, 'must be a word or two joined by dashes').optional(),
  })
  .strict();

export type Header = z.infer<typeof headerSchema>;

export interface Entry extends Header {
  source: string;
  file: string;
  line: number;
  text: string;
}

export class CorpusError extends Error {
  constructor(file: string, line: number, message: string) {
    super(`${file}:${line}: ${message}`);
    this.name = 'CorpusError';
  }
}

export const corpusDir = new URL('.', import.meta.url).pathname;

function parseHeader(raw: string, file: string, line: number): Header {
  const pairs: Record<string, string> = {};
  for (const token of raw.split(/\s+/).filter(Boolean)) {
    const eq = token.indexOf('=');
    if (eq <= 0) throw new CorpusError(file, line, `"${token}" is not a key=value pair`);
    const key = token.slice(0, eq);
    if (key in pairs) throw new CorpusError(file, line, `"${key}" is given twice`);
    pairs[key] = token.slice(eq + 1);
  }
  const result = headerSchema.safeParse(pairs);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const where = issue.path.length > 0 ? issue.path.join('.') : 'header';
      return `${where} ${issue.message}`;
    });
    throw new CorpusError(file, line, problems.join('; '));
  }
  return result.data;
}

function trimBlankLines(lines: string[]): string {
  let start = 0;
  let end = lines.length;
  while (start < end && lines[start]?.trim() === '') start++;
  while (end > start && lines[end - 1]?.trim() === '') end--;
  return lines.slice(start, end).join('\n');
}

/** Parse one corpus file; `file` is the name used in error messages. */
export function parseCorpusFile(content: string, file: string): Entry[] {
  const source = basename(file).replace(/\.txt$/, '');
  const lines = content.replace(/\r\n/g, '\n').split('\n');
  const entries: Entry[] = [];
  let current: { header: Header; line: number; body: string[] } | null = null;

  const finish = (): void => {
    if (!current) return;
    const text = trimBlankLines(current.body);
    if (text === '') throw new CorpusError(file, current.line, 'entry has no bounce text');
    entries.push({ ...current.header, source, file, line: current.line, text });
  };

  lines.forEach((text, index) => {
    const line = index + 1;
    if (text.startsWith('===')) {
      if (!text.startsWith('=== ')) throw new CorpusError(file, line, 'a header starts with "=== " (three = and a space)');
      finish();
      current = { header: parseHeader(text.slice(4), file, line), line, body: [] };
    } else if (current) {
      current.body.push(text);
    } else if (text.trim() !== '' && !text.startsWith('#')) {
      throw new CorpusError(file, line, 'text before the first "=== " header must be a # comment');
    }
  });
  finish();
  if (entries.length === 0) throw new CorpusError(file, 1, 'file holds no entries');
  return entries;
}

/** Every entry of every `*.txt` file in the corpus directory, in file order. */
export function loadCorpus(dir: string = corpusDir): Entry[] {
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.txt'))
    .sort();
  return files.flatMap((name) => parseCorpusFile(readFileSync(join(dir, name), 'utf8'), name));
}
