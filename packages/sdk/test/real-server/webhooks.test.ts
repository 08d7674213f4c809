// End to end: the real server's webhook sender delivering to a loopback receiver built on the SDK's handleWebhook.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleWebhook, type PresenceClient, type WebhookOutcome } from '../../src/index.js';
import { startRealServer, type RealServer } from '../support/real-server.js';

const SECRET = 'receiver-secret-token-123';

type Arrival = { headers: IncomingHttpHeaders; rawBody: string; outcome: WebhookOutcome };

/** A node:http receiver exactly as the SDK README shows it, keeping what arrived for the test to inspect. */
async function startReceiver(secret: string) {
  const arrivals: Arrival[] = [];
  const waiting: Array<() => void> = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const rawBody = Buffer.concat(chunks);
    // Freshness is judged by the wall clock, as a real receiver does, even though the server's clock is manual.
    const outcome = handleWebhook({ secret, headers: req.headers, rawBody });
    arrivals.push({ headers: req.headers, rawBody: rawBody.toString('utf8'), outcome });
    waiting.splice(0).forEach((wake) => wake());
    if (outcome.kind === 'rejected') return res.writeHead(outcome.status).end();
    if (outcome.kind === 'validation') return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(outcome.response));
    res.writeHead(204).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  let taken = 0;
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/zoom`,
    arrivals,
    /** The next arrival after those already taken; fails after 3 s. */
    async next(): Promise<Arrival> {
      const deadline = Date.now() + 3000;
      while (arrivals.length <= taken) {
        assert.ok(Date.now() < deadline, 'no webhook arrived within 3 s');
        await new Promise<void>((wake) => {
          waiting.push(wake);
          setTimeout(wake, 100);
        });
      }
      return arrivals[taken++]!;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

let srv: RealServer;
let admin: PresenceClient;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
before(async () => {
  srv = await startRealServer();
  admin = srv.client({ app: 'acme-admin' });
  receiver = await startReceiver(SECRET);
});
after(async () => {
  await srv.close();
  await receiver.close();
});

function presenceEvent(a: Arrival) {
  assert.equal(a.outcome.kind, 'event', `receiver answered ${JSON.stringify(a.outcome)}`);
  if (a.outcome.kind !== 'event' || a.outcome.event.kind !== 'presence_status_updated') throw new Error(`not a presence event: ${a.rawBody}`);
  return a.outcome.event;
}

test('subscribing a receiver built on handleWebhook passes the signed URL validation', async () => {
  const r = await srv.adminApi('POST', '/accounts/acme/webhooks', { url: receiver.url, secret_token: SECRET });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  assert.equal(r.body?.status, 'active');
  const challenge = await receiver.next();
  assert.equal(challenge.outcome.kind, 'validation');
});

test('a status change arrives as a verified, normalised event signed the way the spec says', async () => {
  await admin.updatePresenceStatus('bob', { status: 'On_A_Call' });
  const changedAt = srv.now();
  const a = await receiver.next();
  const event = presenceEvent(a);
  assert.deepEqual({ ...event, raw: undefined }, {
    kind: 'presence_status_updated',
    event: 'user.presence_status_updated',
    eventTs: changedAt,
    accountId: 'acme',
    userId: 'bob',
    email: 'bob@acme.example',
    status: { kind: 'known', status: 'In_A_Call', raw: 'On_Phone_Call' },
    dateTime: '2026-12-03T17:00:00Z',
    raw: undefined,
  });

  // Recomputed here from the spec's formula, independently of both the server's and the SDK's code.
  // The timestamp is when the request was sent by the wall clock; the body's times are the server clock's.
  const ts = a.headers['x-zm-request-timestamp'];
  assert.ok(Math.abs(Number(ts) - Date.now() / 1000) < 5, `x-zm-request-timestamp ${ts} is the wall-clock time of sending`);
  const expected = `v0=${createHmac('sha256', SECRET).update(`v0:${ts}:${a.rawBody}`).digest('hex')}`;
  assert.equal(a.headers['x-zm-signature'], expected);
  assert.equal(a.rawBody, JSON.stringify(JSON.parse(a.rawBody)), 'compact JSON, as JSON.stringify writes it');
  assert.equal(a.headers['content-type'], 'application/json; charset=utf-8');
  assert.equal(a.headers['user-agent'], 'Zoom Marketplace/1.0a');
  assert.match(String(a.headers['x-zm-request-id']), /\S/);
});

test('signing out the last client arrives as Offline', async () => {
  const list = await srv.adminApi('GET', '/users/jane/sessions');
  const sessions = list.body?.sessions as Array<{ id: string }>;
  assert.equal(sessions.length, 1);
  assert.equal((await srv.adminApi('DELETE', `/sessions/${sessions[0]!.id}`)).status, 204);
  const event = presenceEvent(await receiver.next());
  assert.equal(event.email, 'jane@acme.example');
  assert.deepEqual(event.status, { kind: 'known', status: 'Offline', raw: 'Offline' });
});

test('a receiver holding another secret refuses the challenge, so the subscription is refused', async () => {
  const other = await startReceiver('a-different-secret-456');
  try {
    const r = await srv.adminApi('POST', '/accounts/acme/webhooks', { url: other.url, secret_token: SECRET });
    assert.equal(r.status, 400);
    assert.equal(r.body?.code, 9006);
    assert.deepEqual((await other.next()).outcome, { kind: 'rejected', status: 401, reason: 'signature_mismatch' });
  } finally {
    await other.close();
  }
});

test('with the manual clock two hours ahead, validation and deliveries still pass the default freshness check', async () => {
  const ahead = await startRealServer({ config: { clockStart: new Date().toISOString() } });
  const hooked = await startReceiver(SECRET);
  try {
    await ahead.advance(2 * 3600);
    const r = await ahead.adminApi('POST', '/accounts/acme/webhooks', { url: hooked.url, secret_token: SECRET });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.equal((await hooked.next()).outcome.kind, 'validation');

    await ahead.client({ app: 'acme-admin' }).updatePresenceStatus('bob', { status: 'Away' });
    const event = presenceEvent(await hooked.next());
    assert.equal(event.userId, 'bob');
    assert.equal(event.eventTs, ahead.now(), 'the body keeps the server clock\'s time');
    assert.ok(event.eventTs - Date.now() > 90 * 60_000, 'which is well ahead of the wall clock');
  } finally {
    await ahead.close();
    await hooked.close();
  }
});
