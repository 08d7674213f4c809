// Checks for option values shared by several commands.
import { UsageError } from '../args.js';

export function positiveInt(raw: string, name: string): number {
  if (!/^\d+$/.test(raw.trim()) || Number(raw) < 1) throw new UsageError(`${name} must be a whole number above 0, got '${raw}'.`);
  return Number(raw);
}

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

/** Seconds, optionally with a unit: `90`, `90s`, `30m`, `2h`, `1d`. */
export function seconds(raw: string, name: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([smhd]?)$/.exec(raw.trim());
  if (!m) throw new UsageError(`${name} must be a number of seconds, optionally with a unit (90, 30m, 2h, 1d), got '${raw}'.`);
  return Number(m[1]) * UNIT_SECONDS[m[2] || 's']!;
}

/** `1800` → `30m`, `3725` → `1h 2m 5s`. */
export function humanSeconds(total: number): string {
  const parts: string[] = [];
  let rest = Math.max(0, Math.round(total));
  for (const [unit, size] of [['d', 86_400], ['h', 3600], ['m', 60], ['s', 1]] as const) {
    if (rest >= size || (unit === 's' && parts.length === 0)) {
      parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    }
  }
  return parts.join(' ');
}
