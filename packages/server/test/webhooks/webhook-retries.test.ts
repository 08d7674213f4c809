// Retries on the server clock: 5xx and transport failures at +5/+20/+60 minutes, 4xx never, redelivery on demand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeFixture, T0, zoomError } from '../support/fixture.js';
import { ADMIN, Receiver, SECRET, deliveries, subscribed } from './support/webhook-fixture.js';

async function setup(t: import('node:test').TestContext, answers: Receiver['answers'], config = {}) {
  const f = await makeFixture({ userUpdateWindowSec: 0, ...config });
  const r = await Receiver.start(SECRET);
  r.answers = answers;
  t.after(async () => { await f.close(); await r.close(); });
  const id = await subscribed(f, r);
  return { f, r, id };
}

const MIN = 60;

test('a 5xx is retried at +5, +20 and +60 minutes with the same request id, each freshly timestamped and signed', async (t) => {
  const { f, r, id } = await setup(t, [500]);
  await f.put('me', { status: 'Away' });
  await f.advance(0);
  assert.equal(r.received.length, 1);
  let [d] = await deliveries(f, id);
  assert.equal(d!.state, 'retrying');
  assert.equal(d!.next_attempt_at, new Date(T0 + 5 * 60_000).toISOString());

  const expectAt = async (minutes: number, count: number) => {
    const now = (await f.inject({ method: 'GET', url: '/presence/v1/clock', headers: ADMIN })).json().epoch_ms as number;
    await f.advance((T0 + minutes * 60_000 - now) / 1000 - 1);
    assert.equal(r.received.length, count - 1, `nothing before +${minutes} min`);
    await f.advance(1);
    assert.equal(r.received.length, count, `attempt ${count} at +${minutes} min`);
  };
  await expectAt(5, 2);
  await expectAt(20, 3);
  await expectAt(60, 4);
  await f.advance(24 * 60 * MIN);
  assert.equal(r.received.length, 4, 'three retries, then it gives up');

  assert.equal(new Set(r.received.map((x) => x.headers['x-zm-request-id'])).size, 1, 'one request id');
  // Retries are scheduled on the server clock; each request is stamped with the wall-clock time it was sent.
  const stamps = r.received.map((x) => Number(x.headers['x-zm-request-timestamp']));
  assert.ok(stamps.every((s) => Math.abs(s - Date.now() / 1000) < 10), `timestamps ${stamps}`);
  assert.deepEqual(stamps, [...stamps].sort((a, b) => a - b), 'each stamped afresh when sent');
  assert.ok(r.received.every((x) => x.signedRaw), 'and each signature verifies');
  assert.ok(r.received.every((x) => x.raw.equals(r.received[0]!.raw)), 'the body is the same bytes every time');

  [d] = await deliveries(f, id);
  assert.equal(d!.state, 'failed');
  assert.equal(d!.next_attempt_at, null);
  assert.deepEqual(d!.attempts.map((a) => [a.at, a.status_code, a.error]), [0, 5, 20, 60].map((m) => [new Date(T0 + m * 60_000).toISOString(), 500, null]));
});

test('a retry that gets a 2xx settles the delivery as delivered', async (t) => {
  const { f, r, id } = await setup(t, [503, 204]);
  await f.put('me', { status: 'Away' });
  await f.advance(0);
  await f.advance(5 * MIN);
  assert.equal(r.received.length, 2);
  const [d] = await deliveries(f, id);
  assert.equal(d!.state, 'delivered');
  assert.deepEqual(d!.attempts.map((a) => a.status_code), [503, 204]);
});

for (const code of [400, 404, 429]) {
  test(`a ${code} is never retried`, async (t) => {
    const { f, r, id } = await setup(t, [code]);
    await f.put('me', { status: 'Away' });
    await f.advance(0);
    await f.advance(3 * 60 * MIN);
    assert.equal(r.received.length, 1);
    const [d] = await deliveries(f, id);
    assert.equal(d!.state, 'failed');
    assert.deepEqual(d!.attempts.map((a) => a.status_code), [code]);
  });
}

test('no answer within webhookTimeoutMs is a transport failure, and is retried', async (t) => {
  const { f, r, id } = await setup(t, ['hang', 200], { webhookTimeoutMs: 600 });
  await f.put('me', { status: 'Away' });
  await f.advance(0);
  let [d] = await deliveries(f, id);
  assert.equal(d!.state, 'retrying');
  assert.equal(d!.attempts[0]!.status_code, null);
  assert.equal(d!.attempts[0]!.error, 'no answer within 600 ms');
  assert.ok(d!.attempts[0]!.duration_ms >= 550, `took ${d!.attempts[0]!.duration_ms} ms`);
  await f.advance(5 * MIN);
  [d] = await deliveries(f, id);
  assert.equal(d!.state, 'delivered');
  assert.equal(r.received.length, 2);
});

test('an endpoint that refuses connections is a transport failure, and is retried', async (t) => {
  const { f, r, id } = await setup(t, [200]);
  await r.close();
  await f.put('me', { status: 'Away' });
  await f.advance(0);
  const [d] = await deliveries(f, id);
  assert.equal(d!.state, 'retrying');
  assert.match(d!.attempts[0]!.error ?? '', /^ECONNREFUSED/);
});

test('redeliver answers 202 and sends a fresh attempt now with the same request id', async (t) => {
  const { f, r, id } = await setup(t, [400, 200]);
  await f.put('me', { status: 'Away' });
  await f.advance(0);
  let [d] = await deliveries(f, id);
  assert.equal(d!.state, 'failed');

  await f.advance(10 * MIN);
  const res = await f.inject({ method: 'POST', url: `/presence/v1/deliveries/${d!.id}/redeliver`, headers: ADMIN });
  assert.equal(res.statusCode, 202);
  assert.equal(res.json().state, 'pending');
  assert.equal(res.json().next_attempt_at, new Date(T0 + 10 * 60_000).toISOString());
  await f.advance(0);
  assert.equal(r.received.length, 2);
  assert.equal(r.received[1]!.headers['x-zm-request-id'], r.received[0]!.headers['x-zm-request-id']);
  assert.ok(Math.abs(Number(r.received[1]!.headers['x-zm-request-timestamp']) - Date.now() / 1000) < 5, 'stamped when sent by the wall clock');
  [d] = await deliveries(f, id);
  assert.equal(d!.state, 'delivered');
  assert.deepEqual(d!.attempts.map((a) => a.status_code), [400, 200]);

  const other = { authorization: `Bearer ${await f.token({ account: f.otherAccount, scopes: ['presence:admin'] })}` };
  const hidden = await f.inject({ method: 'POST', url: `/presence/v1/deliveries/${d!.id}/redeliver`, headers: other });
  assert.equal(hidden.statusCode, 404);
  assert.equal(zoomError(hidden).code, 9005);
});
