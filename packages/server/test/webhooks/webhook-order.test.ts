// Ordering and isolation: one user's events in order per endpoint; a slow endpoint holds up nobody else.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeFixture, type Fixture } from '../support/fixture.js';
import { Receiver, SECRET, deliveries, subscribed } from './support/webhook-fixture.js';

async function userOn6(f: Fixture, id: string) {
  const u = await f.deps.directory.createUser('acc-main', { id, email: `${id}@example.com` });
  await f.deps.presence.signIn(u, 'desktop', '6.3.0', true);
  return u;
}

test("a user's later event waits until the earlier one is settled; other users' events go meanwhile", async (t) => {
  const f = await makeFixture({ userUpdateWindowSec: 0 });
  const r = await Receiver.start(SECRET);
  t.after(async () => { await f.close(); await r.close(); });
  const x = await userOn6(f, 'u-x');
  const y = await userOn6(f, 'u-y');
  const id = await subscribed(f, r);
  r.answers = [503, 200];
  const put = async (userId: string, status: string) => {
    assert.equal((await f.put(userId, { status })).statusCode, 204);
    await f.advance(0);
  };
  await put(x.id, 'Away');
  await put(y.id, 'Busy');
  await put(x.id, 'Presenting');
  await put(x.id, 'Out_of_Office');
  const seen = () => r.events.map((e) => `${e.payload.object.id}:${e.payload.object.presence_status}`);
  assert.deepEqual(seen(), ['u-x:Away', 'u-y:Busy'], "x's later events wait behind its failed first one");
  const log = await deliveries(f, id);
  assert.deepEqual(log.map((d) => d.state), ['pending', 'pending', 'delivered', 'retrying'], 'newest first');

  await f.advance(5 * 60);
  assert.deepEqual(seen(), ['u-x:Away', 'u-y:Busy', 'u-x:Away', 'u-x:Presenting', 'u-x:Out_of_Office']);
  assert.ok((await deliveries(f, id)).every((d) => d.state === 'delivered'));
});

test('a failed-for-good event releases the next one of that user', async (t) => {
  const f = await makeFixture({ userUpdateWindowSec: 0 });
  const r = await Receiver.start(SECRET);
  t.after(async () => { await f.close(); await r.close(); });
  await subscribed(f, r);
  r.answers = [410, 200];
  await f.put('me', { status: 'Away' });
  await f.put('me', { status: 'Busy' });
  await f.advance(0);
  assert.deepEqual(r.events.map((e) => e.payload.object.presence_status), ['Away', 'Busy']);
});

test('a slow endpoint delays neither another endpoint nor the API', async (t) => {
  const f = await makeFixture({ userUpdateWindowSec: 0, webhookTimeoutMs: 30_000 });
  const slow = await Receiver.start(SECRET);
  const fast = await Receiver.start(SECRET);
  t.after(async () => { await f.close(); await slow.close(); await fast.close(); });
  slow.answers = ['hang'];
  await subscribed(f, slow);
  await subscribed(f, fast);

  const started = Date.now();
  for (const status of ['Away', 'Busy', 'Presenting']) {
    assert.equal((await f.put('me', { status })).statusCode, 204);
    await fast.waitFor(fast.received.length + 1, 10_000);
  }
  assert.equal((await f.get('me')).json().status, 'Presenting');
  // The slow endpoint holds its request for 30 s: anything waiting on it would take that long.
  assert.ok(Date.now() - started < 10_000, `took ${Date.now() - started} ms while the slow endpoint hung`);
  assert.equal(slow.received.length, 1, 'the slow endpoint has one request open, the user\'s next events wait behind it');
});

test('per-endpoint concurrency bounds the requests in flight to one endpoint', async (t) => {
  const f = await makeFixture({ userUpdateWindowSec: 0, webhookTimeoutMs: 5000, webhookConcurrency: 2 });
  const r = await Receiver.start(SECRET);
  t.after(async () => { await f.close(); await r.close(); });
  const users = [];
  for (let i = 0; i < 4; i++) users.push(await userOn6(f, `u-c${i}`));
  await subscribed(f, r);
  r.answers = ['hang'];
  for (const u of users) await f.put(u.id, { status: 'Away' });
  await r.waitFor(2, 1000);
  await new Promise((res) => setTimeout(res, 100));
  assert.equal(r.received.length, 2, 'two in flight, two waiting');
});
