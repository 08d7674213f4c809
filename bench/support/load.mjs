// autocannon runs against one target: each connection gets its own prebuilt request list, and a
// measurement is split into slices so two targets can be interleaved and see the same machine.
import autocannon from 'autocannon';

/**
 * One autocannon run. `lists[k]` is the cyclic request list of connection k (built once, so the
 * load generator spends no time building requests); returns the raw result and, per connection,
 * how many responses it got (pipelining 1: the first `answered` entries of its list, cyclically).
 */
export async function runOnce(url, lists, { connections, duration }) {
  const progress = [];
  const result = await autocannon({
    url,
    connections,
    duration,
    pipelining: 1,
    skipAggregateResult: true,
    setupClient(client) {
      const p = { list: lists[progress.length % lists.length], answered: 0, client };
      progress.push(p);
      client.setRequests(p.list);
      client.on('response', () => p.answered++);
    },
  });
  return { result, progress };
}

/** Counts by status code, requests per second and transport failures of raw results (one or more slices). */
export function summarize(label, url, connections, raws) {
  const agg = autocannon.aggregateResult(raws, { url, connections });
  const codes = {};
  let total = 0;
  let seconds = 0;
  for (const r of raws) {
    for (const [code, { count }] of Object.entries(r.statusCodeStats)) codes[code] = (codes[code] ?? 0) + Number(count);
    total += r.totalCompletedRequests;
    seconds += r.duration;
  }
  return { label, rps: total / seconds, total, seconds, p50: agg.latency.p50, p99: agg.latency.p99, codes, errors: agg.errors, timeouts: agg.timeouts };
}

/** Throws unless every response had the expected status and nothing failed in transport. */
export function assertAll(s, expected, hint = '') {
  const wrong = Object.keys(s.codes).filter((c) => Number(c) !== expected);
  if (wrong.length || s.errors || s.timeouts || !s.codes[expected]) {
    throw new Error(`${s.label}: expected only ${expected} responses, got ${JSON.stringify(s.codes)} (errors ${s.errors}, timeouts ${s.timeouts})${hint}`);
  }
}
