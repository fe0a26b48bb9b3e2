import type { AllMiddlewareArgs } from '@slack/bolt';
import type { Logger } from '@slack/logger';

type WebClient = AllMiddlewareArgs['client'];

export interface Approvers {
  /** Whether `userId` is listed in APPROVERS, directly or through one of its user groups. */
  includes(client: WebClient, userId: string): Promise<boolean>;
}

/** How long a user group's members are trusted before asking Slack again. */
export const groupCacheMs = 60_000;

/**
 * APPROVERS resolved against Slack: user IDs match directly, user groups (S…) through
 * `usergroups.users.list` (scope usergroups:read), cached briefly. A group Slack cannot list
 * approves nobody (deny by default) and is asked again on the next click.
 */
export function approversFrom(ids: readonly string[], logger: Logger, now: () => Date): Approvers {
  const users = new Set(ids.filter((id) => !id.startsWith('S')));
  const groups = ids.filter((id) => id.startsWith('S'));
  const cache = new Map<string, { members: Promise<Set<string>>; expires: number }>();

  const members = (client: WebClient, group: string): Promise<Set<string>> => {
    const cached = cache.get(group);
    if (cached && cached.expires > now().getTime()) return cached.members;
    const lookup = client.usergroups.users.list({ usergroup: group }).then(
      (answer) => new Set(answer.users ?? []),
      (error: unknown) => {
        cache.delete(group);
        logger.warn(`usergroups.users.list for ${group} failed (${(error as Error).message}); its members are not approvers until it works`);
        return new Set<string>();
      },
    );
    cache.set(group, { members: lookup, expires: now().getTime() + groupCacheMs });
    return lookup;
  };

  return {
    async includes(client, userId) {
      if (users.has(userId)) return true;
      for (const group of groups) {
        if ((await members(client, group)).has(userId)) return true;
      }
      return false;
    },
  };
}
