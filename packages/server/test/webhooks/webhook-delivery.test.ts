// What a delivery looks like and when one happens: Zoom's headers and body, UTF-8, one event per change.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeFixture, T0, type Fixture } from '../support/fixture.js';
import { ADMIN, Receiver, SECRET, deliveries, subscribed } from './support/webhook-fixture.js';

async function setup(t: import('node:test').TestContext, store: 'memory' | 'sqlite' = 'memory') {
  const dataDir = store === 'sqlite' ? (await import('node:fs')).mkdtempSync(`${(await import('node:os')).tmpdir()}/presence-wh-`) : undefined;
  const f = await makeFixture({ userUpdateWindowSec: 0, sessionTimeoutSec: 300, store, ...(dataDir ? { dataDir } : {}) });
  const r = await Receiver.start(SECRET);
  t.after(async () => {
    await f.close();
    await r.close();
    if (dataDir) (await import('node:fs')).rmSync(dataDir, { recursive: true, force: true });
  });
  return { f, r };
}

const signIn = (f: Fixture, userId: string) =>
  f.inject({ method: 'POST', url: `/presence/v1/users/${userId}/sessions`, headers: ADMIN, payload: { client_type: 'desktop', client_version: '6.3.0' } });

for (const store of ['memory', 'sqlite'] as const) {
  test(`delivers a change with Zoom's headers, signed over the exact bytes and over re-serialised JSON (${store})`, async (t) => {
    const { f, r } = await setup(t, store);
    const id = await subscribed(f, r);
    assert.equal((await f.put('me', { status: 'Away' })).statusCode, 204);
    const [got] = await r.waitFor(1);
    const h = got!.headers;
    assert.equal(h['content-type'], 'application/json; charset=utf-8');
    assert.equal(h['user-agent'], 'Zoom Marketplace/1.0a');
    // Sent now by the wall clock, whatever the server clock says: receivers judge freshness by their own.
    assert.ok(Math.abs(Number(h['x-zm-request-timestamp']) - Date.now() / 1000) < 5, `timestamp ${h['x-zm-request-timestamp']}`);
    assert.match(String(h['x-zm-request-id']), /^[0-9a-f-]{36}$/);
    assert.match(String(h['x-zm-signature']), /^v0=[0-9a-f]{64}$/);
    assert.ok(got!.signedRaw, 'signature over the raw body');
    assert.ok(got!.signedReserialised, 'signature over JSON.stringify(JSON.parse(body))');
    assert.equal(got!.raw.toString(), JSON.stringify(got!.json), 'compact, as JSON.stringify writes it');
    assert.deepEqual(got!.json, {
      event: 'user.presence_status_updated', event_ts: T0,
      payload: { account_id: 'acc-main', object: { date_time: '2026-12-03T17:00:00Z', email: 'alice@example.com', id: 'u-owner', presence_status: 'Away' } },
    });

    await f.advance(0);
    const [d] = await deliveries(f, id);
    assert.equal(d!.state, 'delivered');
    assert.equal(d!.request_id, h['x-zm-request-id']);
    assert.deepEqual(d!.event, got!.json);
    assert.equal(d!.next_attempt_at, null);
    assert.equal(d!.attempts.length, 1);
    assert.equal(d!.attempts[0]!.status_code, 200);
    assert.equal(d!.attempts[0]!.error, null);
    assert.equal(d!.attempts[0]!.at, new Date(T0).toISOString());
  });
}

test('statuses use the webhook spelling', async (t) => {
  const { f, r } = await setup(t);
  await subscribed(f, r);
  for (const status of ['In_A_Zoom_Meeting', 'On_A_Call', 'In_Calendar_Event', 'Out_of_Office']) {
    assert.equal((await f.put('me', { status })).statusCode, 204);
    await f.advance(0);
  }
  assert.deepEqual(r.events.map((e) => e.payload.object.presence_status), ['In_Meeting', 'On_Phone_Call', 'In_Calendar_Event', 'Out_of_Office']);
});

