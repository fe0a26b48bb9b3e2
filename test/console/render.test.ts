import { describe, expect, it } from 'vitest';
import { renderBlocks } from '../../src/console/render.js';

const digestBlocks = [
  { type: 'header', text: { type: 'plain_text', text: 'Domain health · 27 Nov' } },
  {
    type: 'section',
    text: { type: 'mrkdwn', text: '*acme-mail.com* should be *pulled*\nBounce rate over the line, see <https://example.com/runbook|the runbook>' },
    fields: [
      { type: 'mrkdwn', text: '*Bounce rate*\n9.1 %' },
      { type: 'mrkdwn', text: '*Sent*\n1,204' },
    ],
  },
  { type: 'context', elements: [{ type: 'mrkdwn', text: 'Checked by <@U0SMTPBOT>' }, { type: 'plain_text', text: '3 rules fired' }] },
  { type: 'divider' },
  {
    type: 'actions',
    block_id: 'domain:acme-mail.com',
    elements: [
      {
        type: 'button',
        action_id: 'domain_pull',
        text: { type: 'plain_text', text: 'Pull domain' },
        value: 'acme-mail.com',
        style: 'danger',
        confirm: {
          title: { type: 'plain_text', text: 'Pull acme-mail.com?' },
          text: { type: 'mrkdwn', text: 'It stops sending *today*.' },
          confirm: { type: 'plain_text', text: 'Pull' },
          deny: { type: 'plain_text', text: 'Cancel' },
        },
      },
      { type: 'button', action_id: 'domain_reserve', text: { type: 'plain_text', text: 'Mark reserve' }, value: 'acme-mail.com' },
    ],
  },
];

describe('the console renderer', () => {
  it('shows a header underlined, section text and fields, context, a divider and numbered buttons', () => {
    const { lines } = renderBlocks(digestBlocks, 'fallback', 1, { U0SMTPBOT: 'smtp-desk' });

    expect(lines).toEqual([
      'Domain health · 27 Nov',
      '══════════════════════',
      'acme-mail.com should be pulled',
      'Bounce rate over the line, see the runbook',
      '  Bounce rate',
      '  9.1 %',
      '  Sent',
      '  1,204',
      '  Checked by @smtp-desk · 3 rules fired',
      '─'.repeat(40),
      '[1] Pull domain   [2] Mark reserve',
    ]);
  });

  it('numbers buttons from the given number and keeps what pressing one must send', () => {
    const { lines, buttons } = renderBlocks(digestBlocks, undefined, 4);

    expect(lines.at(-1)).toBe('[4] Pull domain   [5] Mark reserve');
    expect(buttons).toEqual([
      {
        number: 4,
        text: 'Pull domain',
        actionId: 'domain_pull',
        blockId: 'domain:acme-mail.com',
        value: 'acme-mail.com',
        style: 'danger',
        confirm: { title: 'Pull acme-mail.com?', text: 'It stops sending today.' },
      },
      {
        number: 5,
        text: 'Mark reserve',
        actionId: 'domain_reserve',
        blockId: 'domain:acme-mail.com',
        value: 'acme-mail.com',
        style: undefined,
        confirm: undefined,
      },
    ]);
  });

  it('numbers a section accessory button in reading order with the actions below it', () => {
    const { lines, buttons } = renderBlocks(
      [
        { type: 'section', block_id: 'card', text: { type: 'mrkdwn', text: 'Card' }, accessory: { type: 'button', action_id: 'share', text: { type: 'plain_text', text: 'Share' }, value: '550 5.7.26' } },
        { type: 'actions', elements: [{ type: 'button', action_id: 'more', text: { type: 'plain_text', text: 'More' } }] },
      ],
      undefined,
      1,
    );

    expect(lines).toEqual(['Card', '  [1] Share', '[2] More']);
    expect(buttons.map((button) => [button.number, button.actionId, button.blockId, button.value])).toEqual([
      [1, 'share', 'card', '550 5.7.26'],
      [2, 'more', '', undefined],
    ]);
  });

  it('turns Slack entities back into characters and keeps code spans as typed', () => {
    const { lines } = renderBlocks(
      [{ type: 'section', text: { type: 'mrkdwn', text: 'Run `dig TXT _dmarc.example.com` for &lt;example.com&gt; &amp; *its* inboxes' } }],
      undefined,
      1,
    );

    expect(lines).toEqual(['Run `dig TXT _dmarc.example.com` for <example.com> & its inboxes']);
  });

  it('falls back to the message text when there are no blocks', () => {
    expect(renderBlocks([], 'Only *text* here\nsecond line', 1)).toEqual({ lines: ['Only text here', 'second line'], buttons: [] });
  });
});
