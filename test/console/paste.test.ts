import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import type { AppContext } from '../../src/context.js';
import { collector, terminalSession, typeInto } from '../support/streams.js';
import { openTestStore, type TestStore } from '../support/db.js';

const bounce = [
  'Delivery has failed to these recipients or groups:',
  'bob@example.com',
  '1',
  'Remote Server returned 550 5.1.1 RESOLVER.ADR.RecipNotFound; not found',
];
const typeHint = 'Type a command such as';
const answer = /\(only you can see this\)/;
const shared = /Shared by @you/;

describe('pasting into the local console at a terminal', () => {
  let store: TestStore;
  let context: AppContext;
  const logs = collector();
  beforeAll(async () => {
    store = await openTestStore();
    const config = loadConfig({ LOG_LEVEL: 'warn' });
    context = { config, store, logger: createLogger(config.LOG_LEVEL, logs), now: () => new Date() };
  });
  afterAll(async () => store.close());

  it('looks up a multi-line paste as one bounce; a number inside it presses nothing, a number typed alone does', async () => {
    const terminal = terminalSession(context);
    terminal.write('/smtp 550 5.7.26\r');
    await terminal.waitFor(/\[1\] Share in channel/);
    // A terminal without bracketed paste: the pasted lines arrive together.
    terminal.write(`/smtp ${bounce.join('\r')}\r`);
    const afterPaste = await terminal.waitFor(/\[1\] Share in channel/, 2);
    const pasted = afterPaste.slice(afterPaste.indexOf('Delivery has failed'));
    expect(pasted).toContain('550 5.1.1');
    expect(pasted).toContain('Bad destination mailbox');
    expect(pasted).not.toContain(typeHint);
    expect(pasted).not.toMatch(shared);
    expect(pasted.match(new RegExp(answer, 'g'))).toHaveLength(1);

    terminal.write('1\r');
    await terminal.waitFor(shared);
    const printed = await terminal.end();
    expect(printed.match(new RegExp(shared, 'g'))).toHaveLength(1);
    expect(logs.text()).toBe('');
  });

  it('takes a bracketed paste as one lookup, with or without /smtp, and its last line once Enter is pressed', async () => {
    const terminal = terminalSession(context);
    terminal.write('/smtp 550 5.7.26\r');
    await terminal.waitFor(/\[1\] Share in channel/);
    terminal.write(`\x1b[200~${bounce.join('\n')}\x1b[201~`);
    // The paste ends inside its last line: nothing runs until Enter.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await terminal.waitFor(/smtp-desk> /)).not.toContain('Bad destination mailbox');
    terminal.write('\r');
    const printed = await terminal.waitFor(/Bad destination mailbox/);
    const pasted = printed.slice(printed.indexOf('Delivery has failed'));
    expect(pasted).not.toContain(typeHint);
    expect(pasted).not.toMatch(shared);
    expect(pasted.match(new RegExp(answer, 'g'))).toHaveLength(1);
    expect(await terminal.end()).not.toMatch(shared);
  });

  it('reads piped input line by line as typed: a number line presses its button', async () => {
    const printed = await typeInto(context, ['/smtp 550 5.7.26', '1']);
    expect(printed).toMatch(shared);
  });
});
