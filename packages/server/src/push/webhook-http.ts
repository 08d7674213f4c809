// Outgoing webhook requests over node:http(s): keep-alive, a hard deadline, small answers only.
import http from 'node:http';
import https from 'node:https';

export type HttpAnswer = { status: number; body: string };

/** A request that got no HTTP answer: refused, reset, unresolvable, or too slow. */
export class TransportError extends Error {}

/** Answers are only checked for status (and, for validation, a small JSON object): the rest is dropped. */
const MAX_ANSWER_BYTES = 64 * 1024;

export class WebhookHttp {
  private agents = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };
  private controllers = new Set<AbortController>();

  /** POSTs `body`; the whole exchange must finish within `timeoutMs`. Throws TransportError otherwise. */
  async post(url: string, headers: Record<string, string>, body: string, timeoutMs: number): Promise<HttpAnswer> {
    const ac = new AbortController();
    this.controllers.add(ac);
    const timer = setTimeout(() => ac.abort(), timeoutMs);
    try {
      try {
        return await this.once(url, headers, body, ac.signal);
      } catch (e) {
        // A pooled connection the server closed meanwhile is not the endpoint's fault: try once on a fresh one.
        if ((e as { reused?: boolean }).reused && !ac.signal.aborted) return await this.once(url, headers, body, ac.signal);
        throw e;
      }
    } catch (e) {
      if (ac.signal.aborted) throw new TransportError(`no answer within ${timeoutMs} ms`);
      const code = (e as NodeJS.ErrnoException).code;
      throw new TransportError(code ? `${code}: ${(e as Error).message}` : (e as Error).message);
    } finally {
      clearTimeout(timer);
      this.controllers.delete(ac);
    }
  }

  private once(url: string, headers: Record<string, string>, body: string, signal: AbortSignal): Promise<HttpAnswer> {
    const u = new URL(url);
    const mod = u.protocol === 'https:' ? https : http;
    const payload = Buffer.from(body, 'utf8');
    return new Promise((resolve, reject) => {
      const req = mod.request(u, {
        method: 'POST',
        agent: u.protocol === 'https:' ? this.agents.https : this.agents.http,
        headers: { ...headers, 'content-length': String(payload.length) },
        signal,
      }, (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size <= MAX_ANSWER_BYTES) chunks.push(c);
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
        res.on('close', () => reject(new Error('connection closed before the answer was complete')));
      });
      req.on('error', (e) => reject(Object.assign(e, { reused: req.reusedSocket && (e as NodeJS.ErrnoException).code === 'ECONNRESET' })));
      req.end(payload);
    });
  }

  /** Aborts requests in flight and closes pooled connections. */
  close(): void {
    for (const ac of this.controllers) ac.abort();
    this.agents.http.destroy();
    this.agents.https.destroy();
  }
}
