import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * The layers of src/, from the top (the smtp-desk command) to the foundations; docs/architecture.md
 * draws them. A file may import files of its own module and of any layer below its own, never one
 * above it, nor a sibling module in its own layer. A module is the longest path prefix listed here
 * that a file falls under, so `src/slack/blocks` is its own module below the rest of `src/slack`.
 */
const layers: readonly (readonly string[])[] = [
  ['src/main.ts'],
  ['src/cli.ts'],
  ['src/cli'],
  ['src/console', 'src/jobs'],
  ['src/slack', 'src/http'],
  ['src/slack/blocks'],
  ['src/digest', 'src/ingest', 'src/demo'],
  ['src/fleet'],
  ['src/sync'],
  ['src/context.ts'],
  ['src/store'],
  ['src/config.ts'],
  ['src/faults.ts'],
  ['src/health', 'src/knowledge', 'src/dns'],
  ['src/fleet/lifecycle.ts', 'src/day.ts', 'src/domain-name.ts', 'src/errors.ts', 'src/logger.ts', 'src/printable.ts', 'src/slack-ids.ts', 'src/auth-checks.ts'],
];

/** Slack's own packages: only the layers down to the Block Kit builders may use them (the core never knows Slack). */
const slackPackages = ['@slack/bolt', '@slack/types'];
const lowestSlackLayer = layers.findIndex((layer) => layer.includes('src/slack/blocks'));

const modules = layers.flatMap((layer, index) => layer.map((prefix) => ({ prefix, layer: index })));

function moduleOf(file: string): { prefix: string; layer: number } | undefined {
  return modules
    .filter(({ prefix }) => file === prefix || file.startsWith(`${prefix}/`))
    .sort((a, b) => b.prefix.length - a.prefix.length)[0];
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return sourceFiles(relative);
    return entry.name.endsWith('.ts') ? [relative] : [];
  });
}

/** Every module specifier a file names: imports and re-exports (type-only too), dynamic import() and import types. */
function specifiersOf(file: string): string[] {
  const source = ts.createSourceFile(file, fs.readFileSync(path.join(root, file), 'utf8'), ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push(node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) {
      found.push(node.arguments[0].text);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      found.push(node.argument.literal.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** A relative specifier as the src file it names (`./day.js` → `src/day.ts`). */
function resolve(from: string, specifier: string): string {
  return path.posix.join(path.posix.dirname(from), specifier).replace(/\.js$/, '.ts');
}

const files = sourceFiles('src').sort();
const imports = new Map(
  files.map((file) => {
    const specifiers = specifiersOf(file);
    return [file, { local: specifiers.filter((s) => s.startsWith('.')).map((s) => resolve(file, s)), packages: specifiers.filter((s) => !s.startsWith('.')) }];
  }),
);

/** The cycles among src files, each once, as the files in import order. */
function cycles(): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const walk = (file: string) => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of imports.get(file)?.local ?? []) {
      if (state.get(next) === 'open') found.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) walk(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  files.forEach((file) => state.has(file) || walk(file));
  return found;
}

describe('the layers of src/ (docs/architecture.md)', () => {
  it('places every source file in a layer', () => {
    expect(files.filter((file) => !moduleOf(file))).toEqual([]);
  });

  it('imports only files that exist', () => {
    const missing = [...imports].flatMap(([file, { local }]) => local.filter((target) => !files.includes(target)).map((target) => `${file} → ${target}`));
    expect(missing).toEqual([]);
  });

  it('imports only downward: nothing from a higher layer or a sibling module', () => {
    const wrong = [...imports].flatMap(([file, { local }]) => {
      const from = moduleOf(file);
      return local.flatMap((target) => {
        const to = moduleOf(target);
        if (!from || !to || to.prefix === from.prefix || to.layer > from.layer) return [];
        return [`${file} → ${target} (${to.layer < from.layer ? 'upward' : 'sideways'}: ${from.prefix} may not import ${to.prefix})`];
      });
    });
    expect(wrong).toEqual([]);
  });

  it('has no import cycle between files', () => {
    expect(cycles().map((cycle) => cycle.join(' → '))).toEqual([]);
  });

  it("keeps Slack's packages out of the core", () => {
    const wrong = [...imports].flatMap(([file, { packages }]) => {
      const layer = moduleOf(file)?.layer ?? 0;
      return layer <= lowestSlackLayer ? [] : packages.filter((name) => slackPackages.includes(name)).map((name) => `${file} → ${name}`);
    });
    expect(wrong).toEqual([]);
  });
});
