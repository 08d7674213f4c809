// The last N stream events, kept so a reconnecting client can resume without a fresh snapshot.

export type RingEntry = { seq: number; accountId: string; userId: string; frame: Buffer };

export class StreamRing {
  private items: Array<RingEntry | undefined>;
  private start = 0;
  private size = 0;
  /** Every published event with a sequence above this is still held (once `floor` is known). */
  floor = 0;

  constructor(readonly capacity: number) {
    this.items = new Array(capacity);
  }

  get length(): number {
    return this.size;
  }

  first(): RingEntry | undefined {
    return this.size ? this.items[this.start] : undefined;
  }

  push(e: RingEntry): void {
    if (this.size === this.capacity) {
      this.floor = this.items[this.start]!.seq;
      this.items[this.start] = e;
      this.start = (this.start + 1) % this.capacity;
      return;
    }
    this.items[(this.start + this.size) % this.capacity] = e;
    this.size++;
  }

  /** Entries with a sequence above `seq`, oldest first. */
  *after(seq: number): Generator<RingEntry> {
    for (let i = 0; i < this.size; i++) {
      const e = this.items[(this.start + i) % this.capacity]!;
      if (e.seq > seq) yield e;
    }
  }
}
