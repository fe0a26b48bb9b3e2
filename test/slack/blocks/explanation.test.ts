import type { ActionsBlock, Button, ContextBlock, HeaderBlock, KnownBlock, SectionBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { explain } from '../../../src/knowledge/explain.js';
import { explanationBlocks, explanationText, shareExplanationActionId } from '../../../src/slack/blocks/explanation.js';
import { blockKitViolations } from '../../../src/slack/blocks/limits.js';

function texts(blocks: KnownBlock[]): string {
  return JSON.stringify(blocks);
}

describe('explanationBlocks', () => {
  const gmail = explain('550-5.7.26 This mail has been blocked because the sender is unauthenticated. gsmtp');

  it('shows code and title in the header, the retry badge, meaning, cold-email line, steps, provider and sources', () => {
    const blocks = explanationBlocks(gmail);
    const header = blocks[0] as HeaderBlock;
    expect(header.type).toBe('header');
    expect(header.text.text).toContain('550 5.7.26');
    expect(header.text.text).toContain(gmail.title);
    const all = texts(blocks);
    expect(all).toContain('do not retry');
    expect(all).toContain('What it means');
    expect(all).toContain('cold-email sender');
    expect(all).toContain('Next steps');
    expect(all).toContain('What Gmail / Google Workspace means by it');
    const sources = blocks.find((block): block is ContextBlock => block.type === 'context');
    expect(JSON.stringify(sources)).toContain('RFC 7372');
    expect(JSON.stringify(sources)).toContain('Gmail');
    expect(blockKitViolations(blocks)).toEqual([]);
  });

  it('names the recipient, stage and server, and lists the other recipients of a report', () => {
    const explanation = explain(
      '<dana@fernhill.example>: host mx.fernhill.example[198.51.100.7] said: 552 5.2.2 Mailbox quota exceeded (in reply to RCPT TO command) ' +
        '<lee@fernhill.example>: host mx.fernhill.example[198.51.100.7] said: 550 5.1.1 User unknown (in reply to RCPT TO command)',
    );
    const all = texts(explanationBlocks(explanation));
    expect(all).toContain('Recipient: dana@fernhill.example · Stage: RCPT TO · Server: mx.fernhill.example');
    expect(all).toContain('*Other recipients*');
    expect(all).toContain('• lee@fernhill.example: 550 5.1.1 · Invalid recipient · RCPT TO');
    expect(texts(explanationBlocks(gmail))).not.toContain('Other recipients');
  });

  it('offers a share button carrying the original input', () => {
    const blocks = explanationBlocks(gmail);
    const actions = blocks.at(-1) as ActionsBlock;
    expect(actions.type).toBe('actions');
    const button = actions.elements[0] as Button;
    expect(button.action_id).toBe(shareExplanationActionId);
    expect(button.action_id).toBe('share_explanation');
    expect(button.value).toBe(gmail.input);
    expect(explain(button.value ?? '')).toEqual(gmail);
  });

  it('drops the button and names the sharer when shared', () => {
    const blocks = explanationBlocks(gmail, { sharedBy: 'U0123ABC' });
    expect(blocks.some((block) => block.type === 'actions')).toBe(false);
    expect(JSON.stringify(blocks.at(-1))).toContain('Shared by <@U0123ABC>');
    expect(JSON.stringify(explanationBlocks(gmail, { sharedBy: '<!channel>' }))).not.toContain('<!channel>');
  });

  it('leaves out the provider section when there is no provider reading', () => {
    expect(texts(explanationBlocks(explain('550 5.1.1')))).not.toContain('means by it');
  });

  it('stays within limits for a 40 KB paste and truncates the button value to 2000', () => {
    const paste = `550 5.1.1 ${'x'.repeat(40_000)}`;
    const blocks = explanationBlocks(explain(paste));
    expect(blockKitViolations(blocks)).toEqual([]);
    const button = (blocks.at(-1) as ActionsBlock).elements[0] as Button;
    expect(button.value?.length).toBeLessThanOrEqual(2000);
    expect(explain(button.value ?? '').reply_code).toBe(550);
  });

  it('renders a card even when nothing was recognised', () => {
    const blocks = explanationBlocks(explain('hello'));
    expect(blockKitViolations(blocks)).toEqual([]);
    expect((blocks[0] as HeaderBlock).text.text).toContain('No SMTP code recognised');
    expect(JSON.stringify(blocks.find((block): block is SectionBlock => block.type === 'section'))).toContain('Unclear');
  });
});

describe('explanationText', () => {
  it('gives a one-line notification text', () => {
    const text = explanationText(explain('421 4.7.0 [TSS04] deferred'));
    expect(text).toContain('421 4.7.0');
    expect(text).toContain('Temporary');
    expect(text).not.toContain('\n');
  });
});
