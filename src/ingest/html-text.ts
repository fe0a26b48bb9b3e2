/** Elements whose content is not text a reader sees. */
const hiddenElements = /<(script|style|head|title)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
/** Tags that end a line of text where they stand. */
const lineBreaks = /<(?:br|\/p|\/div|\/tr|\/li|\/h[1-6]|\/pre|\/blockquote)\b[^>]*>/gi;
const tags = /<[^>]*>/g;
const comments = /<!--[\s\S]*?-->/g;
const namedEntities: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
const entities = /&(#x[0-9a-f]+|#\d+|[a-z]+);/gi;

function entity(match: string, name: string): string {
  const code = name[0] !== '#' ? undefined : name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
  if (code === undefined) return namedEntities[name.toLowerCase()] ?? match;
  return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : match;
}

/**
 * The text a reader sees in an HTML bounce report: tags dropped, line-ending tags as line breaks,
 * entities decoded, runs of blank space within a line made one space. Enough for the bounce
 * reader, which looks for codes and wording, not for rendering.
 */
export function htmlToText(html: string): string {
  return html
    .replace(comments, '')
    .replace(hiddenElements, '')
    .replace(lineBreaks, '\n')
    .replace(tags, ' ')
    .replace(entities, entity)
    .split('\n')
    .map((line) => line.replace(/[ \t\u00a0]+/g, ' ').trim())
    .filter((line) => line !== '')
    .join('\n');
}
