// The outbox dispatcher: turns change-log events into deliveries, moving its durable cursor in the same transaction.
import { randomUUID } from 'node:crypto';
import type { Store } from '../store/store.js';
import type { WebhookStore } from '../store/webhook-store.js';
import { PRESENCE_EVENT, presenceEventBody } from './webhook-body.js';

const BATCH = 500;

export class OutboxDispatcher {
  private running: Promise<void> | null = null;
  private again = false;

  constructor(
    private log: Pick<Store, 'readEvents'>,
    private store: WebhookStore,
    private now: () => number,
    /** Told which endpoints just got deliveries. */
    private onDeliveries: (webhookIds: Set<string>) => void,
  ) {}

  /**
   * Dispatches everything after the cursor. Calls made while a run is going share it, and it goes round
   * once more, so an event committed meanwhile is never left behind and no two runs read the same cursor.
   */
  run(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.loop().finally(() => (this.running = null));
    return this.running;
  }

  /** Resolves when no run is going (shutdown waits for this before the store closes). */
  async settled(): Promise<void> {
    while (this.running) await this.running.catch(() => {});
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      for (;;) {
        const events = await this.log.readEvents(await this.store.cursor(), BATCH);
        if (events.length === 0) break;
        const items = events
          .filter((e) => e.type === 'presence.changed')
          .map((e) => ({ seq: e.seq, accountId: e.accountId, userId: e.userId, event: PRESENCE_EVENT, body: presenceEventBody(e) }));
        const touched = await this.store.dispatch(items, events[events.length - 1]!.seq, this.now(), randomUUID);
        if (touched.size) this.onDeliveries(touched);
        if (events.length < BATCH) break;
      }
    } while (this.again);
  }
}
