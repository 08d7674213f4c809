// Event sequence numbers on the stream: reading a client's Last-Event-ID and finding the log's newest.
import type { Store } from '../store/store.js';

/** A Last-Event-ID we can resume from, or null (absent or unparseable: the client gets a snapshot). */
export function parseEventId(raw: string | undefined): number | null {
  if (raw === undefined || !/^\d{1,15}$/.test(raw.trim())) return null;
  return Number(raw.trim());
}

/**
 * The highest sequence in the change log (0 when empty). The Store interface only reads forward, so this
 * probes `readEvents(x, 1)` — "is there anything after x?" — doubling then bisecting: O(log n) reads, once.
 */
export async function highestSeq(store: Store): Promise<number> {
  const after = async (x: number) => (await store.readEvents(x, 1))[0]?.seq;
  let lo = await after(0);
  if (lo === undefined) return 0;
  let hi = lo * 2;
  for (let next = await after(hi); next !== undefined; next = await after(hi)) {
    lo = next;
    hi = next * 2;
  }
  // Some event has a sequence ≥ lo, none is above hi.
  while (hi - lo > 0) {
    const mid = Math.floor((lo + hi) / 2);
    const next = await after(mid);
    if (next === undefined) hi = mid;
    else lo = next;
  }
  return lo;
}
