// Keeping the presence stream open: reconnects with Last-Event-ID, backs off while failing, stops on a refusal.
import { explainRefusal, streamHeaders, streamUrl } from './api.js';
import { SseParser, readEventStream } from './sse.js';

/** Three heartbeats at the server's default 15 s: a silent connection longer than this is dead. */
const IDLE_MS = 45_000;
const MAX_RETRY_MS = 30_000;

const sleep = (ms, signal) => new Promise((resolve) => {
  const t = setTimeout(resolve, ms);
  signal.addEventListener('abort', () => { clearTimeout(t); resolve(); }, { once: true });
});

/**
 * Reads the stream until `signal` aborts or the server refuses the credentials (`onRefused` gets the reason
 * in words). Between attempts it waits the server's `retry` hint, doubled per consecutive failure, jittered.
 * @param {{onEvent: Function, onState: (state: string, text: string) => void, onRefused: (message: string) => void}} on
 */
export async function keepStreaming(cred, signal, on) {
  let retryMs = 2000;
  let failures = 0;
  let wasLive = false;
  const parser = new SseParser(on.onEvent, (ms) => (retryMs = ms));
  while (!signal.aborted) {
    parser.reset();
    const headers = streamHeaders(cred);
    if (parser.lastEventId) headers['last-event-id'] = parser.lastEventId;
    on.onState('connecting', wasLive || failures ? 'Reconnecting…' : 'Connecting…');
    let reason = 'Connection lost';
    try {
      const onOpen = () => { failures = 0; wasLive = true; on.onState('live', 'Live'); };
      await readEventStream(streamUrl(cred), { headers, signal, parser, idleMs: IDLE_MS, onOpen });
    } catch (e) {
      if (signal.aborted) return;
      const r = explainRefusal(e, cred);
      if (r.fatal) return on.onRefused(r.message);
      reason = r.message;
    }
    if (signal.aborted) return;
    failures++;
    const delay = Math.min(MAX_RETRY_MS, retryMs * 2 ** (failures - 1)) * (0.8 + Math.random() * 0.4);
    on.onState('retrying', `${reason} · retrying in ${Math.max(1, Math.round(delay / 1000))} s`);
    await sleep(delay, signal);
  }
}
