// Requests too broken to route still get Zoom's body shape, a tracking id and a 4xx.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { loadConfig } from '../src/config.js';
import { startServer } from '../src/server.js';

function raw(port: number, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = connect(port, '127.0.0.1', () => s.write(bytes));
    let out = '';
    s.on('data', (d) => (out += d.toString('utf8')));
    s.on('end', () => resolve(out));
    s.on('error', reject);
  });
}

test('a garbage request line and oversized headers answer 400 and 431 in the Zoom shape with a tracking id', async () => {
  const server = await startServer(loadConfig({}, [], { port: 0, store: 'memory', logLevel: 'silent', demo: false }));
  try {
    const port = Number(new URL(server.url).port);
    const bad = await raw(port, 'GARBAGE\r\n\r\n');
    assert.match(bad, /^HTTP\/1\.1 400 /);
    assert.match(bad, /x-zm-trackingid: v=2\.0;clid=presence;rid=\S+/);
    assert.match(bad, /content-type: application\/json;charset=UTF-8/);
    assert.deepEqual(JSON.parse(bad.slice(bad.indexOf('\r\n\r\n') + 4)), { code: 300, message: 'The HTTP request is malformed.' });
    const big = await raw(port, `GET /v2/users/me/presence_status HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    assert.match(big, /^HTTP\/1\.1 431 /);
    assert.deepEqual(JSON.parse(big.slice(big.indexOf('\r\n\r\n') + 4)), { code: 431, message: 'Request header fields are too large.' });
  } finally {
    await server.close();
  }
});
