import { unescapeMrkdwn } from '../slack/blocks/mrkdwn.js';

/** A button the console numbered, so the user can press it by typing its number. */
export interface NumberedButton {
  number: number;
  text: string;
  actionId: string;
  blockId: string;
  value: string | undefined;
  style: string | undefined;
  confirm: { title: string; text: string } | undefined;
}

export interface RenderedMessage {
  lines: string[];
  buttons: NumberedButton[];
}

type Json = Record<string, unknown>;

const asObject = (value: unknown): Json => (value !== null && typeof value === 'object' ? (value as Json) : {});
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

const emoji: Record<string, string> = {
  no_entry: '⛔',
  hourglass_flowing_sand: '⏳',
  white_check_mark: '✅',
  grey_question: '❔',
  warning: '⚠️',
  red_circle: '🔴',
  large_orange_circle: '🟠',
  large_yellow_circle: '🟡',
  large_green_circle: '🟢',
  wrench: '🔧',
  eyes: '👀',
  rotating_light: '🚨',
};

/** Slack mrkdwn outside code spans: links and mentions by their labels, emphasis markers dropped. */
function plainSegment(text: string, userNames: Readonly<Record<string, string>>): string {
  return text
    .replace(/<(?:https?:\/\/|mailto:)[^|>]*\|([^>]*)>/g, '$1')
    .replace(/<((?:https?:\/\/|mailto:)[^>]*)>/g, '$1')
    .replace(/<@([A-Z0-9]+)(?:\|([^>]*))?>/g, (_m, id: string, name?: string) => `@${name ?? userNames[id] ?? id}`)
    .replace(/<!date\^\d+\^[^|]*\|([^>]*)>/g, '$1')
    .replace(/\*([^*\n]+)\*/g, '$1')
    .replace(/(^|[^\w])_([^_\n]+)_(?![\w])/g, '$1$2')
    .replace(/~([^~\n]+)~/g, '$1')
    .replace(/:([a-z0-9_+-]+):/g, (whole, name: string) => emoji[name] ?? whole);
}

/** Slack mrkdwn to terminal text; `code spans` are kept as typed. */
export function mrkdwnToPlain(text: string, userNames: Readonly<Record<string, string>> = {}): string {
  const plain = text
    .split(/(`[^`\n]*`)/)
    .map((part) => (part.startsWith('`') && part.endsWith('`') && part.length > 1 ? part : plainSegment(part, userNames)))
    .join('');
  return unescapeMrkdwn(plain);
}

/**
 * Renders Block Kit blocks as readable terminal text: headers underlined, sections and fields,
 * context lines indented, dividers as rules, and every button numbered from `firstNumber`.
 */
export function renderBlocks(
  blocks: unknown[],
  fallbackText: string | undefined,
  firstNumber: number,
  userNames: Readonly<Record<string, string>> = {},
): RenderedMessage {
  const textOf = (value: unknown): string => {
    const text = asObject(value).text;
    return typeof text === 'string' ? mrkdwnToPlain(text, userNames) : '';
  };
  const lines: string[] = [];
  const buttons: NumberedButton[] = [];
  const addButton = (element: Json, blockId: string): string => {
    const confirm = asObject(element.confirm);
    const button: NumberedButton = {
      number: firstNumber + buttons.length,
      text: textOf(element.text),
      actionId: String(element.action_id ?? ''),
      blockId,
      value: typeof element.value === 'string' ? element.value : undefined,
      style: typeof element.style === 'string' ? element.style : undefined,
      confirm: element.confirm ? { title: textOf(confirm.title), text: textOf(confirm.text) } : undefined,
    };
    buttons.push(button);
    return `[${button.number}] ${button.text}`;
  };

  for (const raw of blocks) {
    const block = asObject(raw);
    const blockId = String(block.block_id ?? '');
    switch (block.type) {
      case 'header': {
        const title = textOf(block.text);
        lines.push(title, '═'.repeat(Math.min(title.length, 72)));
        break;
      }
      case 'section': {
        const text = textOf(block.text);
        if (text) lines.push(...text.split('\n'));
        for (const field of asArray(block.fields)) lines.push(...textOf(field).split('\n').map((line) => `  ${line}`));
        const accessory = asObject(block.accessory);
        if (accessory.type === 'button') lines.push(`  ${addButton(accessory, blockId)}`);
        break;
      }
      case 'context':
        lines.push(`  ${asArray(block.elements).map(textOf).filter(Boolean).join(' · ')}`);
        break;
      case 'divider':
        lines.push('─'.repeat(40));
        break;
      case 'actions': {
        const labels = asArray(block.elements)
          .map(asObject)
          .filter((element) => element.type === 'button')
          .map((element) => addButton(element, blockId));
        if (labels.length) lines.push(labels.join('   '));
        break;
      }
      case 'rich_text':
      case 'markdown':
        lines.push(mrkdwnToPlain(String(block.text ?? fallbackText ?? ''), userNames));
        break;
      default:
        break;
    }
  }
  if (lines.length === 0 && fallbackText) lines.push(...mrkdwnToPlain(fallbackText, userNames).split('\n'));
  return { lines, buttons };
}
