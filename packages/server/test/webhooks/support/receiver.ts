// A real webhook endpoint for tests: node:http on 127.0.0.1, answers URL validation, checks every signature.
import { createHmac } from 'node:crypto';
import http, { type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Received = {
  headers: IncomingHttpHeaders;
  raw: Buffer;
  json: any;
  /** The signature checked over the bytes as received. */
  signedRaw: boolean;
  /** The signature checked over JSON.stringify(JSON.parse(body)), as re-serialising receivers do. */
  signedReserialised: boolean;
};

/** How to answer an event: a status code, or 'hang' to never answer. */
export type Answer = number | 'hang';
export type ValidationMode = 'ok' | 'wrong-token' | 'wrong-plain' | 'not-json' | 'hang' | number;

const hmac = (key: string, data: string | Buffer) => createHmac('sha256', key).update(data).digest('hex');

export class Receiver {
  readonly received: Received[] = [];
  readonly challenges: Received[] = [];
  /** Answers to events, used in order; the last one repeats. */
  answers: Answer[] = [200];
  validation: ValidationMode = 'ok';
  url = '';
  private server = http.createServer((req, res) => this.handle(req, res));
  private waiters: Array<() => void> = [];
  private hanging = new Set<http.ServerResponse>();
  private eventCount = 0;

  constructor(private secret: string) {}

  static async start(secret: string, path = '/hook'): Promise<Receiver> {
    const r = new Receiver(secret);
    await new Promise<void>((res) => r.server.listen(0, '127.0.0.1', res));
    r.url = `http://127.0.0.1:${(r.server.address() as AddressInfo).port}${path}`;
    return r;
  }

  /** Events received (validation challenges excluded). */
  get events(): any[] {
    return this.received.map((r) => r.json);
  }

  /** Resolves once `n` events have arrived; fails after `ms` of real time. */
  async waitFor(n: number, ms = 3000): Promise<Received[]> {
    const deadline = Date.now() + ms;
    while (this.received.length < n) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`expected ${n} webhook events, got ${this.received.length}`);
      await new Promise<void>((res) => {
        const t = setTimeout(res, left);
        this.waiters.push(() => { clearTimeout(t); res(); });
      });
    }
    return this.received.slice(0, n);
  }

  async close(): Promise<void> {
    for (const r of this.hanging) r.destroy();
    this.server.closeAllConnections();
    await new Promise((res) => this.server.close(res));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const json = JSON.parse(raw.toString('utf8'));
      const ts = String(req.headers['x-zm-request-timestamp']);
      const sig = req.headers['x-zm-signature'];
      const r: Received = {
        headers: req.headers, raw, json,
        signedRaw: sig === `v0=${hmac(this.secret, Buffer.concat([Buffer.from(`v0:${ts}:`), raw]))}`,
        signedReserialised: sig === `v0=${hmac(this.secret, `v0:${ts}:${JSON.stringify(json)}`)}`,
      };
      if (json.event === 'endpoint.url_validation') return this.answerChallenge(r, res);
      this.received.push(r);
      for (const w of this.waiters.splice(0)) w();
      const answer = this.answers[Math.min(this.eventCount++, this.answers.length - 1)]!;
      if (answer === 'hang') return void this.hanging.add(res);
      res.writeHead(answer, { 'content-type': 'application/json' }).end('{}');
    });
  }

  private answerChallenge(r: Received, res: http.ServerResponse) {
    this.challenges.push(r);
    const plainToken = r.json.payload.plainToken as string;
    const m = this.validation;
    if (m === 'hang') return void this.hanging.add(res);
    if (typeof m === 'number') return void res.writeHead(m).end();
    if (m === 'not-json') return void res.writeHead(200, { 'content-type': 'text/plain' }).end('hello');
    const answer = {
      plainToken: m === 'wrong-plain' ? `${plainToken}x` : plainToken,
      encryptedToken: m === 'wrong-token' ? hmac('not-the-secret', plainToken) : hmac(this.secret, plainToken),
    };
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
  }
}
