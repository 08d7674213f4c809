// Server-sent events on the wire: frame formatting and one client connection with a bounded outgoing queue.
import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

export const SSE_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-store',
  'x-accel-buffering': 'no',
} as const;

export const PING = Buffer.from(': ping\n\n');

/** One event block; `data` must not contain line breaks (compact JSON never does). */
export function sseFrame(event: string, id: number, data: string): Buffer {
  return Buffer.from(`event: ${event}\nid: ${id}\ndata: ${data}\n\n`);
}

export function sseRetry(ms: number): Buffer {
  return Buffer.from(`retry: ${ms}\n\n`);
}

/** Who a stream shows: a whole account, or one user of it. */
export type Audience = { accountId: string; userId: string | null; expiresAt: number };

export type Frame = { seq: number; frame: Buffer };

/**
 * One stream client. Until `go()` it holds live events back (the snapshot or replay is being written), so
 * nothing published after the subscription can slip past; afterwards it writes them straight through.
 * A client whose unsent bytes exceed the limit is disconnected rather than buffered without end.
 */
export class SseConnection {
  /** Highest event sequence written; anything at or below it is a duplicate. */
  lastSeq = -1;
  closed = false;
  private held: Frame[] | null = [];
  private heldBytes = 0;
  /** Allowance for the initial snapshot or replay, which may be large, until the socket first drains. */
  private burst = 0;
  /**
   * Frames go to the socket itself: the body is delimited by the connection's end, so there is no framing to
   * add, and skipping the response's per-write cork-and-uncork halves the CPU a fan-out spends per client.
   */
  private socket: Socket;

  /** `res` must have its headers flushed, with neither content-length nor chunked encoding. */
  constructor(
    readonly res: ServerResponse,
    readonly audience: Audience,
    private maxQueueBytes: number,
    private onClose: (c: SseConnection) => void,
  ) {
    this.socket = res.socket as Socket;
    res.once('close', () => this.finish());
  }

  send(f: Frame): void {
    if (this.closed || f.seq <= this.lastSeq) return;
    if (this.held) {
      this.held.push(f);
      this.heldBytes += f.frame.length;
      if (this.heldBytes > this.maxQueueBytes) this.cutOff();
      return;
    }
    this.lastSeq = f.seq;
    this.write(f.frame);
  }

  /** Writes part of the start (a missed event) directly, ahead of anything held. */
  replay(f: Frame): void {
    if (this.closed || f.seq <= this.lastSeq) return;
    this.lastSeq = f.seq;
    this.write(f.frame);
  }

  write(buf: Buffer): void {
    if (this.closed) return;
    this.socket.write(buf);
    if (this.socket.writableLength > this.maxQueueBytes + this.burst) this.cutOff();
  }

  /** The start is written up to `seq`: flush what arrived meanwhile and go live. */
  go(seq: number): void {
    this.lastSeq = Math.max(this.lastSeq, seq);
    const held = this.held ?? [];
    this.held = null;
    this.heldBytes = 0;
    this.burst = this.socket.writableLength;
    if (this.burst > 0) this.socket.once('drain', () => (this.burst = 0));
    for (const f of held) this.send(f);
  }

  /** Ends the response normally (server shutdown, expired token). */
  end(): void {
    if (this.closed) return;
    this.res.end();
    this.finish();
  }

  /** A consumer too slow to keep up: drop the connection so it costs neither memory nor others' latency. */
  cutOff(): void {
    if (this.closed) return;
    this.res.destroy();
    this.finish();
  }

  private finish(): void {
    if (this.closed) return;
    this.closed = true;
    this.held = null;
    this.onClose(this);
  }
}
