import type { App, Receiver, ReceiverEvent } from '@slack/bolt';

/**
 * A Bolt receiver fed by the console instead of the network: each typed command or button press
 * becomes the same body Slack would send, handed to `app.processEvent`, so the real listeners run.
 */
export class ConsoleReceiver implements Receiver {
  private app: App | undefined;

  init(app: App): void {
    this.app = app;
  }

  async start(): Promise<void> {}

  async stop(): Promise<void> {}

  /** Dispatches one request body; `onAck` receives what the listener acknowledged with. */
  async dispatch(body: Record<string, unknown>, onAck: (response: unknown) => void): Promise<void> {
    if (!this.app) throw new Error('ConsoleReceiver used before the app was built');
    let acked = false;
    const event: ReceiverEvent = {
      body,
      ack: async (response?: unknown) => {
        if (acked) return;
        acked = true;
        if (response !== undefined && response !== '') onAck(response);
      },
    };
    await this.app.processEvent(event);
  }
}