test('non-ASCII emails arrive as UTF-8 bytes and the signature still verifies both ways', async (t) => {
  const { f, r } = await setup(t);
  const zoe = await f.deps.directory.createUser('acc-main', { id: 'u-zoe', email: 'Zoë@example.com', firstName: '陽菜', lastName: 'Müller' });
  const tanaka = await f.deps.directory.createUser('acc-main', { id: 'u-tanaka', email: '田中@例え.jp', firstName: '太郎' });
  await subscribed(f, r);
  await signIn(f, zoe.id);
  await signIn(f, tanaka.id);
  await f.advance(0);
  const got = await r.waitFor(2);
  assert.deepEqual(got.map((g) => g.json.payload.object.email).sort(), ['zoë@example.com', '田中@例え.jp']);
  for (const g of got) {
    assert.ok(g.signedRaw && g.signedReserialised, g.raw.toString());
    assert.doesNotMatch(g.raw.toString('latin1'), /\\u/, 'no \\u escapes: UTF-8 as JSON.stringify writes it');
  }
  assert.ok(got.some((g) => g.raw.includes(Buffer.from([0xc3, 0xab]))), 'ë is sent as its two UTF-8 bytes');
});

test('exactly one event per change: first sign-in, PUT, DND expiry, last sign-out and timeout; none for a no-op PUT', async (t) => {
  const { f, r } = await setup(t);
  const u = await f.deps.directory.createUser('acc-main', { id: 'u-new', email: 'new@example.com' });
  await subscribed(f, r);
  const put = async (body: object) => {
    const res = await f.inject({ method: 'PUT', url: `/v2/users/${u.id}/presence_status`, headers: { authorization: `Bearer ${await f.token()}`, 'content-type': 'application/json' }, payload: JSON.stringify(body) });
    assert.equal(res.statusCode, 204, res.body);
    await f.advance(0);
  };
  const statuses = () => r.events.map((e) => e.payload.object.presence_status);

  const first = (await signIn(f, u.id)).json().id;
  await f.advance(0);
  assert.deepEqual(statuses(), ['Available'], 'first sign-in');
  const second = (await signIn(f, u.id)).json().id;
  await f.advance(0);
  assert.deepEqual(statuses(), ['Available'], 'a second client changes nothing');

  await put({ status: 'Away' });
  await put({ status: 'Away' });
  assert.deepEqual(statuses(), ['Available', 'Away'], 'a no-op PUT sends nothing');

  await put({ status: 'Do_Not_Disturb', duration: 1 });
  await f.advance(59);
  assert.deepEqual(statuses(), ['Available', 'Away', 'Do_Not_Disturb']);
  await f.advance(1);
  assert.deepEqual(statuses(), ['Available', 'Away', 'Do_Not_Disturb', 'Away'], 'DND expiry');
  assert.equal(r.events[3].payload.object.date_time, '2026-12-03T17:01:00Z');

  await f.inject({ method: 'DELETE', url: `/presence/v1/sessions/${first}`, headers: ADMIN });
  await f.advance(0);
  assert.equal(statuses().length, 4, 'a client that is not the last changes nothing');
  await f.inject({ method: 'DELETE', url: `/presence/v1/sessions/${second}`, headers: ADMIN });
  await f.advance(0);
  assert.deepEqual(statuses().slice(4), ['Offline'], 'last sign-out');

  await signIn(f, u.id);
  await f.advance(301);
  assert.deepEqual(statuses().slice(4), ['Offline', 'Available', 'Offline'], 'sign-in, then a timeout');
  await f.advance(3600);
  assert.equal(r.received.length, 7, 'each exactly once');
  assert.equal(new Set(r.received.map((x) => x.headers['x-zm-request-id'])).size, 7);
});

test("only endpoints of the changed user's account are told", async (t) => {
  const { f, r } = await setup(t);
  const other = await Receiver.start(SECRET);
  t.after(() => other.close());
  await subscribed(f, r);
  await subscribed(f, other, 'acc-other');
  await f.put('me', { status: 'Away' });
  await f.advance(0);
  assert.equal(r.received.length, 1);
  assert.equal(other.received.length, 0);
});

test('events committed before an endpoint was added are not sent to it', async (t) => {
  const { f, r } = await setup(t);
  await f.put('me', { status: 'Away' });
  await f.advance(0);
  await subscribed(f, r);
  await f.put('me', { status: 'Busy' });
  await f.advance(0);
  assert.deepEqual(r.events.map((e) => e.payload.object.presence_status), ['Busy']);
});
