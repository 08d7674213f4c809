// The event bus: committed presence changes fan out to streams, webhooks and the dashboard.
import type { StoredEvent } from '../store/store.js';

export type Listener = (e: StoredEvent) => void;

export interface Bus {
  /** Called after the events were committed. */
  publish(events: readonly StoredEvent[]): void;
  subscribe(l: Listener): () => void;
  close(): Promise<void>;
}
