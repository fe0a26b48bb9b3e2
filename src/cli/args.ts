import { parseArgs, type ParseArgsConfig } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;

/** One command-line argument of a verb, in the order given. */
export type Arg =
  /** One of the verb's options, spelled exactly (`--date DAY` and `--date=DAY`; `-h`); `value` only for string options. */
  | { kind: 'option'; name: string; raw: string; value: string | undefined }
  | { kind: 'positional'; raw: string }
  /** `--`: what follows is positional. */
  | { kind: 'end-of-options'; raw: string }
  /** Looks like an option but is none of the verb's: an unknown name, a boolean given a value, grouped short flags. */
  | { kind: 'unknown'; raw: string };

/**
 * Reads `argv` with node:util's parseArgs (which options take a value, `--name=value`, `--`),
 * leaving each verb to judge the arguments in order, so it can name the first wrong one in its
 * own words. A string option at the end of `argv` has no value (`undefined`).
 */
export function readArgs(argv: readonly string[], options: Options): Arg[] {
  const { tokens } = parseArgs({ args: [...argv], options, allowPositionals: true, strict: false, tokens: true });
  const args: Arg[] = [];
  // Grouped short flags (`-hx`) come as one token per letter, all with the argument's index.
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const raw = argv[token.index]!;
    if (token.kind === 'positional') args.push({ kind: 'positional', raw });
    else if (token.kind === 'option-terminator') args.push({ kind: 'end-of-options', raw });
    else {
      const grouped = tokens[i + 1]?.index === token.index;
      while (tokens[i + 1]?.index === token.index) i++;
      const type = Object.hasOwn(options, token.name) ? options[token.name]!.type : undefined;
      const spelled = token.inlineValue ? type === 'string' : raw === token.rawName;
      if (type === undefined || grouped || !spelled) args.push({ kind: 'unknown', raw });
      else args.push({ kind: 'option', name: token.name, raw, value: type === 'string' ? token.value : undefined });
    }
  }
  return args;
}
