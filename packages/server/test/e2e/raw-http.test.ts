// Malformed HTTP at the socket level: a real server never answers 5xx and keeps serving afterwards.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { startServer, type RunningServer } from '../../src/server.js';
import { testConfig } from '../support/fixture.js';

let server: RunningServer;
let port: number;
before(async () => {
  server = await startServer(testConfig({ host: '127.0.0.1', port: 0, publicUrl: '' }));
  port = Number(new URL(server.url).port);
});
after(async () => { await server.close(); });

/** Sends raw bytes, half-closes, and returns whatever came back (bounded in time). */
function raw(bytes: string | Buffer): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const s = connect(port, '127.0.0.1', () => s.end(bytes));
    const done = () => resolve(Buffer.concat(chunks).toString('latin1'));
    s.on('data', (c) => chunks.push(c));
    s.on('close', done);
    s.on('error', done);
    s.setTimeout(3000, () => s.destroy());
  });
}

const CASES: Array<[string, string | Buffer]> = [
  ['a 100 KB header', `GET /v2/users/me/presence_status HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(100_000)}\r\n\r\n`],
  ['a garbage request line', 'HELLO WORLD\r\n\r\n'],
  ['binary noise', Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 97 + 13) % 256))],
  ['a bad chunked body', 'PUT /v2/users/me/presence_status HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n'],
  ['both Content-Length and chunked', 'PUT /v2/users/me/presence_status HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n'],
  ['a body shorter than its Content-Length', 'PUT /v2/users/me/presence_status HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"status":'],
  ['a header with a control character', 'GET /v2/users/me/presence_status HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer a\u0001b\r\n\r\n'],
  ['an absolute-form URL with bad escapes', 'GET http://x/v2/users/%zz/presence_status HTTP/1.1\r\nHost: x\r\n\r\n'],
];

for (const [label, bytes] of CASES) {
  test(`${label} never gets a 5xx`, async () => {
    const answer = await raw(bytes);
    const m = /^HTTP\/1\.1 (\d{3})/.exec(answer);
    if (m) assert.ok(Number(m[1]) < 500, answer.slice(0, 200));
  });
}

test('the server still answers normally after all of that', async () => {
  const res = await fetch(`${server.url}/presence/v1/health`);
  assert.equal(res.status, 200);
  assert.equal((await res.json()).ok, true);
});
