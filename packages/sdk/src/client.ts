// The presence client: configuration in once, then get, update and stream.
import { apiRequest, type Transport } from './api-request.js';
import { PresenceApiError } from './presence-api-error.js';
import { readPresenceBody, type PresenceReading, type PresenceUpdate } from './presence-status.js';
import { streamPresence, type StreamOptions, type PresenceStreamEvent, type StreamReconnectOptions } from './presence-stream.js';
import { resolveRetryPolicy, type RetryOptions } from './retry-policy.js';
import { sleep as realSleep, type Sleep } from './sleep.js';
import { toSettableStatus } from './status.js';
import { resolveAuth, type AuthOptions } from './token-provider.js';
import { ZOOM_URLS, presenceStatusUrl, streamUrlFor } from './urls.js';

export type PresenceClientOptions = {
  /** Default Zoom's `https://api.zoom.us/v2`; a Presence server's is `{origin}/v2`. */
  apiBaseUrl?: string;
  /** Default Zoom's `https://zoom.us/oauth/token`. */
  tokenUrl?: string;
  /** Default `{apiBaseUrl without /v2}/presence/v1/stream` (a Presence extension; Zoom has none). */
  streamUrl?: string;
  auth: AuthOptions;
  fetch?: typeof fetch;
  retry?: RetryOptions;
  reconnect?: StreamReconnectOptions;
  /** Injected so tests can wait without waiting. */
  sleep?: Sleep;
  /** Milliseconds since the epoch; drives token expiry and Retry-After dates. */
  now?: () => number;
};

export type RequestOptions = { signal?: AbortSignal };

export interface PresenceClient {
  getPresenceStatus(userId: string, options?: RequestOptions): Promise<PresenceReading>;
  /** Resolves once the server accepted the change (204). */
  updatePresenceStatus(userId: string, update: PresenceUpdate, options?: RequestOptions): Promise<void>;
  streamPresence(options?: StreamOptions): AsyncGenerator<PresenceStreamEvent, void, undefined>;
}

export function createPresenceClient(options: PresenceClientOptions): PresenceClient {
  const apiBaseUrl = options.apiBaseUrl ?? ZOOM_URLS.apiBaseUrl;
  const now = options.now ?? Date.now;
  // Bound late so a test or polyfill replacing globalThis.fetch after creation is still honoured.
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const transport: Transport = {
    fetch: doFetch,
    auth: resolveAuth(options.auth, { tokenUrl: options.tokenUrl ?? ZOOM_URLS.tokenUrl, fetch: doFetch, now }),
    retry: resolveRetryPolicy(options.retry),
    sleep: options.sleep ?? realSleep,
    now,
  };
  const streamUrl = options.streamUrl ?? streamUrlFor(apiBaseUrl);

  return {
    async getPresenceStatus(userId, opts) {
      const url = presenceStatusUrl(apiBaseUrl, userId);
      const res = await apiRequest(transport, { method: 'GET', url, signal: opts?.signal });
      const text = await res.text();
      try {
        return readPresenceBody(JSON.parse(text));
      } catch {
        throw new PresenceApiError({ status: res.status, method: 'GET', url, message: `HTTP ${res.status} with a body that is not JSON` });
      }
    },

    async updatePresenceStatus(userId, update, opts) {
      const url = presenceStatusUrl(apiBaseUrl, userId);
      const json: Record<string, unknown> = { status: toSettableStatus(update.status) };
      // JSON writes NaN and Infinity as null, which a server reads as "no duration": refuse rather than hide it.
      if (typeof update.duration === 'number' && !Number.isFinite(update.duration)) {
        throw new TypeError(`duration must be a finite number of minutes, got ${update.duration}`);
      }
      if (update.duration !== undefined) json.duration = update.duration;
      const res = await apiRequest(transport, { method: 'PUT', url, json, signal: opts?.signal });
      // Drained so the connection goes back to the pool.
      await res.arrayBuffer().catch(() => undefined);
    },

    streamPresence(opts) {
      return streamPresence({ ...transport, url: streamUrl, reconnect: options.reconnect }, opts);
    },
  };
}
