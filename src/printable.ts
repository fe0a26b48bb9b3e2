/** C0 controls, DEL and C1 controls: characters a terminal may act on instead of showing. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const controls = /[\u0000-\u001f\u007f-\u009f]/g;
// eslint-disable-next-line no-control-regex -- as above
const controlsExceptNewline = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g;

const escape = (character: string) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** `text` with every control character written as a JSON-style escape (ESC → `\u001b`): safe to show on a terminal. */
export function printable(text: string): string {
  return text.replace(controls, escape);
}

/** Like `printable`, keeping line breaks: for messages of several lines. */
export function printableLines(text: string): string {
  return text.replace(controlsExceptNewline, escape);
}

/** A value from the input, quoted for a message (`"…"`, at most `max` characters of it), its control characters escaped. */
export function quoted(value: string, max = 80): string {
  return printable(JSON.stringify(value.slice(0, max)));
}
