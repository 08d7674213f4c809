// When a failed request is retried and how long to wait: the policy is data, the decision a pure function.
import type { PresenceApiError } from './presence-api-error.js';
import type { RateLimitKind } from './rate-limit.js';

export type HttpMethod = 'GET' | 'PUT';

export type RetryPolicy = {
  /** Retries after the first attempt; 0 disables retrying. */
  maxRetries: number;
  /** Total sleeping allowed per call; a wait that would exceed it fails at once instead. */
  maxTotalWaitMs: number;
  /** Never retried, whatever else says (401/124 token refresh is handled separately, before this). */
  nonRetryableStatuses: readonly number[];
  /** Statuses worth another attempt, by method. A PUT may have been applied before a 5xx, so it only retries 429. */
  retryableStatuses: Readonly<Record<HttpMethod, readonly number[]>>;
  /**
   * Which 429s each method may retry. A GET is always safe. A PUT only for the account's per-second
   * limit: retrying the per-user one-update-per-minute limit or the daily limit just burns quota.
   */
  retryable429Kinds: Readonly<Record<HttpMethod, readonly RateLimitKind[]>>;
  /** Wait before retry n (0-based) when the response has no usable Retry-After: base × 2^n, capped. */
  backoffBaseMs: number;
  backoffMaxMs: number;
};

const defaults: RetryPolicy = {
  maxRetries: 3,
  maxTotalWaitMs: 30_000,
  nonRetryableStatuses: [400, 401, 403, 404, 405, 409, 413, 415, 422],
  retryableStatuses: { GET: [429, 500, 502, 503, 504], PUT: [429] },
  retryable429Kinds: {
    GET: ['qps', 'daily', 'per_user_update', 'unspecified'],
    PUT: ['qps'],
  },
  backoffBaseMs: 500,
  backoffMaxMs: 8_000,
};

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** Frozen all the way down, so one client's overrides can never leak into another's. */
export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = deepFreeze(defaults);

export type RetryState = { method: HttpMethod; retriesSoFar: number; waitedMs: number };
export type RetryDecision = { retry: true; delayMs: number } | { retry: false; why: string };

export function decideRetry(policy: RetryPolicy, error: PresenceApiError, state: RetryState): RetryDecision {
  const { status } = error;
  if (policy.nonRetryableStatuses.includes(status)) return { retry: false, why: `status ${status} is never retried` };
  if (!policy.retryableStatuses[state.method].includes(status)) {
    return { retry: false, why: `status ${status} is not retried for ${state.method}` };
  }
  if (status === 429) {
    const kind = error.rateLimit?.kind ?? 'unspecified';
    if (!policy.retryable429Kinds[state.method].includes(kind)) {
      return { retry: false, why: `${kind} rate limit is not retried for ${state.method}` };
    }
  }
  if (state.retriesSoFar >= policy.maxRetries) return { retry: false, why: 'retries exhausted' };
  const delayMs =
    error.rateLimit?.retryAfterMs ?? Math.min(policy.backoffMaxMs, policy.backoffBaseMs * 2 ** state.retriesSoFar);
  if (state.waitedMs + delayMs > policy.maxTotalWaitMs) {
    return { retry: false, why: `waiting ${delayMs} ms would exceed the ${policy.maxTotalWaitMs} ms budget` };
  }
  return { retry: true, delayMs };
}

/** Merges caller overrides over the defaults, one level deep for the per-method tables. */
export function resolveRetryPolicy(overrides: RetryOptions | undefined): RetryPolicy {
  const d = DEFAULT_RETRY_POLICY;
  return {
    ...d,
    ...overrides,
    retryableStatuses: { ...d.retryableStatuses, ...overrides?.retryableStatuses },
    retryable429Kinds: { ...d.retryable429Kinds, ...overrides?.retryable429Kinds },
  };
}

export type RetryOptions = Partial<
  Omit<RetryPolicy, 'retryableStatuses' | 'retryable429Kinds'> & {
    retryableStatuses: Partial<RetryPolicy['retryableStatuses']>;
    retryable429Kinds: Partial<RetryPolicy['retryable429Kinds']>;
  }
>;
