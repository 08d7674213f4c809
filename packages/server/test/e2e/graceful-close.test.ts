// Shutdown with a request in flight: the request completes, its connection is closed, and close() does not wait for keep-alive.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../../src/config.js';
import { startServer } from '../../src/server.js';

const ADMIN_KEY = 'graceful-close-admin-key-01';
const SECRET = 'graceful-close-secret';

/** A webhook endpoint that answers the URL-validation challenge correctly, but only after 1 s. */
async function slowReceiver() {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const plainToken = JSON.parse(Buffer.concat(chunks).toString()).payload.plainToken as string;
      const encryptedToken = createHmac('sha256', SECRET).update(plainToken).digest('hex');
      setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ plainToken, encryptedToken })), 1000);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, close: () => { server.closeAllConnections(); server.close(); } };
}

test('close() during a slow request lets it finish with connection: close and resolves within seconds', async (t) => {
  const receiver = await slowReceiver();
  t.after(() => receiver.close());
  const server = await startServer(loadConfig({}, [], {
    host: '127.0.0.1', port: 0, store: 'memory', clock: 'manual', adminKey: ADMIN_KEY, logLevel: 'silent', demo: false,
  }));
  await server.deps.directory.createAccount({ id: 'acc-close', name: 'Closing' });

  // A keep-alive client, as browsers, curl sessions and SDKs are.
  const agent = new http.Agent({ keepAlive: true });
  t.after(() => agent.destroy());
  const payload = JSON.stringify({ url: receiver.url, secret_token: SECRET });
  const answer = new Promise<{ status: number; connection: string | undefined; body: string }>((resolve, reject) => {
    const req = http.request(`${server.url}/presence/v1/accounts/acc-close/webhooks`, {
      method: 'POST', agent,
      headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
    }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, connection: res.headers.connection, body }));
    });
    req.on('error', reject);
    req.end(payload);
  });

  await new Promise((r) => setTimeout(r, 300));
  const t0 = Date.now();
  const closed = server.close().then(() => Date.now() - t0);
  const res = await answer;
  assert.equal(res.status, 201, res.body);
  assert.equal(res.connection, 'close');
  const took = await Promise.race([closed, new Promise<number>((r) => setTimeout(() => r(Infinity), 5000).unref())]);
  assert.ok(took < 5000, `close() took ${took} ms`);
});
