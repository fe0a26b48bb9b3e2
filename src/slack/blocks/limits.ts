/** Slack Block Kit limits, one source of truth for every block builder and its tests. */
export const blockKitLimits = {
  blocksPerMessage: 50,
  sectionText: 3000,
  sectionFields: 10,
  sectionFieldText: 2000,
  headerText: 150,
  contextElements: 10,
  contextText: 3000,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  buttonUrl: 3000,
  actionId: 255,
  blockId: 255,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
  /** Not published by Slack: a conservative cap on all text in one message, against msg_blocks_too_long. */
  messageText: 12000,
} as const;

const ellipsis = '…';

/** Cut `text` to at most `max` UTF-16 units, ending in '…', without splitting a surrogate pair. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  let end = max - ellipsis.length;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return text.slice(0, Math.max(0, end)) + ellipsis;
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Collects violations and counts the message's total text while walking it. */
class Checker {
  readonly problems: string[] = [];
  totalText = 0;

  length(path: string, value: unknown, max: number, required = false): void {
    if (value === undefined && !required) return;
    if (typeof value !== 'string') {
      this.problems.push(`${path}: expected a string`);
      return;
    }
    if (required && value.length === 0) this.problems.push(`${path}: must not be empty`);
    if (value.length > max) this.problems.push(`${path}: ${value.length} characters, limit ${max}`);
  }

  textObject(path: string, value: unknown, max: number, plainOnly = false): void {
    if (!isObject(value)) {
      this.problems.push(`${path}: expected a text object`);
      return;
    }
    if (value.type !== 'plain_text' && (plainOnly || value.type !== 'mrkdwn')) {
      this.problems.push(`${path}.type: expected ${plainOnly ? 'plain_text' : 'plain_text or mrkdwn'}`);
    }
    this.length(`${path}.text`, value.text, max, true);
    if (typeof value.text === 'string') this.totalText += value.text.length;
  }

  count(path: string, value: unknown, max: number): readonly unknown[] {
    if (!Array.isArray(value)) {
      this.problems.push(`${path}: expected an array`);
      return [];
    }
    if (value.length === 0) this.problems.push(`${path}: must not be empty`);
    if (value.length > max) this.problems.push(`${path}: ${value.length} items, limit ${max}`);
    return value;
  }

  confirm(path: string, value: unknown): void {
    if (value === undefined) return;
    if (!isObject(value)) {
      this.problems.push(`${path}: expected a confirm object`);
      return;
    }
    this.textObject(`${path}.title`, value.title, blockKitLimits.confirmTitle, true);
    this.textObject(`${path}.text`, value.text, blockKitLimits.confirmText);
    this.textObject(`${path}.confirm`, value.confirm, blockKitLimits.confirmButton, true);
    this.textObject(`${path}.deny`, value.deny, blockKitLimits.confirmButton, true);
  }

  element(path: string, value: unknown): void {
    if (!isObject(value)) {
      this.problems.push(`${path}: expected an element object`);
      return;
    }
    this.length(`${path}.action_id`, value.action_id, blockKitLimits.actionId);
    if (value.type === 'button') {
      this.textObject(`${path}.text`, value.text, blockKitLimits.buttonText, true);
      this.length(`${path}.value`, value.value, blockKitLimits.buttonValue);
      this.length(`${path}.url`, value.url, blockKitLimits.buttonUrl);
      if (typeof value.value === 'string') this.totalText += value.value.length;
    }
    this.confirm(`${path}.confirm`, value.confirm);
  }

  block(path: string, block: unknown): void {
    if (!isObject(block)) {
      this.problems.push(`${path}: expected a block object`);
      return;
    }
    this.length(`${path}.block_id`, block.block_id, blockKitLimits.blockId);
    switch (block.type) {
      case 'section':
        if (block.text === undefined && block.fields === undefined) this.problems.push(`${path}: needs text or fields`);
        if (block.text !== undefined) this.textObject(`${path}.text`, block.text, blockKitLimits.sectionText);
        if (block.fields !== undefined) {
          this.count(`${path}.fields`, block.fields, blockKitLimits.sectionFields).forEach((field, index) =>
            this.textObject(`${path}.fields[${index}]`, field, blockKitLimits.sectionFieldText),
          );
        }
        if (block.accessory !== undefined) this.element(`${path}.accessory`, block.accessory);
        return;
      case 'header':
        this.textObject(`${path}.text`, block.text, blockKitLimits.headerText, true);
        return;
      case 'context':
        this.count(`${path}.elements`, block.elements, blockKitLimits.contextElements).forEach((element, index) => {
          if (isObject(element) && element.type === 'image') return;
          this.textObject(`${path}.elements[${index}]`, element, blockKitLimits.contextText);
        });
        return;
      case 'actions':
        this.count(`${path}.elements`, block.elements, blockKitLimits.actionsElements).forEach((element, index) =>
          this.element(`${path}.elements[${index}]`, element),
        );
        return;
      case 'divider':
        return;
      default:
        this.problems.push(`${path}.type: unknown block type ${JSON.stringify(block.type)}`);
    }
  }
}

/**
 * Every way `blocks` breaks Slack's Block Kit limits for a message (empty when it is fine).
 * Knows section, header, context, actions and divider blocks, buttons and confirm dialogs.
 */
export function blockKitViolations(blocks: unknown[]): string[] {
  const checker = new Checker();
  if (blocks.length > blockKitLimits.blocksPerMessage) {
    checker.problems.push(`blocks: ${blocks.length} blocks, limit ${blockKitLimits.blocksPerMessage}`);
  }
  blocks.forEach((block, index) => checker.block(`blocks[${index}]`, block));
  if (checker.totalText > blockKitLimits.messageText) {
    checker.problems.push(`blocks: ${checker.totalText} characters of text in total, budget ${blockKitLimits.messageText}`);
  }
  return checker.problems;
}

const fits = (blocks: unknown[]) => blockKitViolations(blocks).length === 0;

/**
 * Fills a message: `head`, as many of the chunks from `start` on as stay within Block Kit's limits,
 * and `footer` (which the caller appends). Whether n chunks fit only gets harder as n grows, so a
 * binary search finds the most.
 */
export function packBlocks<Block>(chunks: readonly Block[][], head: Block[], footer: Block[], start: number): { blocks: Block[]; next: number } {
  const take = (count: number) => [...head, ...chunks.slice(start, start + count).flat()];
  let low = 0;
  let high = Math.min(chunks.length - start, blockKitLimits.blocksPerMessage);
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (fits([...take(middle), ...footer])) low = middle;
    else high = middle - 1;
  }
  return { blocks: take(low), next: start + low };
}
