// A minimal event-stream reader over node:http for tests: blocks in arrival order, with timeouts.
import { request, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';

export type SseBlock = { event?: string; id?: string; data?: string; retry?: number; comment?: string };

export class SseClient {
  readonly blocks: SseBlock[] = [];
  private cursor = 0;
  private buffer = '';
  private wake: (() => void) | null = null;
  ended = false;
  readonly endedP: Promise<void>;

  private constructor(readonly res: IncomingMessage, readonly status: number, readonly headers: IncomingHttpHeaders) {
    let done!: () => void;
    this.endedP = new Promise((r) => (done = r));
    const finish = () => {
      this.ended = true;
      done();
      this.wake?.();
    };
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => this.feed(chunk));
    res.on('end', finish);
    res.on('close', finish);
    res.on('error', finish);
  }

  static open(url: string, opts: { token?: string; lastEventId?: string; headers?: Record<string, string> } = {}): Promise<SseClient> {
    const headers: Record<string, string> = { accept: 'text/event-stream', ...opts.headers };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    if (opts.lastEventId !== undefined) headers['last-event-id'] = opts.lastEventId;
    return new Promise((resolve, reject) => {
      const req = request(url, { headers, agent: false }, (res) => resolve(new SseClient(res, res.statusCode ?? 0, res.headers)));
      req.on('error', reject);
      req.end();
    });
  }

  /** The JSON body of a refused (non-200) stream request. */
  async errorBody(): Promise<unknown> {
    await this.endedP;
    return JSON.parse(this.blocks.map((b) => b.data ?? '').join('') || this.buffer);
  }

  private feed(chunk: string): void {
    if (this.status !== 200) {
      this.buffer += chunk;
      return;
    }
    const parts = (this.buffer + chunk).split('\n\n');
    this.buffer = parts.pop()!;
    for (const raw of parts) {
      const b: SseBlock = {};
      for (const line of raw.split('\n')) {
        if (line.startsWith(':')) b.comment = line.slice(1).trim();
        const m = /^(event|id|data|retry): ?(.*)$/.exec(line);
        if (!m) continue;
        if (m[1] === 'retry') b.retry = Number(m[2]);
        else b[m[1] as 'event' | 'id' | 'data'] = m[2]!;
      }
      this.blocks.push(b);
    }
    this.wake?.();
  }

  /** The next block matching `match` (by default: an event), waiting at most `ms`. */
  async next(match: (b: SseBlock) => boolean = (b) => b.event !== undefined, ms = 3000): Promise<SseBlock> {
    const deadline = Date.now() + ms;
    for (;;) {
      while (this.cursor < this.blocks.length) {
        const b = this.blocks[this.cursor++]!;
        if (match(b)) return b;
      }
      if (this.ended) throw new Error('stream ended while waiting');
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching block within ${ms} ms; got ${JSON.stringify(this.blocks)}`);
      await new Promise<void>((r) => {
        const t = setTimeout(r, left);
        this.wake = () => {
          clearTimeout(t);
          r();
        };
      });
      this.wake = null;
    }
  }

  /** Events that arrive within `ms`, for asserting that nothing (more) comes. */
  async eventsWithin(ms: number): Promise<SseBlock[]> {
    await new Promise((r) => setTimeout(r, ms));
    const out = this.blocks.slice(this.cursor).filter((b) => b.event !== undefined);
    this.cursor = this.blocks.length;
    return out;
  }

  close(): void {
    this.res.destroy();
  }
}

export const dataOf = (b: SseBlock) => JSON.parse(b.data ?? 'null') as Record<string, unknown>;
