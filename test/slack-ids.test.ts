import { describe, expect, it } from 'vitest';
import { slackIdPattern } from '../src/slack-ids.js';

describe('slackIdPattern', () => {
  it('takes each kind by its own letters only', () => {
    expect(['U0123ABCD', 'W0123ABCD'].every((id) => slackIdPattern('user').test(id))).toBe(true);
    expect(slackIdPattern('user').test('S0123ABCD')).toBe(false);
    expect(slackIdPattern('approver').test('S0123ABCD')).toBe(true);
    expect(['C0123ABCD', 'G0123ABCD'].every((id) => slackIdPattern('channel').test(id))).toBe(true);
    expect(slackIdPattern('channel').test('U0123ABCD')).toBe(false);
  });

  it('refuses names, lower case and a lone letter', () => {
    expect(['alice', 'u0123abcd', 'U', 'U0123-ABC', 'import'].some((id) => slackIdPattern('user').test(id))).toBe(false);
  });
});
