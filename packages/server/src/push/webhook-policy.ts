// Webhook delivery rules as data: what counts as delivered, what is retried and when, when to give up.
import type { AttemptOutcome } from '../store/webhook-store.js';

/** Failed validations and deliveries in a row that disable an endpoint. */
export const FAILURES_TO_DISABLE = 6;

export type AttemptResult = { statusCode: number } | { error: string };

/** Only 5xx answers and transport failures (no answer, timeout) are worth trying again. */
export function isRetryable(r: AttemptResult): boolean {
  return 'error' in r || r.statusCode >= 500;
}

export function isDelivered(r: AttemptResult): boolean {
  return 'statusCode' in r && r.statusCode >= 200 && r.statusCode < 300;
}

/**
 * The delivery's state after an attempt at `now`. Retries are due at fixed offsets from the first failed
 * attempt of the cycle (`firstFailureAt`, or now when this is it): with [5, 20, 60], at +5, +20 and +60 minutes.
 */
export function afterAttempt(
  r: AttemptResult, failedBefore: number, firstFailureAt: number | null, retryMinutes: readonly number[], now: number,
): AttemptOutcome {
  if (isDelivered(r)) return { state: 'delivered', nextAttemptAt: null, failedAttempts: failedBefore };
  const failed = failedBefore + 1;
  const offset = retryMinutes[failed - 1];
  if (!isRetryable(r) || offset === undefined) return { state: 'failed', nextAttemptAt: null, failedAttempts: failed };
  return { state: 'retrying', nextAttemptAt: Math.max(now, (firstFailureAt ?? now) + Math.round(offset * 60_000)), failedAttempts: failed };
}

/** A failed revalidation is tried again on the retry schedule, staying at its last delay. */
export function nextValidationAfterFailure(failuresInARow: number, retryMinutes: readonly number[], now: number): number {
  const delays = retryMinutes.length ? retryMinutes : [60];
  const delay = delays[Math.min(Math.max(failuresInARow - 1, 0), delays.length - 1)]!;
  return now + Math.round(delay * 60_000);
}

export function describe(r: AttemptResult): string {
  return 'error' in r ? r.error : `HTTP ${r.statusCode}`;
}
