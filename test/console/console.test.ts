import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import type { AppContext } from '../../src/context.js';
import { collector, typeInto } from '../support/streams.js';
import { openTestStore, type TestStore } from '../support/db.js';


describe('the local console', () => {
  let store: TestStore;
  let context: AppContext;
  const logs = collector();
  beforeAll(async () => {
    store = await openTestStore();
    const config = loadConfig({ LOG_LEVEL: 'warn' });
    context = { config, store, logger: createLogger(config.LOG_LEVEL, logs), now: () => new Date() };
  });
  afterAll(async () => store.close());

  it('answers /smtp help with the usage, marked as only visible to you', async () => {
    const printed = await typeInto(context, ['/smtp help']);

    expect(printed).toMatch(/^\n\(only you can see this\)\nsmtp-desk explains SMTP bounces/);
    expect(printed).toContain('`/smtp domain example.com`  show one sending domain');
  });

  it('shows a pasted report\'s main reading, where it failed, and one line per other recipient', async () => {
    const report = [
      '<dana@fernhill.example>: host mx.fernhill.example[198.51.100.7] said: 552 5.2.2 Mailbox quota exceeded (in reply to RCPT TO command)',
      ...Array.from({ length: 12 }, (_, index) => `<lead${index}@fernhill.example>: host mx.fernhill.example[198.51.100.7] said: 550 5.1.1 User unknown (in reply to RCPT TO command)`),
    ].join(' ');
    const printed = await typeInto(context, [`/smtp ${report}`]);
    expect(printed).toContain('Recipient: dana@fernhill.example · Stage: RCPT TO · Server: mx.fernhill.example');
    expect(printed).toContain('Other recipients');
    expect(printed).toContain('lead0@fernhill.example: 550 5.1.1 · Invalid recipient · RCPT TO');
    expect(printed).toContain('lead9@fernhill.example');
    expect(printed).not.toContain('lead10@fernhill.example');
    expect(printed).toContain('… and 2 more recipients');
  });

  it('presses a button by its number: Share posts the card in the channel', async () => {
    const printed = await typeInto(context, ['/smtp 550 5.7.26', '1']);
    const [answer = '', shared = ''] = printed.split('(posted in #local)');

    expect(answer).toContain('(only you can see this)');
    expect(answer).toContain('550 5.7.26');
    expect(answer).toMatch(/\[1\] Share in channel/);
    expect(shared).toContain('550 5.7.26');
    expect(shared).toContain('Shared by @you');
    expect(logs.text()).toBe('');
  });

  it('says so when a number matches no button, and when there are none at all', async () => {
    const printed = await typeInto(context, ['2', '/smtp 550 5.7.26', '7']);

    expect(printed).toContain('There are no buttons to press right now.');
    expect(printed).toContain('There is no button 7; choose 1 to 1.');
  });

  it('looks up a bounce typed without /smtp, as /smtp would', async () => {
    const printed = await typeInto(context, ['550 5.1.1 <a@b.example>: Recipient address rejected: User unknown']);

    expect(printed).toContain('(only you can see this)');
    expect(printed).toContain('550 5.1.1');
    expect(printed).toContain('Invalid recipient');
    expect(printed).not.toContain('Type a command such as');
    expect(await typeInto(context, ['421'])).toContain('Temporary');
  });

  it('stops reading at exit and explains what it accepts', async () => {
    const printed = await typeInto(context, ['hello', 'exit', '/smtp help']);

    expect(printed).toBe('Type a command such as /smtp 550 5.7.26 or /smtp help, a button number, or exit.\n');
  });
});
