import { describe, expect, it } from 'vitest';
import { blockKitViolations } from '../../../src/slack/blocks/limits.js';
import { usageBlocks, usageText } from '../../../src/slack/blocks/usage.js';

describe('usage', () => {
  it.each(['/smtp 550 5.7.26', '/smtp 421 4.7.0 [TSS04]', '/smtp digest', '/smtp domain example.com', '/smtp help', 'bounce'])(
    'mentions %s in text and blocks',
    (example) => {
      expect(usageText).toContain(example);
      expect(JSON.stringify(usageBlocks())).toContain(example);
    },
  );

  it('fits Block Kit and escapes mrkdwn markup', () => {
    expect(blockKitViolations(usageBlocks())).toEqual([]);
    expect(JSON.stringify(usageBlocks())).toContain('&lt;paste a bounce&gt;');
  });
});
