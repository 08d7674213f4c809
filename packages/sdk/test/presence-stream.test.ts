import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PresenceApiError, createPresenceClient, type PresenceStreamEvent } from '../src/index.js';

type Handler = (req: IncomingMessage, res: ServerResponse, connection: number) => void;

async function sseServer(t: { after(fn: () => void): void }, handler: Handler) {
  let connection = 0;
  const seen: IncomingMessage[] = [];
  const server = createServer((req, res) => {
    seen.push(req);
    handler(req, res, connection++);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  t.after(() => server.close());
  server.on('connection', (s) => t.after(() => s.destroy()));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { origin, seen };
}

const SSE_HEADERS = { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' };
const presence = (id: number, status: string, previous: string) =>
  `event: presence\r\nid: ${id}\r\ndata: ${JSON.stringify({ account_id: 'acc', user_id: 'u1', email: 'u1@example.com', status, previous_status: previous, date_time: '2026-01-01T00:00:00Z', cause: 'api' })}\r\n\r\n`;

function clientFor(origin: string, waits: number[] = []) {
  return createPresenceClient({
    apiBaseUrl: `${origin}/v2`,
    auth: { type: 'static', accessToken: 'stream-token' },
    sleep: async (ms) => void waits.push(ms),
  });
}

async function take(it: AsyncGenerator<PresenceStreamEvent>, n: number): Promise<PresenceStreamEvent[]> {
  const out: PresenceStreamEvent[] = [];
  for await (const e of it) {
    out.push(e);
    if (out.length === n) break;
  }
  return out;
}

test('parses snapshot and presence events, then resumes with Last-Event-ID after a drop', async (t) => {
  const { origin, seen } = await sseServer(t, (req, res, n) => {
    res.writeHead(200, SSE_HEADERS);
    if (n === 0) {
      res.write(': ping\n\nretry: 50\n\n');
      res.write('event: snapshot\nid: 1\ndata: {"users":[{"id":"u1","email":"u1@example.com",\ndata: "status":"Available"}]}\n\n');
      res.write(presence(2, 'Away', 'Available'));
      setTimeout(() => res.socket?.destroy(), 20);
    } else {
      res.write(presence(3, 'In_A_Meeting', 'Away'));
    }
  });
  const waits: number[] = [];
  const events = await take(clientFor(origin, waits).streamPresence(), 3);

  assert.equal(seen[0]!.url, '/presence/v1/stream');
  assert.equal(seen[0]!.headers.authorization, 'Bearer stream-token');
  assert.equal(seen[0]!.headers.accept, 'text/event-stream');
  assert.equal(seen[0]!.headers['last-event-id'], undefined);
  assert.equal(seen[1]!.headers['last-event-id'], '2');
  assert.deepEqual(waits, [50]);

  const [snapshot, first, second] = events;
  assert.deepEqual(snapshot, {
    type: 'snapshot',
    id: '1',
    users: [{ id: 'u1', email: 'u1@example.com', status: { kind: 'known', status: 'Available', raw: 'Available' } }],
    raw: { users: [{ id: 'u1', email: 'u1@example.com', status: 'Available' }] },
  });
  assert.ok(first!.type === 'presence' && second!.type === 'presence');
  assert.equal(first.id, '2');
  assert.deepEqual(first.status, { kind: 'known', status: 'Away', raw: 'Away' });
  assert.deepEqual(first.previousStatus, { kind: 'known', status: 'Available', raw: 'Available' });
  assert.equal(first.cause, 'api');
  assert.equal(second.id, '3');
  assert.equal(second.userId, 'u1');
});

test('a given lastEventId is sent on the first connection', async (t) => {
  const { origin, seen } = await sseServer(t, (_req, res) => {
    res.writeHead(200, SSE_HEADERS);
    res.write(presence(42, 'Busy', 'Away'));
  });
  const [e] = await take(clientFor(origin).streamPresence({ lastEventId: '41' }), 1);
  assert.equal(seen[0]!.headers['last-event-id'], '41');
  assert.equal(e!.id, '42');
});

test('aborting ends the iteration quietly', async (t) => {
  const { origin } = await sseServer(t, (_req, res) => {
    res.writeHead(200, SSE_HEADERS);
    res.write(presence(1, 'Away', 'Available'));
  });
  const controller = new AbortController();
  const got: PresenceStreamEvent[] = [];
  for await (const e of clientFor(origin).streamPresence({ signal: controller.signal })) {
    got.push(e);
    controller.abort();
  }
  assert.equal(got.length, 1);
});

test('breaking out of the loop closes the connection', async (t) => {
  let closed!: () => void;
  const closedP = new Promise<void>((r) => (closed = r));
  const { origin } = await sseServer(t, (req, res) => {
    res.writeHead(200, SSE_HEADERS);
    res.write(presence(1, 'Away', 'Available'));
    req.socket.on('close', closed);
  });
  await take(clientFor(origin).streamPresence(), 1);
  await closedP;
});

test('an unknown event name and an unknown status are passed on, not dropped', async (t) => {
  const { origin } = await sseServer(t, (_req, res) => {
    res.writeHead(200, SSE_HEADERS);
    res.write('event: future\nid: 1\ndata: {}\n\n');
    res.write(presence(2, 'Some_New_Value', 'Away'));
  });
  const [a, b] = await take(clientFor(origin).streamPresence(), 2);
  assert.deepEqual(a, { type: 'unknown', id: '1', event: 'future', data: '{}' });
  assert.ok(b!.type === 'presence');
  assert.deepEqual(b.status, { kind: 'unknown', raw: 'Some_New_Value' });
});

test('a 404 is thrown at once: reconnecting would not help', async (t) => {
  const { origin, seen } = await sseServer(t, (_req, res) => {
    res.writeHead(404, { 'content-type': 'application/json' }).end('{"code":404,"message":"Not found."}');
  });
  await assert.rejects(take(clientFor(origin).streamPresence(), 1), (e: unknown) => e instanceof PresenceApiError && e.status === 404);
  assert.equal(seen.length, 1);
});

test('gives up after the configured number of failed reconnects, backing off within bounds', async (t) => {
  const { origin, seen } = await sseServer(t, (_req, res) => res.writeHead(503).end());
  const waits: number[] = [];
  const client = createPresenceClient({
    streamUrl: `${origin}/presence/v1/stream`,
    auth: { type: 'static', accessToken: 'tok' },
    sleep: async (ms) => void waits.push(ms),
    reconnect: { initialDelayMs: 100, maxDelayMs: 300, maxAttempts: 4 },
  });
  await assert.rejects(take(client.streamPresence(), 1), { status: 503 });
  assert.equal(seen.length, 4);
  assert.deepEqual(waits, [100, 200, 300]);
});

test('a 401/124 on connect renews the token once', async (t) => {
  const { origin, seen } = await sseServer(t, (req, res) => {
    if (req.headers.authorization === 'Bearer old') {
      res.writeHead(401, { 'content-type': 'application/json' }).end('{"code":124,"message":"Invalid access token."}');
      return;
    }
    res.writeHead(200, SSE_HEADERS);
    res.write(presence(1, 'Away', 'Available'));
  });
  let token = 'old';
  const client = createPresenceClient({
    apiBaseUrl: `${origin}/v2`,
    auth: { getToken: async () => token, invalidate: () => ((token = 'new'), true) },
    sleep: async () => {},
  });
  const [e] = await take(client.streamPresence(), 1);
  assert.equal(e!.type, 'presence');
  assert.deepEqual(seen.map((r) => r.headers.authorization), ['Bearer old', 'Bearer new']);
});
