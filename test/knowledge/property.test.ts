// 100,000 random and hostile inputs: nothing throws, the contract holds, every card fits Slack.
import { describe, expect, it } from 'vitest';
import { classifyBounce } from '../../src/knowledge/bounce-reading.js';
import { explain } from '../../src/knowledge/explain.js';
import { renderExplanation } from '../../src/knowledge/render.js';
import { actions, categories, matchKinds, replyClasses } from '../../src/knowledge/types.js';
import { explanationBlocks, explanationText } from '../../src/slack/blocks/explanation.js';
import { blockKitViolations } from '../../src/slack/blocks/limits.js';
import { hostileCorpus } from './hostile-corpus.js';

const contractKeys = [
  'input', 'reply_code', 'enhanced_code', 'class', 'retry', 'category', 'action', 'provider', 'title',
  'meaning', 'provider_meaning', 'cold_email', 'next_steps', 'matched', 'smtp_stage', 'recipient', 'remote_host',
];
/** Present only when the text names more than one failed recipient. */
const severalRecipientsKeys = [...contractKeys, 'recipients'];

describe('hostile input', () => {
  it('never breaks explain(), classifyBounce() or the cards, over 100,000 inputs', () => {
    let count = 0;
    let longest = 0;
    for (const input of hostileCorpus(100_000)) {
      count++;
      longest = Math.max(longest, input.length);
      const explanation = explain(input);
      const keys = Object.keys(explanation).join();
      if (keys !== contractKeys.join() && keys !== severalRecipientsKeys.join()) expect(Object.keys(explanation)).toEqual(contractKeys);
      if (
        !replyClasses.includes(explanation.class) ||
        !categories.includes(explanation.category) ||
        !actions.includes(explanation.action) ||
        !matchKinds.includes(explanation.matched) ||
        explanation.retry !== (explanation.class === 'transient') ||
        explanation.next_steps.length < 1 ||
        explanation.next_steps.length > 4
      ) {
        expect.fail(`contract broken for input ${JSON.stringify(input.slice(0, 200))}: ${JSON.stringify({ ...explanation, input: undefined })}`);
      }
      const blocks = explanationBlocks(explanation, count % 2 === 0 ? { sharedBy: 'U0123ABC' } : {});
      const violations = blockKitViolations(blocks);
      if (violations.length > 0) expect.fail(`${violations.join('; ')} for input ${JSON.stringify(input.slice(0, 200))}`);
      if (explanationText(explanation).length === 0 || renderExplanation(explanation).length === 0) expect.fail('empty rendering');
      classifyBounce(input, count % 3 === 0 ? 550 : null, count % 5 === 0 ? '5.7.26' : null);
    }
    expect(count).toBe(100_000);
    expect(longest).toBeGreaterThan(30_000);
  }, 120_000);
});
