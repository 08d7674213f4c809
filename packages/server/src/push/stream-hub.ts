// Fan-out of committed presence changes to open streams: one bus subscription, one serialization per event.
import type { ServerResponse } from 'node:http';
import type { Bus } from '../bus/bus.js';
import type { Clock } from '../clock.js';
import type { Store, StoredEvent } from '../store/store.js';
import { type Audience, type Frame, PING, SseConnection, sseFrame, sseRetry } from './sse.js';
import { presencePayload, snapshotPayload } from './stream-payloads.js';
import { type RingEntry, StreamRing } from './stream-ring.js';
import { highestSeq, parseEventId } from './stream-seq.js';

export type StreamHubOptions = {
  bufferSize: number;
  heartbeatMs: number;
  maxQueueBytes: number;
  retryMs: number;
  documentedEnum: boolean;
};

type Log = { error(o: object, msg: string): void };

const sees = (a: Audience, accountId: string, userId: string) =>
  a.accountId === accountId && (a.userId === null || a.userId === userId);

export class StreamHub {
  private ring: StreamRing;
  private head = 0;
  private all = new Set<SseConnection>();
  private byAccount = new Map<string, Set<SseConnection>>();
  private byUser = new Map<string, Set<SseConnection>>();
  private heartbeat: NodeJS.Timeout | null = null;
  private unsubscribe: () => void;
  private ready: Promise<void>;
  private closed = false;
  private retry: Buffer;
  private outbox: RingEntry[] = [];

  constructor(private store: Store, bus: Bus, private clock: Clock, private o: StreamHubOptions, private log: Log) {
    this.ring = new StreamRing(o.bufferSize);
    this.retry = sseRetry(o.retryMs);
    // Subscribe before anything else, so every event committed from here on reaches the ring.
    this.unsubscribe = bus.subscribe((e) => this.publish(e));
    this.ready = highestSeq(store).then(
      (h) => {
        this.head = Math.max(this.head, h);
        const first = this.ring.first();
        this.ring.floor = Math.max(this.ring.floor, first ? first.seq - 1 : h);
      },
      (err) => {
        // Without the store's head the ring cannot vouch for older ids: resumes go to the store or a snapshot.
        this.ring.floor = Number.POSITIVE_INFINITY;
        this.log.error({ err }, 'stream: reading the event log head failed');
      },
    );
  }

  /** Serves one stream on `res` (headers already sent) until the client leaves or the server closes. */
  async open(res: ServerResponse, audience: Audience, lastEventId: string | undefined): Promise<void> {
    const conn = new SseConnection(res, audience, this.o.maxQueueBytes, (c) => this.remove(c));
    if (this.closed) return conn.end();
    // Registered first: events published while the start is written are held, then flushed in order.
    this.add(conn);
    conn.write(this.retry);
    try {
      await this.ready;
      const after = parseEventId(lastEventId);
      const missed = after === null ? null : await this.missedSince(after, audience);
      if (conn.closed) return;
      if (missed) {
        for (const f of missed.frames) conn.replay(f);
        conn.go(missed.upTo);
        return;
      }
      const seq = this.head;
      const body = await snapshotPayload(this.store, audience, this.clock.now(), this.o.documentedEnum);
      if (conn.closed) return;
      conn.write(sseFrame('snapshot', seq, body));
      conn.go(seq);
    } catch (err) {
      this.log.error({ err }, 'stream: start failed');
      conn.cutOff();
    }
  }

  /**
   * Frames the audience missed after `after`, complete up to `upTo` (later ones arrive live), or null when
   * they are not all known and a snapshot is due.
   */
  private async missedSince(after: number, a: Audience): Promise<{ frames: Frame[]; upTo: number } | null> {
    if (after > this.head) return null;
    if (after >= this.ring.floor) {
      return { frames: [...this.ring.after(after)].filter((e) => sees(a, e.accountId, e.userId)), upTo: this.head };
    }
    // Older than the ring (e.g. after a restart): the change log, but never more than the ring would hold.
    const events = await this.store.readEvents(after, this.o.bufferSize + 1);
    if (events.length > this.o.bufferSize) return null;
    return {
      frames: events.filter((e) => sees(a, e.accountId, e.userId)).map((e) => ({ seq: e.seq, frame: this.frameOf(e) })),
      upTo: events.at(-1)?.seq ?? after,
    };
  }

  private frameOf(e: StoredEvent): Buffer {
    return sseFrame('presence', e.seq, presencePayload(e, this.o.documentedEnum));
  }

  private publish(e: StoredEvent): void {
    const entry = { seq: e.seq, accountId: e.accountId, userId: e.userId, frame: this.frameOf(e) };
    this.ring.push(entry);
    if (e.seq > this.head) this.head = e.seq;
    if (this.all.size === 0) return;
    // Fan out on the next turn: the request that made the change gets its reply first, and a burst of events
    // reaches each socket in one write. Streams opened meanwhile find the event in the ring (duplicates drop).
    this.outbox.push(entry);
    if (this.outbox.length === 1) setImmediate(this.flush);
  }

  private flush = (): void => {
    const batch = this.outbox;
    this.outbox = [];
    for (const entry of batch) {
      const whole = this.byAccount.get(entry.accountId);
      if (whole) for (const c of whole) c.send(entry);
      const single = this.byUser.get(entry.userId);
      if (single) for (const c of single) if (c.audience.accountId === entry.accountId) c.send(entry);
    }
  };

  private add(c: SseConnection): void {
    this.all.add(c);
    const { accountId, userId } = c.audience;
    const map = userId === null ? this.byAccount : this.byUser;
    const key = userId ?? accountId;
    let set = map.get(key);
    if (!set) map.set(key, (set = new Set()));
    set.add(c);
    if (!this.heartbeat) {
      this.heartbeat = setInterval(() => this.beat(), this.o.heartbeatMs);
      this.heartbeat.unref();
    }
  }

  private remove(c: SseConnection): void {
    if (!this.all.delete(c)) return;
    const { accountId, userId } = c.audience;
    const map = userId === null ? this.byAccount : this.byUser;
    const key = userId ?? accountId;
    const set = map.get(key);
    if (set?.delete(c) && set.size === 0) map.delete(key);
    if (this.all.size === 0 && this.heartbeat) {
      clearInterval(this.heartbeat);
      this.heartbeat = null;
    }
  }

  /** Keeps idle connections (and proxies) alive, and ends streams whose token has expired. */
  private beat(): void {
    const now = this.clock.now();
    for (const c of this.all) {
      if (now >= c.audience.expiresAt) c.end();
      else c.write(PING);
    }
  }

  /** Ends every stream and stops listening; the server can then close without waiting on them. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.unsubscribe();
    for (const c of [...this.all]) c.end();
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
  }
}
