import { describe, expect, it } from 'vitest';
import { blockKitLimits, blockKitViolations, truncate } from '../../../src/slack/blocks/limits.js';

const text = (length: number, type = 'mrkdwn') => ({ type, text: 'x'.repeat(length) });

describe('truncate', () => {
  it('leaves short text alone and cuts long text with an ellipsis, within max', () => {
    expect(truncate('abc', 3)).toBe('abc');
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('abcdef', 4)).toHaveLength(4);
    expect(truncate('abc', 0)).toBe('');
  });

  it('never splits a surrogate pair', () => {
    const cut = truncate('ab😀cd', 4);
    expect(cut.length).toBeLessThanOrEqual(4);
    expect(cut).toBe('ab…');
    expect(() => encodeURIComponent(cut)).not.toThrow();
  });
});

describe('blockKitViolations', () => {
  it('accepts a message within every limit', () => {
    expect(
      blockKitViolations([
        { type: 'header', text: text(blockKitLimits.headerText, 'plain_text') },
        { type: 'section', text: text(blockKitLimits.sectionText), block_id: 'b'.repeat(255) },
        { type: 'section', fields: Array.from({ length: 10 }, () => text(200)) },
        { type: 'context', elements: Array.from({ length: 10 }, () => text(10)) },
        { type: 'divider' },
        {
          type: 'actions',
          elements: [
            {
              type: 'button',
              action_id: 'a'.repeat(255),
              text: text(75, 'plain_text'),
              value: 'v'.repeat(2000),
              confirm: { title: text(100, 'plain_text'), text: text(300), confirm: text(30, 'plain_text'), deny: text(30, 'plain_text') },
            },
          ],
        },
      ]),
    ).toEqual([]);
  });

  it.each([
    ['too many blocks', Array.from({ length: 51 }, () => ({ type: 'divider' }))],
    ['long section text', [{ type: 'section', text: text(3001) }]],
    ['empty section', [{ type: 'section' }]],
    ['11 fields', [{ type: 'section', fields: Array.from({ length: 11 }, () => text(1)) }]],
    ['long field', [{ type: 'section', fields: [text(2001)] }]],
    ['long header', [{ type: 'header', text: text(151, 'plain_text') }]],
    ['mrkdwn header', [{ type: 'header', text: text(10) }]],
    ['empty header', [{ type: 'header', text: text(0, 'plain_text') }]],
    ['11 context elements', [{ type: 'context', elements: Array.from({ length: 11 }, () => text(1)) }]],
    ['26 actions', [{ type: 'actions', elements: Array.from({ length: 26 }, () => ({ type: 'button', text: text(1, 'plain_text'), action_id: 'a' })) }]],
    ['long button text', [{ type: 'actions', elements: [{ type: 'button', text: text(76, 'plain_text'), action_id: 'a' }] }]],
    ['long button value', [{ type: 'actions', elements: [{ type: 'button', text: text(1, 'plain_text'), action_id: 'a', value: 'v'.repeat(2001) }] }]],
    ['long action_id', [{ type: 'actions', elements: [{ type: 'button', text: text(1, 'plain_text'), action_id: 'a'.repeat(256) }] }]],
    ['long block_id', [{ type: 'divider', block_id: 'b'.repeat(256) }]],
    ['long confirm title', [{ type: 'actions', elements: [{ type: 'button', text: text(1, 'plain_text'), action_id: 'a', confirm: { title: text(101, 'plain_text'), text: text(1), confirm: text(1, 'plain_text'), deny: text(1, 'plain_text') } }] }]],
    ['long confirm text', [{ type: 'actions', elements: [{ type: 'button', text: text(1, 'plain_text'), action_id: 'a', confirm: { title: text(1, 'plain_text'), text: text(301), confirm: text(1, 'plain_text'), deny: text(1, 'plain_text') } }] }]],
    ['long confirm button', [{ type: 'actions', elements: [{ type: 'button', text: text(1, 'plain_text'), action_id: 'a', confirm: { title: text(1, 'plain_text'), text: text(1), confirm: text(31, 'plain_text'), deny: text(1, 'plain_text') } }] }]],
    ['too much text in total', Array.from({ length: 5 }, () => ({ type: 'section', text: text(3000) }))],
    ['unknown block type', [{ type: 'carousel' }]],
    ['not an object', [42]],
  ])('reports %s', (_name, blocks) => {
    expect(blockKitViolations(blocks).length).toBeGreaterThan(0);
  });
});
