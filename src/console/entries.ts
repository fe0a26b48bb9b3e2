import type { Interface } from 'node:readline';

/** What the person at the console entered: one typed line, or every line of one paste. */
export interface ConsoleEntry {
  lines: string[];
  pasted: boolean;
}

/**
 * Lines that reach a terminal this close together were pasted, not typed: a paste arrives in one
 * read or in reads back to back, while a person needs far longer than this between two Enters.
 */
const pasteWindowMs = 30;

/**
 * The console's input as entries. On a terminal, lines that arrive together, or between the
 * bracketed-paste marks a terminal sends around a paste, form one pasted entry; a paste that ends
 * inside a line takes that line too, once Enter is pressed. Piped input is a script: one entry a line.
 */
export async function* consoleEntries(lines: Interface, input: NodeJS.ReadableStream, terminal: boolean): AsyncGenerator<ConsoleEntry> {
  const ready: ConsoleEntry[] = [];
  let wake: (() => void) | undefined;
  let closed = false;
  let batch: string[] = [];
  let bracketed = false;
  let fromBrackets = false;
  let awaitingEnter = false;
  let timer: NodeJS.Timeout | undefined;

  const push = (entry: ConsoleEntry) => {
    ready.push(entry);
    wake?.();
  };
  const flush = () => {
    clearTimeout(timer);
    if (batch.length > 0) push({ lines: batch, pasted: fromBrackets || batch.length > 1 });
    batch = [];
    fromBrackets = false;
  };

  lines.on('line', (line: string) => {
    if (!terminal) return push({ lines: [line], pasted: false });
    batch.push(line);
    if (awaitingEnter) {
      awaitingEnter = false;
      return flush();
    }
    if (bracketed) return;
    clearTimeout(timer);
    timer = setTimeout(flush, pasteWindowMs);
  });
  if (terminal) {
    // readline names the marks of bracketed paste mode (ESC [200~ … ESC [201~) as these keys.
    input.on('keypress', (_text: string, key: { name?: string } | undefined) => {
      if (key?.name === 'paste-start') {
        flush();
        bracketed = true;
        fromBrackets = true;
      } else if (key?.name === 'paste-end') {
        bracketed = false;
        if (lines.line === '') flush();
        else awaitingEnter = true;
      }
    });
  }
  lines.on('close', () => {
    flush();
    closed = true;
    wake?.();
  });

  try {
    for (;;) {
      const entry = ready.shift();
      if (entry) yield entry;
      else if (closed) return;
      else await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    clearTimeout(timer);
  }
}
