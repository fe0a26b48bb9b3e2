/** The `error` code of a failed Web API call (e.g. `not_in_channel`), when Slack gave one. */
export function slackErrorCode(error: unknown): string | undefined {
  const data = (error as { data?: { error?: unknown } } | undefined)?.data;
  return typeof data?.error === 'string' ? data.error : undefined;
}

/** Errors that another attempt cannot fix. */
const permanent = new Set(['message_not_found', 'channel_not_found', 'not_in_channel', 'is_archived', 'cant_update_message', 'invalid_blocks', 'msg_too_long', 'msg_blocks_too_long', 'expired_url']);

/** Runs a Slack call up to `attempts` times, waiting a little longer each time; rethrows the last error. */
export async function retrySlack<T>(call: () => Promise<T>, attempts = 3, delayMs = 200): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const code = slackErrorCode(error);
      if (attempt >= attempts || (code !== undefined && permanent.has(code))) throw error;
      await new Promise((resolve) => setTimeout(resolve, delayMs * attempt));
    }
  }
}
