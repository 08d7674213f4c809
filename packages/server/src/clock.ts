// Time source: the system clock, or a manual one that only moves when told to.
export interface Clock {
  now(): number;
  readonly manual: boolean;
}

export class SystemClock implements Clock {
  readonly manual = false;
  now() { return Date.now(); }
}

export class ManualClock implements Clock {
  readonly manual = true;
  private listeners = new Set<(now: number) => void>();
  constructor(private t: number) {}
  now() { return this.t; }
  /** Moves time forward (never backward) and tells listeners, which run due work synchronously. */
  advance(ms: number): number {
    this.t += Math.max(0, ms);
    for (const l of this.listeners) l(this.t);
    return this.t;
  }
  set(t: number): number {
    return this.advance(t - this.t);
  }
  onAdvance(l: (now: number) => void): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }
}
