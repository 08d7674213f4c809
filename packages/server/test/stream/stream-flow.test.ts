import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { streamFixture } from './support/stream-fixture.js';
import { SseClient, dataOf } from './support/sse-client.js';

const STREAM = '/presence/v1/stream';

test('an idle stream receives ping comments every streamHeartbeatSec', async (t) => {
  const f = await streamFixture({ streamHeartbeatSec: 1 });
  t.after(() => f.close());
  const s = await SseClient.open(f.url + STREAM, { token: await f.adminToken('acc_a') });
  t.after(() => s.close());
  await s.next();
  const started = Date.now();
  await s.next((b) => b.comment === 'ping', 2500);
  await s.next((b) => b.comment === 'ping', 2500);
  assert.ok(Date.now() - started >= 900, 'two pings take at least one interval');
});

test('a stream ends at the next heartbeat once its token has expired', async (t) => {
  const f = await streamFixture({ streamHeartbeatSec: 1 });
  t.after(() => f.close());
  const s = await SseClient.open(f.url + STREAM, { token: await f.adminToken('acc_a') });
  t.after(() => s.close());
  await s.next();
  await f.advance(3601);
  await Promise.race([s.endedP, new Promise((_, no) => setTimeout(() => no(new Error('stream still open')), 2500))]);
});

/** A client that sends the request and then never reads a byte. */
async function stalledClient(url: string, token: string): Promise<{ socket: Socket; received: () => Promise<string> }> {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  await new Promise((r) => socket.once('connect', r));
  socket.write(`GET ${STREAM} HTTP/1.1\r\nHost: ${hostname}\r\nAuthorization: Bearer ${token}\r\nAccept: text/event-stream\r\n\r\n`);
  socket.pause();
  return {
    socket,
    /** Reads everything the server managed to send, up to the end of the connection. */
    received: () =>
      new Promise((resolve) => {
        const chunks: Buffer[] = [];
        socket.on('data', (c: Buffer) => chunks.push(c));
        socket.on('close', () => resolve(Buffer.concat(chunks).toString('latin1')));
        socket.resume();
      }),
  };
}

test('a consumer that stops reading is cut off while a reading one keeps receiving every event', async (t) => {
  const f = await streamFixture({ streamClientQueueBytes: 131_072 });
  t.after(() => f.close());
  const admin = await f.adminToken('acc_a');
  const reader = await SseClient.open(f.url + STREAM, { token: admin });
  t.after(() => reader.close());
  await reader.next();
  const slow = await stalledClient(f.url, admin);
  t.after(() => slow.socket.destroy());
  const connections = () => new Promise<number>((r) => f.server.app.server.getConnections((_e, n) => r(n)));
  while ((await connections()) < 2) await new Promise((r) => setTimeout(r, 5));

  // Changes go straight onto the bus, as the service publishes them after each commit: filling the kernel's
  // socket buffers (megabytes on loopback) through the store would take tens of thousands of commits.
  const statuses = ['Away', 'Available'] as const;
  let sent = 0;
  const at = f.server.deps.clock.now();
  while ((await connections()) > 1) {
    const batch = Array.from({ length: 250 }, () => {
      const i = sent++;
      return {
        type: 'presence.changed' as const, accountId: 'acc_a', userId: 'bob', email: 'bob@a.example',
        status: statuses[i % 2]!, previousStatus: statuses[(i + 1) % 2]!, at, cause: 'update' as const, seq: 1_000_000 + i,
      };
    });
    f.server.deps.bus.publish(batch);
    await new Promise((r) => setTimeout(r, 2));
    assert.ok(sent < 200_000, 'the stalled client was never cut off');
  }

  // The reader got every change, in order; the stalled client's stream ended short of them.
  let last = '';
  for (let i = 0; i < sent; i++) {
    const e = await reader.next();
    assert.equal(dataOf(e).status, statuses[i % 2]);
    last = e.id!;
  }
  const raw = await slow.received();
  assert.match(raw, /^HTTP\/1\.1 200/);
  assert.ok(!raw.includes(`id: ${last}\n`), 'the stalled client did not get the last event');
  assert.ok(raw.length < sent * 200, `the stalled client got only part of the stream (${raw.length} bytes)`);
});

test('closing the server ends open streams instead of waiting on them', async (t) => {
  const f = await streamFixture();
  const admin = await f.adminToken('acc_a');
  const streams = [await SseClient.open(f.url + STREAM, { token: admin }), await SseClient.open(f.url + STREAM, { token: await f.userToken('bob') })];
  t.after(() => streams.forEach((s) => s.close()));
  await Promise.all(streams.map((s) => s.next()));
  const closed = f.close().then(() => 'closed');
  const timeout = new Promise((r) => setTimeout(() => r('timed out'), 3000).unref());
  assert.equal(await Promise.race([closed, timeout]), 'closed');
  await Promise.all(streams.map((s) => s.endedP));
});

test('a client that disconnects leaves the others streaming and frees its connection', async (t) => {
  const f = await streamFixture();
  t.after(() => f.close());
  const admin = await f.adminToken('acc_a');
  const gone = await SseClient.open(f.url + STREAM, { token: admin });
  const stays = await SseClient.open(f.url + STREAM, { token: admin });
  t.after(() => stays.close());
  await gone.next();
  await stays.next();
  gone.close();
  const connections = () => new Promise<number>((r) => f.server.app.server.getConnections((_e, n) => r(n)));
  while ((await connections()) > 1) await new Promise((r) => setTimeout(r, 5));
  assert.equal(await f.put('bob', admin, { status: 'Away' }), 204);
  assert.equal(dataOf(await stays.next()).status, 'Away');
});
