// Reading Zoom's rate-limit headers and Retry-After, and telling the kinds of 429 apart.

/** Which limit a 429 came from; decides whether retrying is safe (see retry-policy.ts). */
export type RateLimitKind = 'qps' | 'daily' | 'per_user_update' | 'unspecified';

export type RateLimitInfo = {
  category?: string;
  type?: string;
  limit?: number;
  remaining?: number;
  /** Retry-After exactly as sent: whole seconds, or an ISO-8601 / HTTP date. */
  retryAfter?: string;
  /** Milliseconds to wait from when the response arrived (never negative). */
  retryAfterMs?: number;
  /** The moment the limit should lift, by the client's clock. */
  retryAt?: Date;
  /** Set on 429 responses only. */
  kind?: RateLimitKind;
};

type HeaderSource = { get(name: string): string | null };

const PER_USER_UPDATE_MESSAGE = 'Too many requests submitted to update the presence status of this user';

/** Parses Retry-After as delta-seconds or a date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (value == null) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.ceil(Number(text) * 1000);
  // Zoom sends an ISO-8601 UTC time for the daily limit; HTTP dates are legal too.
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function toInt(value: string | null): number | undefined {
  if (value == null || !/^\s*\d+\s*$/.test(value)) return undefined;
  return Number(value);
}

export function parseRateLimit(
  headers: HeaderSource,
  now: number,
  status: number,
  message: string,
): RateLimitInfo | undefined {
  const retryAfter = headers.get('retry-after') ?? undefined;
  const retryAfterMs = parseRetryAfter(retryAfter, now);
  const info: RateLimitInfo = {
    category: headers.get('x-ratelimit-category') ?? undefined,
    type: headers.get('x-ratelimit-type') ?? undefined,
    limit: toInt(headers.get('x-ratelimit-limit')),
    remaining: toInt(headers.get('x-ratelimit-remaining')),
    retryAfter,
    retryAfterMs,
    retryAt: retryAfterMs === undefined ? undefined : new Date(now + retryAfterMs),
  };
  if (status === 429) info.kind = classify429(info.type, message);
  const present = Object.values(info).some((v) => v !== undefined);
  return present ? info : undefined;
}

/**
 * The per-user 429 carries the account's QPS headers too (they are on every response), so the
 * message is checked before the header.
 */
export function classify429(type: string | undefined, message: string): RateLimitKind {
  if (message.startsWith(PER_USER_UPDATE_MESSAGE)) return 'per_user_update';
  const t = type?.trim().toLowerCase();
  if (t === 'qps') return 'qps';
  if (t === 'daily-limit') return 'daily';
  return 'unspecified';
}
