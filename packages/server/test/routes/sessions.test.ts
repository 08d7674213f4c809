// Client sessions (extension API): sign-in makes a user Available, the last sign-out or timeout makes them Offline.
import { test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { makeFixture, type Fixture } from '../support/fixture.js';

let f: Fixture;
beforeEach(async () => { f = await makeFixture(); });
afterEach(async () => { await f.close(); });

const admin = () => ({ authorization: `Bearer ${f.config.adminKey}` });
const signIn = (userId: string, body: Record<string, unknown> = { client_type: 'desktop', client_version: '6.3.0' }) =>
  f.inject({ method: 'POST', url: `/presence/v1/users/${userId}/sessions`, headers: admin(), payload: body });
const signOut = (sessionId: string) => f.inject({ method: 'DELETE', url: `/presence/v1/sessions/${sessionId}`, headers: admin() });
const heartbeat = (sessionId: string) => f.inject({ method: 'POST', url: `/presence/v1/sessions/${sessionId}/heartbeat`, headers: admin() });
const status = async (userId: string) => (await f.get(userId)).json().status;

test('a user’s first sign-in makes them Available', async () => {
  const res = await signIn(f.offline.id);
  assert.equal(res.statusCode, 201, res.body);
  const s = res.json();
  assert.equal(s.user_id, f.offline.id);
  assert.equal(s.client_type, 'desktop');
  assert.equal(s.client_version, '6.3.0');
  assert.equal(await status(f.offline.id), 'Available');
  // And the user can now be updated.
  assert.equal((await f.put(f.offline.id, { status: 'Away' })).statusCode, 204);
});

test('a second sign-in does not reset the status; the last sign-out makes the user Offline', async () => {
  const a = (await signIn(f.offline.id)).json().id;
  await f.put(f.offline.id, { status: 'Busy' });
  const b = (await signIn(f.offline.id, { client_type: 'mobile', client_version: '6.1.0' })).json().id;
  assert.equal(await status(f.offline.id), 'Busy');
  assert.equal((await signOut(a)).statusCode, 204);
  assert.equal(await status(f.offline.id), 'Busy');
  assert.equal((await signOut(b)).statusCode, 204);
  assert.equal(await status(f.offline.id), 'Offline');
  assert.equal((await f.put(f.offline.id, { status: 'Away' })).json().code, 5301);
  assert.equal((await signOut(b)).statusCode, 404);
});

test('signing out of DND ends it; the next sign-in is Available', async () => {
  const id = (await signIn(f.offline.id)).json().id;
  await f.put(f.offline.id, { status: 'Do_Not_Disturb' });
  await signOut(id);
  assert.equal(await status(f.offline.id), 'Offline');
  await signIn(f.offline.id);
  assert.equal(await status(f.offline.id), 'Available');
});

test('a heartbeat keeps a session; without one it times out on the manual clock', async () => {
  const id = (await signIn(f.offline.id)).json().id; // session timeout is 300 s
  await f.advance(200);
  assert.equal((await heartbeat(id)).statusCode, 204);
  await f.advance(200); // 400 s after sign-in, 200 s after the heartbeat
  assert.equal(await status(f.offline.id), 'Available');
  await f.advance(101);
  assert.equal(await status(f.offline.id), 'Offline');
  assert.equal((await heartbeat(id)).statusCode, 404);
  const events = (await f.deps.store.readEvents(0, 100)).filter((e) => e.userId === f.offline.id).map((e) => `${e.cause}:${e.status}`);
  assert.deepEqual(events, ['sign_in:Available', 'timeout:Offline']);
});

test('a session timeout through POST /presence/v1/clock/advance is reported in its answer', async () => {
  await signIn(f.offline.id);
  const res = await f.inject({ method: 'POST', url: '/presence/v1/clock/advance', headers: admin(), payload: { seconds: 301 } });
  assert.equal(res.statusCode, 200, res.body);
  assert.equal(res.json().sessions_timed_out, 1);
  assert.equal(await status(f.offline.id), 'Offline');
  assert.equal(await status(f.owner.id), 'Available', 'keep-alive (seeded) sessions never time out');
});

test('a session with an invalid client version or type is refused with 300', async () => {
  for (const body of [{ client_type: 'desktop', client_version: 'latest' }, { client_type: 'toaster', client_version: '6.0.0' }, { client_type: 'desktop' }]) {
    const res = await signIn(f.offline.id, body);
    assert.equal(res.statusCode, 400, res.body);
    assert.equal(res.json().code, 300);
  }
  assert.equal(await status(f.offline.id), 'Offline');
});

test('the version of the signed-in client decides the transition table', async () => {
  await signIn(f.offline.id, { client_type: 'desktop', client_version: '5.2.0' });
  assert.equal((await f.put(f.offline.id, { status: 'Away' })).json().code, 5301);
  await signIn(f.offline.id, { client_type: 'pzr', client_version: '5.3.0' });
  assert.equal((await f.put(f.offline.id, { status: 'Away' })).statusCode, 204);
});
