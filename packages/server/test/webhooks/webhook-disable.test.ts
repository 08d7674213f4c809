// Endpoint health: six failures in a row disable it visibly; revalidation every 72 h; validate re-enables.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeFixture, T0, zoomError, type Fixture } from '../support/fixture.js';
import { ADMIN, Receiver, SECRET, deliveries, subscribed, webhook } from './support/webhook-fixture.js';

const HOUR = 3600;

async function setup(t: import('node:test').TestContext) {
  const f = await makeFixture({ userUpdateWindowSec: 0 });
  const r = await Receiver.start(SECRET);
  t.after(async () => { await f.close(); await r.close(); });
  return { f, r };
}

async function users(f: Fixture, n: number) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const u = await f.deps.directory.createUser('acc-main', { id: `u-${i}`, email: `u${i}@example.com` });
    await f.deps.presence.signIn(u, 'desktop', '6.3.0', true);
    out.push(u);
  }
  return out;
}

const validate = (f: Fixture, id: string) => f.inject({ method: 'POST', url: `/presence/v1/webhooks/${id}/validate`, headers: ADMIN });

test('six failed deliveries in a row disable the endpoint, visibly, and it then receives nothing until revalidated', async (t) => {
  const { f, r } = await setup(t);
  const us = await users(f, 7);
  const id = await subscribed(f, r);
  r.answers = [500];
  for (const u of us.slice(0, 5)) await f.put(u.id, { status: 'Away' });
  await f.advance(0);
  assert.equal((await webhook(f, id)).consecutive_failures, 5);
  assert.equal((await webhook(f, id)).status, 'active');

  await f.put(us[5]!.id, { status: 'Away' });
  await f.advance(0);
  const w = await webhook(f, id);
  assert.equal(w.status, 'disabled');
  assert.equal(w.consecutive_failures, 6);
  assert.match(w.disabled_reason, /^6 failures in a row; the last: delivery got HTTP 500\.$/);
  assert.equal(w.next_validation_at, null);

  const before = r.received.length;
  await f.put(us[6]!.id, { status: 'Away' });
  await f.advance(80 * HOUR);
  assert.equal(r.received.length, before, 'no retries, no new events');
  assert.equal(r.challenges.length, 1, 'no revalidation either');
  assert.equal((await deliveries(f, id)).length, 6, 'changes while disabled are not queued for it');

  r.answers = [200];
  const res = await validate(f, id);
  assert.equal(res.statusCode, 200, res.body);
  assert.equal(res.json().status, 'active');
  assert.equal(res.json().disabled_reason, null);
  assert.equal(res.json().consecutive_failures, 0);
  assert.equal(res.json().validated_at, new Date(T0 + 80 * HOUR * 1000).toISOString());
  await f.advance(0);
  assert.equal(r.received.length, before + 6, 'the deliveries it held go out once it is enabled again');
  assert.ok((await deliveries(f, id)).every((d) => d.state === 'delivered'));
});

test('a delivered event resets the failure count', async (t) => {
  const { f, r } = await setup(t);
  const us = await users(f, 6);
  const id = await subscribed(f, r);
  r.answers = [500, 500, 500, 500, 500, 200];
  for (const u of us) {
    await f.put(u.id, { status: 'Away' });
    await f.advance(0);
  }
  const w = await webhook(f, id);
  assert.equal(w.status, 'active');
  assert.equal(w.consecutive_failures, 0);
});

test('endpoints are revalidated every 72 hours on the server clock', async (t) => {
  const { f, r } = await setup(t);
  const id = await subscribed(f, r);
  await f.advance(72 * HOUR - 1);
  assert.equal(r.challenges.length, 1);
  await f.advance(1);
  assert.equal(r.challenges.length, 2);
  assert.equal(r.challenges[1]!.json.event_ts, T0 + 72 * HOUR * 1000);
  const w = await webhook(f, id);
  assert.equal(w.validated_at, new Date(T0 + 72 * HOUR * 1000).toISOString());
  assert.equal(w.next_validation_at, new Date(T0 + 144 * HOUR * 1000).toISOString());
});

test('six failed revalidations in a row disable the endpoint; a passing validate re-enables it', async (t) => {
  const { f, r } = await setup(t);
  const id = await subscribed(f, r);
  r.validation = 500;
  await f.advance(72 * HOUR);
  assert.equal((await webhook(f, id)).consecutive_failures, 1);
  // Failed revalidations are tried again after 5, 20, then 60 minutes.
  for (const [minutes, failures] of [[5, 2], [20, 3], [60, 4], [60, 5]] as const) {
    await f.advance(minutes * 60 - 1);
    assert.equal((await webhook(f, id)).consecutive_failures, failures - 1);
    await f.advance(1);
    assert.equal((await webhook(f, id)).consecutive_failures, failures);
    assert.equal((await webhook(f, id)).status, 'active');
  }
  await f.advance(60 * 60);
  const w = await webhook(f, id);
  assert.equal(w.status, 'disabled');
  assert.match(w.disabled_reason, /^6 failures in a row; the last: URL validation failed: the endpoint answered HTTP 500/);
  const challenges = r.challenges.length;
  await f.advance(200 * HOUR);
  assert.equal(r.challenges.length, challenges, 'a disabled endpoint is not challenged');

  r.validation = 'wrong-token';
  const failed = await validate(f, id);
  assert.equal(failed.statusCode, 400);
  assert.equal(zoomError(failed).code, 9006);
  assert.match(zoomError(failed).message, /encryptedToken/);
  assert.equal((await webhook(f, id)).consecutive_failures, 7);

  r.validation = 'ok';
  const passed = await validate(f, id);
  assert.equal(passed.statusCode, 200);
  assert.equal(passed.json().status, 'active');
  await f.put('me', { status: 'Away' });
  await f.advance(0);
  assert.equal(r.received.length, 1, 'it receives events again');
});
