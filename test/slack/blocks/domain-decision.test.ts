import type { KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { decodeDomainButtonValue, domainButtons } from '../../../src/slack/blocks/domain-buttons.js';
import {
  alreadyDecidedText,
  decisionLine,
  decisionText,
  keptText,
  notAllowedText,
  rotationBlocks,
  withDecisionLine,
} from '../../../src/slack/blocks/domain-decision.js';
import { blockKitViolations } from '../../../src/slack/blocks/limits.js';
import type { DomainRow } from '../../../src/store/fleet.js';

const at = new Date('2026-11-27T14:03:00Z');
const longDomain = `${'a'.repeat(60)}.${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(60)}.example`;

describe('domain decision blocks', () => {
  it('says who decided and when, in Slack date markup with a UTC fallback, and escapes names', () => {
    expect(decisionText({ domain: 'burnt.example', status: 'pulled', by: { actor: 'U0APPROVER', at } })).toBe(
      ':no_entry: *burnt.example*: Pulled by <@U0APPROVER> at <!date^1795788180^{date_short_pretty} at {time}|2026-11-27 14:03 UTC>.',
    );
    expect(decisionText({ domain: 'a.example', status: 'active', by: { actor: '<alice>', at } })).toContain('Reactivated by &lt;alice&gt; at');
    expect(decisionText({ domain: 'a.example', status: 'reserved' })).toBe(':package: *a.example* is reserved.');
    expect(alreadyDecidedText({ domain: 'a.example', status: 'pulled', by: { actor: 'U0B', at } }, 'pulled')).toMatch(/^\*a\.example\* was already pulled by <@U0B> at <!date\^/);
    expect(alreadyDecidedText({ domain: 'a.example', status: 'reserved', by: { actor: 'U0B', at } }, 'pulled')).toMatch(/is reserved now by <@U0B>.*no longer applies/);
    expect(keptText('a.example', { actor: 'U0B', at }, '2026-11-30')).toContain('not listed again before 2026-11-30');
    expect(notAllowedText(['U0ANA', 'S0OPS'])).toBe('You are not allowed to change sending domains, so nothing changed: ask <@U0ANA>, <!subteam^S0OPS>.');
  });

  it("replaces only the domain's actions block, and appends the line to a message without one", () => {
    const message: KnownBlock[] = [
      { type: 'section', text: { type: 'mrkdwn', text: 'one' } },
      domainButtons({ domain: 'one.example', status: 'active' }),
      domainButtons({ domain: 'two.example', status: 'active' }),
    ];
    const line = decisionLine('two.example', 'Pulled');
    expect(withDecisionLine(message, 'two.example', line)).toEqual([message[0], message[1], line]);
    expect(withDecisionLine([message[0]!], 'two.example', line)).toEqual([message[0], line]);
  });

  it('suggests reserves with Activate buttons whose value is a reactivation from reserved, within Block Kit limits', () => {
    const reserve = (domain: string): DomainRow => ({ domain, status: 'reserved', provider: 'google', status_changed_at: at, created_at: at });
    const blocks = rotationBlocks(longDomain, [reserve('spare.example'), reserve(longDomain)]);
    expect(blockKitViolations(blocks)).toEqual([]);
    const button = blocks[1]?.type === 'section' ? blocks[1].accessory : undefined;
    expect(button).toMatchObject({ type: 'button', action_id: 'domain_reactivate', text: { text: 'Activate' } });
    expect(decodeDomainButtonValue(button?.type === 'button' ? button.value : undefined)).toEqual({ domain: 'spare.example', from: 'reserved' });
    expect(blockKitViolations(rotationBlocks('x.example', []))).toEqual([]);
    expect(blockKitViolations([decisionLine(longDomain, decisionText({ domain: longDomain, status: 'pulled', by: { actor: 'U0B', at } }))])).toEqual([]);
  });

  it('carries the verdict and rules the clicker saw in the button value, once each', () => {
    const block = domainButtons({ domain: 'a.example', status: 'active', day: '2026-11-27', verdict: 'fix', rules: ['bounce_rate', 'bounce_rate', 'invalid_rate'] });
    const value = block.elements[0]?.type === 'button' ? block.elements[0].value : undefined;
    expect(decodeDomainButtonValue(value)).toEqual({ domain: 'a.example', from: 'active', day: '2026-11-27', verdict: 'fix', rules: ['bounce_rate', 'invalid_rate'] });
    expect(decodeDomainButtonValue(JSON.stringify({ domain: 'a.example', from: 'active', rules: ['made_up'] }))).toBeNull();
  });
});
