// Do-Not-Disturb durations: parsing, limits, end time and remaining time.
import { type Result, ok, err } from './result.js';

export const DND_MIN_MINUTES = 1;
export const DND_MAX_MINUTES = 1440;
export const DND_DEFAULT_MINUTES = 20;
export const DURATION_RANGE_MESSAGE = `duration must be a whole number of minutes between ${DND_MIN_MINUTES} and ${DND_MAX_MINUTES}.`;

/**
 * Parses `duration` as sent in JSON (number or string) or a form (string).
 * Absent (undefined/null) means the default; everything else must be an integer in range.
 */
export function parseDuration(raw: unknown): Result<number | undefined, string> {
  if (raw === undefined || raw === null) return ok(undefined);
  let n: number;
  if (typeof raw === 'number') n = raw;
  else if (typeof raw === 'string' && /^[+]?\d{1,9}$/.test(raw.trim()) && raw.trim() === raw) n = Number(raw);
  else return err(`Invalid duration '${String(raw).slice(0, 40)}': ${DURATION_RANGE_MESSAGE}`);
  if (!Number.isInteger(n) || n < DND_MIN_MINUTES || n > DND_MAX_MINUTES) {
    return err(`Invalid duration '${String(raw).slice(0, 40)}': ${DURATION_RANGE_MESSAGE}`);
  }
  return ok(n);
}

/** End of a DND period: exactly `minutes` after it was set. */
export function dndEndTime(now: number, minutes: number): number {
  return now + minutes * 60_000;
}

/** Whole seconds left, rounded down as a countdown shows them: 1800 right after a 30-minute DND is set. */
export function remainingSeconds(endAt: number, now: number): number {
  return Math.max(0, Math.floor((endAt - now) / 1000));
}

/** ISO-8601 UTC without milliseconds, as Zoom writes it. */
export function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}
