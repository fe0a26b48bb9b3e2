// Reads the reference tables copied under test/fixtures/reference/, so tests are generated from them.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const referenceDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'reference');

function read(name: string): string {
  return fs.readFileSync(path.join(referenceDir, name), 'utf8');
}

/** Rows of a tab-separated file with a header line, as objects keyed by the header. */
export function readTsv(name: string): Record<string, string>[] {
  const [header = '', ...lines] = read(name).split('\n').filter((line) => line.trim() !== '');
  const keys = header.split('\t');
  return lines.map((line) => {
    const cells = line.split('\t');
    return Object.fromEntries(keys.map((key, index) => [key, (cells[index] ?? '').trim()]));
  });
}

/** Rows of an RFC 4180 CSV file (quoted fields, doubled quotes) with a header line. */
export function readCsv(name: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const text = read(name);
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"';
        index++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else if (char !== '\r') field += char;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  const [keys = [], ...data] = rows;
  return data.map((cells) => Object.fromEntries(keys.map((key, index) => [key, cells[index] ?? ''])));
}

/** A provider row turned into the input a user would paste, with the provider it must be recognised as. */
export interface ProviderCase {
  file: string;
  provider: string;
  input: string;
  reply: number | null;
  enhanced: string | null;
  text: string;
  /** The reference's own reading of the row (its "meaning" column), when it has one. */
  note: string;
}

/** A receiving host each provider's bounces name (Remote-MTA), to test recognition when the text alone is generic. */
export const receivingHosts: Record<string, string> = {
  gmail: 'gmail-smtp-in.l.google.com',
  microsoft: 'contoso-com.mail.protection.outlook.com',
  yahoo: 'mta7.am0.yahoodns.net',
  apple: 'mx01.mail.icloud.com',
  mimecast: 'eu-smtp-inbound-1.mimecast.com',
  proofpoint: 'mx0a-001.pphosted.com',
  barracuda: 'd123.ess.barracudanetworks.com',
  orange: 'smtp-in.orange.fr',
  free: 'mx1.free.fr',
  sfr: 'mx.sfr.fr',
  laposte: 'smtp.laposte.net',
  telefonica: 'mx.movistar.es',
};

const othersProviders: Record<string, string> = {
  'Yahoo/AOL': 'yahoo',
  'Apple iCloud': 'apple',
  Proofpoint: 'proofpoint',
  Mimecast: 'mimecast',
  Barracuda: 'barracuda',
  'Postfix RBL (any DNSBL)': 'spamhaus',
  'Telefonica (ES)': 'telefonica',
  'Orange (FR)': 'orange',
  'Free (FR)': 'free',
  'SFR (FR)': 'sfr',
  'La Poste (FR)': 'laposte',
};

function providerCase(file: string, provider: string, reply: string, status: string, text: string, note: string): ProviderCase {
  const input = [reply, status, text].filter((part) => part !== '').join(' ');
  return { file, provider, input, reply: reply === '' ? null : Number(reply), enhanced: status === '' ? null : status, text, note };
}

/** microsoft.tsv's code column: "5.2.2", "550 5.7.1", "4.4.317 / 5.4.317", "5.7.606-649", "n/a". */
function microsoftCodes(code: string): [string, string] {
  const first = (code.split(' / ')[0] ?? '').trim();
  if (first === 'n/a') return ['', ''];
  const [a = '', b = ''] = first.split(' ');
  const [reply, status] = /^\d{3}$/.test(a) ? [a, b] : ['', a];
  return [reply, status.replace(/-\d+$/, '')];
}

export function providerCases(): ProviderCase[] {
  const gmail = readTsv('gmail.tsv').map((row) =>
    providerCase('gmail.tsv', 'gmail', row.reply ?? '', row.status ?? '', (row.text ?? '').replace(/\.\.\./g, '').trim(), ''),
  );
  const microsoft = readTsv('microsoft.tsv').map((row) => {
    const [reply, status] = microsoftCodes(row.code ?? '');
    return providerCase('microsoft.tsv', 'microsoft', reply, status, row.text ?? '', row.meaning ?? '');
  });
  const others = readTsv('others.tsv').map((row) => {
    const provider = othersProviders[row.provider ?? ''];
    if (!provider) throw new Error(`others.tsv: no provider id for "${row.provider}"`);
    return providerCase('others.tsv', provider, row.reply ?? '', row.status ?? '', row.text ?? '', row.meaning ?? '');
  });
  return [...gmail, ...microsoft, ...others];
}
