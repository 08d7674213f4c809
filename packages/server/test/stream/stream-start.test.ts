import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Agent, request } from 'node:http';
import { ADMIN_KEY, streamFixture } from './support/stream-fixture.js';
import { SseClient, dataOf } from './support/sse-client.js';
import type { ManualClock } from '../../src/clock.js';

const STREAM = '/presence/v1/stream';

test('a stream opens with SSE headers, a retry hint, then a snapshot of the account in reported spellings', async (t) => {
  const f = await streamFixture();
  t.after(() => f.close());
  const admin = await f.adminToken('acc_a');
  assert.equal(await f.put('bob', admin, { status: 'In_A_Zoom_Meeting' }), 204);

  const s = await SseClient.open(f.url + STREAM, { token: admin });
  t.after(() => s.close());
  assert.equal(s.status, 200);
  assert.equal(s.headers['content-type'], 'text/event-stream; charset=utf-8');
  assert.equal(s.headers['cache-control'], 'no-store');
  assert.equal(s.headers['x-accel-buffering'], 'no');
  assert.match(String(s.headers['x-zm-trackingid']), /rid=/);

  const retry = await s.next((b) => b.retry !== undefined);
  assert.ok(retry.retry! >= 100);
  const first = await s.next();
  assert.equal(first.event, 'snapshot');
  // The id is the change log position the snapshot reflects: three sign-ins and one update so far.
  assert.equal(first.id, '4');
  assert.deepEqual(dataOf(first), {
    users: [
      { id: 'alice', email: 'alice@a.example', status: 'Available' },
      { id: 'bob', email: 'bob@a.example', status: 'In_A_Meeting' },
    ],
  });
});

test('the snapshot applies a Do-Not-Disturb expiry that is due but not yet swept', async (t) => {
  // No background sweep during the test: the expiry must be applied when the snapshot is read.
  const f = await streamFixture({ sweepIntervalMs: 60_000 });
  t.after(() => f.close());
  const admin = await f.adminToken('acc_a');
  assert.equal(await f.put('alice', admin, { status: 'Away' }), 204);
  assert.equal(await f.put('alice', admin, { status: 'Do_Not_Disturb', duration: 1 }), 204);
  // Moving the clock without running due work: the stored state still says DND.
  (f.server.deps.clock as ManualClock).set(Date.parse('2026-12-03T17:02:00Z'));
  assert.equal((await f.server.deps.store.getPresence('alice'))?.status, 'Do_Not_Disturb');

  const s = await SseClient.open(f.url + STREAM, { token: admin });
  t.after(() => s.close());
  const users = dataOf(await s.next()).users as Array<{ id: string; status: string }>;
  assert.equal(users.find((u) => u.id === 'alice')?.status, 'Away');
});

test('the snapshot uses the documented enum spelling when configured', async (t) => {
  const f = await streamFixture({ documentedEnum: true });
  t.after(() => f.close());
  const admin = await f.adminToken('acc_a');
  assert.equal(await f.put('bob', admin, { status: 'On_A_Call' }), 204);
  const s = await SseClient.open(f.url + STREAM, { token: admin });
  t.after(() => s.close());
  const users = dataOf(await s.next()).users as Array<{ id: string; status: string }>;
  assert.equal(users.find((u) => u.id === 'bob')?.status, 'On_A_Call');
});

test('a non-admin token sees only its own user in the snapshot', async (t) => {
  const f = await streamFixture();
  t.after(() => f.close());
  const s = await SseClient.open(f.url + STREAM, { token: await f.userToken('bob') });
  t.after(() => s.close());
  assert.deepEqual(dataOf(await s.next()), { users: [{ id: 'bob', email: 'bob@a.example', status: 'Available' }] });
});

test('the admin key streams the account named by account_id, and needs one', async (t) => {
  const f = await streamFixture();
  t.after(() => f.close());
  const s = await SseClient.open(`${f.url}${STREAM}?account_id=acc_b`, { token: ADMIN_KEY });
  t.after(() => s.close());
  assert.deepEqual(dataOf(await s.next()), { users: [{ id: 'carol', email: 'carol@b.example', status: 'Available' }] });

  const missing = await SseClient.open(f.url + STREAM, { headers: { 'x-presence-admin-key': ADMIN_KEY } });
  assert.equal(missing.status, 400);
  const body = (await missing.errorBody()) as { code: number; errors: Array<{ field: string }> };
  assert.equal(body.code, 300);
  assert.equal(body.errors[0]?.field, 'account_id');

  const unknown = await SseClient.open(`${f.url}${STREAM}?account_id=nope`, { token: ADMIN_KEY });
  assert.equal(unknown.status, 404);
  assert.deepEqual(await unknown.errorBody(), { code: 2001, message: 'Account does not exist: nope.' });
});

test('refuses a missing or forged token with 401/124 and a token without a presence scope with 400/4711', async (t) => {
  const f = await streamFixture();
  t.after(() => f.close());
  const none = await SseClient.open(f.url + STREAM);
  assert.equal(none.status, 401);
  assert.deepEqual(await none.errorBody(), { code: 124, message: 'Invalid access token.' });

  const admin = await f.adminToken('acc_a');
  const forged = await SseClient.open(f.url + STREAM, { token: `${admin.slice(0, -4)}AAAA` });
  assert.equal(forged.status, 401);
  await forged.errorBody();

  const noScope = await SseClient.open(f.url + STREAM, { token: await f.userToken('bob', ['presence:admin']) });
  assert.equal(noScope.status, 400);
  const body = (await noScope.errorBody()) as { code: number; message: string };
  assert.equal(body.code, 4711);
  assert.match(body.message, /user:read:presence_status/);
});

test("a token naming another account's id gets 404, as if that account did not exist", async (t) => {
  const f = await streamFixture();
  t.after(() => f.close());
  const s = await SseClient.open(`${f.url}${STREAM}?account_id=acc_b`, { token: await f.adminToken('acc_a') });
  assert.equal(s.status, 404);
  assert.deepEqual(await s.errorBody(), { code: 2001, message: 'Account does not exist: acc_b.' });
});

test('HEAD answers with the stream headers and ends, so the connection serves the next request', async (t) => {
  const f = await streamFixture();
  t.after(() => f.close());
  const token = await f.adminToken('acc_a');
  // One kept-alive socket: the second request is answered only if the HEAD response really ended.
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  t.after(() => agent.destroy());
  const call = (method: string, path: string) =>
    new Promise<{ status: number; type: string | undefined }>((resolve, reject) => {
      const req = request(f.url + path, { method, agent, headers: { authorization: `Bearer ${token}` }, timeout: 2000 }, (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'] }));
      });
      req.on('timeout', () => req.destroy(new Error(`${method} ${path} timed out`)));
      req.on('error', reject);
      req.end();
    });
  assert.deepEqual(await call('HEAD', STREAM), { status: 200, type: 'text/event-stream; charset=utf-8' });
  assert.equal((await call('GET', '/presence/v1/health')).status, 200);
});
