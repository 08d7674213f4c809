// Rate-limit arithmetic: the per-user update window and the per-account Medium limits.

/** Per-user rolling window: one accepted update per `windowMs`, counted from the accepted one. */
export function userWindowCheck(lastAcceptedAt: number | null, now: number, windowMs: number): { allowed: boolean; retryAfterSec: number } {
  if (windowMs <= 0 || lastAcceptedAt === null) return { allowed: true, retryAfterSec: 0 };
  const endsAt = lastAcceptedAt + windowMs;
  if (now >= endsAt) return { allowed: true, retryAfterSec: 0 };
  return { allowed: false, retryAfterSec: Math.max(1, Math.ceil((endsAt - now) / 1000)) };
}

export type PlanLimits = { perSecond: number; perDay: number | null };
export type AccountQuotaState = { second: number; secondCount: number; day: number; dayCount: number };
export type QuotaDecision = {
  allowed: boolean;
  type: 'QPS' | 'Daily-limit';
  limit: number;
  remaining: number;
  /** Seconds to wait (QPS) — or, for the daily limit, the epoch ms of the next UTC midnight. */
  retryAfterSec: number;
  resetAt: number;
  state: AccountQuotaState;
};

const DAY_MS = 86_400_000;

export const EMPTY_QUOTA: AccountQuotaState = { second: 0, secondCount: 0, day: 0, dayCount: 0 };

/** Takes one request from an account's quota: a fixed one-second window and a UTC-day counter. */
export function takeAccountQuota(state: AccountQuotaState, now: number, limits: PlanLimits): QuotaDecision {
  const second = Math.floor(now / 1000);
  const day = Math.floor(now / DAY_MS);
  const secondCount = state.second === second ? state.secondCount : 0;
  const dayCount = state.day === day ? state.dayCount : 0;
  const nextMidnight = (day + 1) * DAY_MS;
  if (limits.perDay !== null && dayCount >= limits.perDay) {
    return {
      allowed: false, type: 'Daily-limit', limit: limits.perDay, remaining: 0,
      retryAfterSec: Math.ceil((nextMidnight - now) / 1000), resetAt: nextMidnight,
      state: { second, secondCount, day, dayCount },
    };
  }
  if (secondCount >= limits.perSecond) {
    return {
      allowed: false, type: 'QPS', limit: limits.perSecond, remaining: 0,
      retryAfterSec: 1, resetAt: (second + 1) * 1000,
      state: { second, secondCount, day, dayCount },
    };
  }
  const next = { second, secondCount: secondCount + 1, day, dayCount: dayCount + 1 };
  if (limits.perDay !== null) {
    return { allowed: true, type: 'Daily-limit', limit: limits.perDay, remaining: limits.perDay - next.dayCount, retryAfterSec: 0, resetAt: nextMidnight, state: next };
  }
  return { allowed: true, type: 'QPS', limit: limits.perSecond, remaining: limits.perSecond - next.secondCount, retryAfterSec: 0, resetAt: (second + 1) * 1000, state: next };
}
