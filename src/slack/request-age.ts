import type { RequestListener } from 'node:http';

/** Slack's window for a signed request's timestamp, either way from now. */
const maxSkewSeconds = 5 * 60;

/**
 * Bolt refuses a signed request older than five minutes but takes one dated any time ahead, which
 * a replayed request signed for the future would pass. This answers 401 to a Slack timestamp more
 * than five minutes ahead before Bolt sees the request; requests without one go on unchanged.
 * The clock is the machine's, as Bolt's own check uses, not the app's day clock.
 */
export function refusingFutureTimestamps(next: RequestListener, now: () => Date = () => new Date()): RequestListener {
  return (req, res) => {
    const timestamp = Number(req.headers['x-slack-request-timestamp']);
    if (Number.isFinite(timestamp) && timestamp > now().getTime() / 1000 + maxSkewSeconds) {
      res.writeHead(401).end();
      return;
    }
    next(req, res);
  };
}
