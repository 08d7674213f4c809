// Time source: the system clock, or a manual one that only moves when told to (optionally saved across restarts).
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ConfigError } from './config.js';
export interface Clock {
  now(): number;
  readonly manual: boolean;
}

export class SystemClock implements Clock {
  readonly manual = false;
  now() { return Date.now(); }
}

export class ManualClock implements Clock {
  readonly manual = true;
  private listeners = new Set<(now: number) => void>();
  constructor(private t: number) {}
  now() { return this.t; }
  /** Moves time forward (never backward) and tells listeners, which run due work synchronously. */
  advance(ms: number): number {
    this.t += Math.max(0, ms);
    for (const l of this.listeners) l(this.t);
    return this.t;
  }
  set(t: number): number {
    return this.advance(t - this.t);
  }
  onAdvance(l: (now: number) => void): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }
}

/**
 * A manual clock that carries on where the last run left it: its time is saved in `file` on every advance
 * (temp file + rename, so a crash leaves the old time or the new one), because state saved by that run
 * (DND ends, update windows, retries) is only meaningful if time never runs backwards across a restart.
 * `start` (an explicit start time) may move it forward but never back.
 */
export function persistentManualClock(file: string, start: number | undefined): ManualClock {
  const saved = readSavedTime(file);
  if (start !== undefined && saved !== undefined && start < saved) {
    throw new ConfigError(`the manual clock start ${new Date(start).toISOString()} is before the time saved in ${file} (${new Date(saved).toISOString()}); time never runs backwards against saved state: give a later start, or none to carry on.`);
  }
  const clock = new ManualClock(start ?? saved ?? Date.now());
  const save = (t: number) => {
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify({ epoch_ms: t, now: new Date(t).toISOString() })}\n`);
    renameSync(tmp, file);
  };
  mkdirSync(dirname(file), { recursive: true });
  save(clock.now());
  clock.onAdvance(save);
  return clock;
}

function readSavedTime(file: string): number | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  const t = (() => { try { return (JSON.parse(text) as { epoch_ms?: unknown }).epoch_ms; } catch { return undefined; } })();
  if (typeof t !== 'number' || !Number.isFinite(t)) throw new ConfigError(`${file} does not hold a saved clock time ({"epoch_ms": …}); fix or delete it.`);
  return t;
}
