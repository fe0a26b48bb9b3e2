import { slackIdPattern } from '../../slack-ids.js';

/** Escape text for Slack mrkdwn, where <, > and & are markup (links, mentions, entities). */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Undo escapeMrkdwn: the text as typed, from what Slack sends or shows. */
export function unescapeMrkdwn(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

const userId = slackIdPattern('user');

/** Who did something: a Slack user as a mention; a CLI user name or `import` as plain text. */
export function mention(actor: string): string {
  return userId.test(actor) ? `<@${actor}>` : escapeMrkdwn(actor);
}

/** An approver from APPROVERS: a user group (S…) as a group mention, a person as a user mention. */
export function approverMention(id: string): string {
  return id.startsWith('S') ? `<!subteam^${id}>` : `<@${id}>`;
}
