// One API call: bearer token, one renewal on an invalid token, and retries as the policy allows.
import { errorFromResponse } from './response-error.js';
import { decideRetry, type HttpMethod, type RetryPolicy } from './retry-policy.js';
import type { Sleep } from './sleep.js';
import type { TokenProvider } from './token-provider.js';

export type Transport = {
  fetch: typeof fetch;
  auth: TokenProvider;
  retry: RetryPolicy;
  sleep: Sleep;
  now: () => number;
};

export type ApiRequest = { method: HttpMethod; url: string; json?: unknown; signal?: AbortSignal };

const INVALID_TOKEN_CODE = 124;

/** Resolves with the successful response (body unread); every failure becomes a thrown PresenceApiError. */
export async function apiRequest(t: Transport, req: ApiRequest): Promise<Response> {
  let renewedToken = false;
  let retriesSoFar = 0;
  let waitedMs = 0;
  for (;;) {
    const token = await t.auth.getToken(req.signal);
    const headers: Record<string, string> = { Authorization: `Bearer ${token}`, Accept: 'application/json' };
    if (req.json !== undefined) headers['Content-Type'] = 'application/json';
    const res = await t.fetch(req.url, {
      method: req.method,
      headers,
      body: req.json === undefined ? undefined : JSON.stringify(req.json),
      signal: req.signal,
    });
    if (res.ok) return res;

    const error = await errorFromResponse(res, { method: req.method, url: req.url, now: t.now(), redact: [token] });
    if (res.status === 401 && error.code === INVALID_TOKEN_CODE && !renewedToken && t.auth.invalidate?.(token)) {
      renewedToken = true;
      continue;
    }
    const decision = decideRetry(t.retry, error, { method: req.method, retriesSoFar, waitedMs });
    if (!decision.retry) throw error;
    await t.sleep(decision.delayMs, req.signal);
    waitedMs += decision.delayMs;
    retriesSoFar += 1;
  }
}
