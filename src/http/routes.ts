import type { CustomRoute } from '@slack/bolt';
import type { AppContext } from '../context.js';
import { healthzRoute } from './healthz.js';
import { webhookRoutes } from './webhooks.js';

/** Plain HTTP routes served beside Slack's /slack/events (HTTP mode) or on PORT (Socket Mode). */
export function httpRoutes(context: AppContext): CustomRoute[] {
  return [healthzRoute(context), ...webhookRoutes(context)];
}
