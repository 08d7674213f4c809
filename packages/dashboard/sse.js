// Server-sent events over fetch (EventSource cannot send an Authorization header): a parser and one request.

/**
 * Incremental event-stream parser following the HTML standard's rules: CRLF, CR or LF line ends (also split
 * across chunks), comments, multi-line data, `id` kept across events and reconnections, numeric `retry` only.
 */
export class SseParser {
  lastEventId = '';
  #buf = '';
  #data = '';
  #type = '';
  #idBuf = '';

  /** @param {(e: {type: string, data: string, lastEventId: string}) => void} onEvent @param {(ms: number) => void} onRetry */
  constructor(onEvent, onRetry = () => {}) {
    this.onEvent = onEvent;
    this.onRetry = onRetry;
  }

  /** A new connection: half-read lines and events are dropped, the last event id is kept. */
  reset() {
    this.#buf = '';
    this.#data = '';
    this.#type = '';
    this.#idBuf = this.lastEventId;
  }

  /** @param {string} text decoded text, in arrival order */
  push(text) {
    const b = this.#buf + text;
    let pos = 0;
    let cr = b.indexOf('\r');
    let lf = b.indexOf('\n');
    while (cr !== -1 || lf !== -1) {
      const end = cr === -1 ? lf : lf === -1 ? cr : Math.min(cr, lf);
      let next = end + 1;
      if (end === cr) {
        // A CR at the very end may be the first half of a CRLF: wait for the next chunk to decide.
        if (next === b.length) break;
        if (b[next] === '\n') next++;
      }
      this.#line(b.slice(pos, end));
      pos = next;
      if (cr !== -1 && cr < pos) cr = b.indexOf('\r', pos);
      if (lf !== -1 && lf < pos) lf = b.indexOf('\n', pos);
    }
    this.#buf = b.slice(pos);
  }

  #line(line) {
    if (line === '') return this.#dispatch();
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') this.#type = value;
    else if (field === 'data') this.#data += `${value}\n`;
    else if (field === 'id' && !value.includes('\0')) this.#idBuf = value;
    else if (field === 'retry' && /^[0-9]+$/.test(value)) this.onRetry(Number(value));
  }

  #dispatch() {
    this.lastEventId = this.#idBuf;
    const data = this.#data;
    const type = this.#type || 'message';
    this.#data = '';
    this.#type = '';
    if (data === '') return;
    this.onEvent({ type, data: data.slice(0, -1), lastEventId: this.lastEventId });
  }
}

/** The server refused the stream; `body` is its JSON error, when it sent one. */
export class HttpError extends Error {
  constructor(status, body) {
    super(`HTTP ${status}`);
    this.status = status;
    this.body = body;
  }
}

/**
 * Reads one stream into `parser` until the server ends it, the network drops it, nothing (not even a heartbeat)
 * arrives for `idleMs`, or `signal` aborts. Throws HttpError when the server answers anything but a stream.
 */
export async function readEventStream(url, { headers, signal, parser, idleMs, onOpen }) {
  const inner = new AbortController();
  const stop = () => inner.abort();
  signal.addEventListener('abort', stop, { once: true });
  let timer;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(stop, idleMs);
  };
  try {
    arm();
    const res = await fetch(url, {
      headers: { accept: 'text/event-stream', ...headers },
      signal: inner.signal,
      cache: 'no-store',
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
    });
    if (!res.ok || !(res.headers.get('content-type') ?? '').startsWith('text/event-stream')) {
      let body = null;
      try { body = await res.json(); } catch { /* not JSON: the status alone has to do */ }
      throw new HttpError(res.status, body);
    }
    onOpen?.();
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      arm();
      parser.push(value);
    }
  } catch (e) {
    // A watchdog abort is a dropped connection like any other; only the caller's abort is not.
    if (inner.signal.aborted && !signal.aborted) return;
    throw e;
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', stop);
  }
}
