// Presence's live stream (an extension, not on Zoom): SSE over fetch, resuming with Last-Event-ID after a drop.
import type { Transport } from './api-request.js';
import { PresenceApiError } from './presence-api-error.js';
import { errorFromResponse } from './response-error.js';
import { SseParser } from './sse-parser.js';
import { toStreamEvent, type PresenceStreamEvent } from './stream-events.js';

export type { PresenceStreamEvent } from './stream-events.js';

export type StreamOptions = {
  /** Aborting ends the iteration quietly. */
  signal?: AbortSignal;
  /** Resume after this event id instead of starting fresh. */
  lastEventId?: string;
};

export type StreamReconnectOptions = {
  /** First wait after a drop; a `retry:` line from the server replaces it. Default 1 s. */
  initialDelayMs?: number;
  /** Ceiling for the doubling wait. Default 30 s. */
  maxDelayMs?: number;
  /**
   * Connection attempts in a row that may fail before the iterator throws the last failure (1 = never
   * reconnect). A connection that delivered anything starts the count afresh. Default 10.
   */
  maxAttempts?: number;
};

export type StreamTransport = Transport & { url: string; reconnect?: StreamReconnectOptions };

const DEFAULT_RECONNECT: Required<StreamReconnectOptions> = { initialDelayMs: 1_000, maxDelayMs: 30_000, maxAttempts: 10 };

/** Worth reconnecting after; anything else (auth, 404, …) will not get better by itself. */
const TRANSIENT_STATUSES: readonly number[] = [408, 429, 500, 502, 503, 504];

class FatalStreamError {
  constructor(readonly error: PresenceApiError) {}
}

export async function* streamPresence(
  t: StreamTransport,
  options: StreamOptions = {},
): AsyncGenerator<PresenceStreamEvent, void, undefined> {
  const { signal } = options;
  const cfg = { ...DEFAULT_RECONNECT, ...t.reconnect };
  let lastEventId = options.lastEventId ?? '';
  let baseDelayMs = cfg.initialDelayMs;
  let failures = 0;
  let renewedToken = false;

  while (!signal?.aborted) {
    let delivered = false;
    let failure: unknown;
    let waitAtLeastMs = 0;
    try {
      const token = await t.auth.getToken(signal);
      const headers: Record<string, string> = {
        Authorization: `Bearer ${token}`,
        Accept: 'text/event-stream',
        'Cache-Control': 'no-cache',
      };
      if (lastEventId !== '') headers['Last-Event-ID'] = lastEventId;
      const res = await t.fetch(t.url, { headers, signal });
      const ctx = { method: 'GET', url: t.url, now: t.now(), redact: [token] };

      if (!res.ok) {
        const error = await errorFromResponse(res, ctx);
        if (res.status === 401 && error.code === 124 && !renewedToken && t.auth.invalidate?.(token)) {
          renewedToken = true;
          continue;
        }
        if (!TRANSIENT_STATUSES.includes(res.status)) throw new FatalStreamError(error);
        failure = error;
        waitAtLeastMs = error.rateLimit?.retryAfterMs ?? 0;
      } else if (!res.body || !/^text\/event-stream\b/i.test(res.headers.get('content-type') ?? '')) {
        await res.body?.cancel().catch(() => undefined);
        const message = `Expected text/event-stream from ${t.url}, got ${res.headers.get('content-type') ?? 'no content type'}`;
        throw new FatalStreamError(new PresenceApiError({ ...ctx, status: res.status, message }));
      } else {
        renewedToken = false;
        const parser = new SseParser(lastEventId);
        const decoder = new TextDecoder();
        const reader = res.body.getReader();
        try {
          for (;;) {
            const { done, value } = await reader.read();
            if (done) break;
            for (const item of parser.feed(decoder.decode(value, { stream: true }))) {
              delivered = true;
              if (item.type === 'retry') baseDelayMs = item.ms;
              if (item.type !== 'event') continue;
              lastEventId = item.lastEventId;
              yield toStreamEvent(item.event, item.data, item.lastEventId);
            }
            lastEventId = parser.lastEventId;
          }
        } finally {
          // Also runs when the consumer breaks out early: the connection must not linger.
          reader.cancel().catch(() => undefined);
        }
        failure = new Error('stream closed by the server');
      }
    } catch (e) {
      if (signal?.aborted) return;
      if (e instanceof FatalStreamError) throw e.error;
      failure = e;
    }

    failures = delivered ? 1 : failures + 1;
    if (failures >= cfg.maxAttempts) throw failure;
    const backoffMs = Math.min(cfg.maxDelayMs, baseDelayMs * 2 ** (failures - 1));
    try {
      await t.sleep(Math.max(backoffMs, waitAtLeastMs), signal);
    } catch (e) {
      if (signal?.aborted) return;
      throw e;
    }
  }
}
