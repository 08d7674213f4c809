import { test } from 'node:test';
import assert from 'node:assert/strict';
import { streamFixture } from './support/stream-fixture.js';
import { SseClient, dataOf } from './support/sse-client.js';

const STREAM = '/presence/v1/stream';

test('an accepted PUT arrives as a presence event in reported spellings, with its log sequence as id', async (t) => {
  const f = await streamFixture();
  t.after(() => f.close());
  const admin = await f.adminToken('acc_a');
  const s = await SseClient.open(f.url + STREAM, { token: admin });
  t.after(() => s.close());
  const snapshot = await s.next();
  assert.equal(snapshot.event, 'snapshot');

  assert.equal(await f.put('bob', admin, { status: 'In_A_Zoom_Meeting' }), 204);
  const e = await s.next();
  assert.equal(e.event, 'presence');
  assert.equal(e.id, String(Number(snapshot.id) + 1));
  assert.deepEqual(dataOf(e), {
    account_id: 'acc_a', user_id: 'bob', email: 'bob@a.example', status: 'In_A_Meeting',
    previous_status: 'Available', date_time: '2026-12-03T17:00:00Z', cause: 'update',
  });

  assert.equal(await f.put('bob', admin, { status: 'In_Calendar_Event' }), 204);
  const e2 = dataOf(await s.next());
  assert.equal(e2.status, 'In_A_Calendar_Event');
  assert.equal(e2.previous_status, 'In_A_Meeting');
});

test('presence events use the documented enum spelling when configured', async (t) => {
  const f = await streamFixture({ documentedEnum: true });
  t.after(() => f.close());
  const admin = await f.adminToken('acc_a');
  const s = await SseClient.open(f.url + STREAM, { token: admin });
  t.after(() => s.close());
  await s.next();
  assert.equal(await f.put('alice', admin, { status: 'On_A_Call' }), 204);
  assert.equal(dataOf(await s.next()).status, 'On_A_Call');
});

test("a stream never carries another account's events", async (t) => {
  const f = await streamFixture();
  t.after(() => f.close());
  const a = await SseClient.open(f.url + STREAM, { token: await f.adminToken('acc_a') });
  const b = await SseClient.open(f.url + STREAM, { token: await f.adminToken('acc_b') });
  t.after(() => (a.close(), b.close()));
  await a.next();
  await b.next();

  assert.equal(await f.put('carol', await f.adminToken('acc_b'), { status: 'Away' }), 204);
  assert.equal(await f.put('alice', await f.adminToken('acc_a'), { status: 'Busy' }), 204);
  // Account A's next event is its own, although carol's change was committed first.
  assert.equal(dataOf(await a.next()).user_id, 'alice');
  assert.equal(dataOf(await b.next()).user_id, 'carol');
  assert.deepEqual(await a.eventsWithin(100), []);
  assert.deepEqual(await b.eventsWithin(0), []);
});

test("a non-admin token's stream carries only its own user's changes", async (t) => {
  const f = await streamFixture();
  t.after(() => f.close());
  const admin = await f.adminToken('acc_a');
  const s = await SseClient.open(f.url + STREAM, { token: await f.userToken('bob') });
  t.after(() => s.close());
  await s.next();

  assert.equal(await f.put('alice', admin, { status: 'Away' }), 204);
  assert.equal(await f.put('bob', admin, { status: 'Busy' }), 204);
  const e = dataOf(await s.next());
  assert.equal(e.user_id, 'bob');
  assert.equal(e.status, 'Busy');
  assert.deepEqual(await s.eventsWithin(100), []);
});

test('a Do-Not-Disturb expiry on the manual clock arrives as one event with cause dnd_expiry', async (t) => {
  const f = await streamFixture();
  t.after(() => f.close());
  const admin = await f.adminToken('acc_a');
  assert.equal(await f.put('alice', admin, { status: 'Away' }), 204);
  const s = await SseClient.open(f.url + STREAM, { token: admin });
  t.after(() => s.close());
  await s.next();

  assert.equal(await f.put('alice', admin, { status: 'Do_Not_Disturb', duration: 5 }), 204);
  assert.equal(dataOf(await s.next()).status, 'Do_Not_Disturb');
  await f.advance(5 * 60);
  assert.deepEqual(dataOf(await s.next()), {
    account_id: 'acc_a', user_id: 'alice', email: 'alice@a.example', status: 'Away',
    previous_status: 'Do_Not_Disturb', date_time: '2026-12-03T17:05:00Z', cause: 'dnd_expiry',
  });
  await f.advance(60);
  assert.deepEqual(await s.eventsWithin(100), []);
});

test('sign-in and sign-out changes reach the stream too', async (t) => {
  const f = await streamFixture();
  t.after(() => f.close());
  const s = await SseClient.open(f.url + STREAM, { token: await f.adminToken('acc_a') });
  t.after(() => s.close());
  await s.next();
  const { presence, directory } = f.server.deps;
  const dave = await directory.createUser('acc_a', { email: 'dave@a.example' });
  const session = await presence.signIn(dave, 'mobile', '5.17.0');
  const on = dataOf(await s.next());
  assert.deepEqual([on.email, on.previous_status, on.status, on.cause], ['dave@a.example', 'Offline', 'Available', 'sign_in']);
  await presence.endSession(session.id, 'sign_out');
  const off = dataOf(await s.next());
  assert.deepEqual([off.status, off.cause], ['Offline', 'sign_out']);
});
