/** Where a container sits in a document of pages: the array of pages, a page, a page's list of rows, or anything else. */
type Role = 'pages' | 'page' | 'list' | 'other';

interface Frame {
  kind: 'object' | 'array';
  role: Role;
  /** Objects: the key whose value comes next. */
  key: string | undefined;
  expectKey: boolean;
}

/** The physical line each page of a document starts on, and each row of each page's `list`. */
export interface DocumentLines {
  pages: number[];
  rows: number[][];
}

/**
 * Finds the lines of a JSON text that JSON.parse has already accepted: the page values (the
 * document itself, or each item of a top-level array) and the items of each page's `list` array,
 * so a rejected row is reported on the line where it starts, as in CSV and JSON lines.
 */
export function documentLines(text: string, list: string): DocumentLines {
  const lines: DocumentLines = { pages: [], rows: [] };
  const stack: Frame[] = [];
  let line = 1;

  const valueStarts = (opens: Frame['kind'] | undefined): void => {
    const parent = stack.at(-1);
    let role: Role = 'other';
    if (parent === undefined) role = opens === 'array' ? 'pages' : 'page';
    else if (parent.role === 'pages') role = 'page';
    else if (parent.role === 'page' && parent.key === list && opens === 'array') role = 'list';
    else if (parent.role === 'list') lines.rows.at(-1)!.push(line);
    if (role === 'page') {
      lines.pages.push(line);
      lines.rows.push([]);
    }
    if (opens) stack.push({ kind: opens, role, key: undefined, expectKey: opens === 'object' });
  };

  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (char === '\n') line++;
    else if (char === '"') {
      let end = i + 1;
      while (text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      const top = stack.at(-1);
      if (top?.kind === 'object' && top.expectKey) {
        top.key = JSON.parse(text.slice(i, end + 1)) as string;
        top.expectKey = false;
      } else valueStarts(undefined);
      i = end;
    } else if (char === '{' || char === '[') valueStarts(char === '{' ? 'object' : 'array');
    else if (char === '}' || char === ']') stack.pop();
    else if (char === ',') {
      const top = stack.at(-1);
      if (top?.kind === 'object') top.expectKey = true;
    } else if (/[-0-9tfn]/.test(char)) {
      valueStarts(undefined);
      while (i + 1 < text.length && /[-+.0-9a-zE]/.test(text[i + 1]!)) i++;
    }
  }
  return lines;
}
