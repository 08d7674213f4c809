// In-process Bus: synchronous fan-out to local subscribers; a throwing subscriber cannot hurt the others.
import type { Bus, Listener } from './bus.js';
import type { StoredEvent } from '../store/store.js';

export class MemoryBus implements Bus {
  private listeners = new Set<Listener>();
  constructor(private onError: (e: unknown) => void = () => {}) {}
  publish(events: readonly StoredEvent[]) {
    for (const e of events) {
      for (const l of this.listeners) {
        try {
          l(e);
        } catch (err) {
          this.onError(err);
        }
      }
    }
  }
  subscribe(l: Listener) {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }
  async close() {
    this.listeners.clear();
  }
}
