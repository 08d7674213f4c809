// PUT: who may be updated (5301 signed out, 5411 not allowed, 1001 unknown) and the client-version transition table.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { fixtureServer, makeFixture, zoomError, type Fixture, type FixtureServer } from '../support/fixture.js';

// One app per file; each test gets a fresh account and users on it.
let server: FixtureServer;
let f: Fixture;
before(async () => { server = await fixtureServer(); });
after(async () => { await server.close(); });
beforeEach(async () => { f = await server.next(); });

const UPDATE_FAILED = { code: 5301, message: 'Request to update the presence status of this user failed.' };
const UPDATE_FORBIDDEN = { code: 5411, message: 'Unauthorized request. You do not have permission to update the presence status of this user.' };
const READ_FORBIDDEN = { code: 5411, message: 'Unauthorized request. You do not have permission to read the presence status of this user.' };

test('rejects an update of a signed-out user with 5301', async () => {
  const res = await f.put(f.offline.id, { status: 'Available' });
  assert.equal(res.statusCode, 400);
  assert.deepEqual(res.json(), UPDATE_FAILED);
  assert.equal((await f.get(f.offline.id)).json().status, 'Offline');
});

test('rejects Available → Away from a 5.2 client with 5301', async () => {
  const res = await f.put(f.old.id, { status: 'Away' });
  assert.equal(res.statusCode, 400);
  assert.deepEqual(res.json(), UPDATE_FAILED);
  assert.equal((await f.get(f.old.id)).json().status, 'Available');
});

test('allows Available → Do_Not_Disturb from a 5.2 client', async () => {
  const res = await f.put(f.old.id, { status: 'Do_Not_Disturb', duration: 10 });
  assert.equal(res.statusCode, 204, res.body);
  assert.equal((await f.get(f.old.id)).json().status, 'Do_Not_Disturb');
});

test('rejects Do_Not_Disturb → Available from a 5.2 client with 5301', async () => {
  assert.equal((await f.put(f.old.id, { status: 'Do_Not_Disturb' })).statusCode, 204);
  await f.advance(60);
  const res = await f.put(f.old.id, { status: 'Available' });
  assert.deepEqual([res.statusCode, res.json()], [400, UPDATE_FAILED]);
});

test('a 6.3 client signing in next to the 5.2 one lifts the restriction (the highest version counts)', async () => {
  await f.deps.presence.signIn(f.old, 'mobile', '6.3.0');
  const res = await f.put(f.old.id, { status: 'Away' });
  assert.equal(res.statusCode, 204, res.body);
});

test('setting the status the user already has → 204, even from a 5.2 client', async () => {
  const res = await f.put(f.old.id, { status: 'Available' });
  assert.equal(res.statusCode, 204, res.body);
  assert.equal((await f.put(f.owner.id, { status: 'Available' })).statusCode, 204);
});

test('with transition enforcement switched off, a 5.2 client may move Available → Away', async () => {
  const g = await makeFixture({ enforceTransitions: false });
  try {
    const res = await g.put(g.old.id, { status: 'Away' });
    assert.equal(res.statusCode, 204, res.body);
    assert.equal((await g.get(g.old.id)).json().status, 'Away');
  } finally {
    await g.close();
  }
});

test('a non-admin token updating another user → 5411', async () => {
  const t = await f.token({ user: f.owner, scopes: ['user:update:presence_status', 'user:read:presence_status'] });
  const res = await f.put(f.old.id, { status: 'Do_Not_Disturb' }, { token: t });
  assert.equal(res.statusCode, 400);
  assert.deepEqual(res.json(), UPDATE_FORBIDDEN);
  // The same token may update its own user.
  assert.equal((await f.put('me', { status: 'Away' }, { token: t })).statusCode, 204);
});

test('a non-admin token reading another user → 5411 with "read" in the message', async () => {
  const t = await f.token({ user: f.owner, scopes: ['user:read:presence_status'] });
  const res = await f.get(f.old.id, { token: t });
  assert.equal(res.statusCode, 400);
  assert.deepEqual(res.json(), READ_FORBIDDEN);
  assert.equal((await f.get('me', { token: t })).statusCode, 200);
});

test('an account token with only non-admin scopes acts on the owner only', async () => {
  const t = await f.token({ scopes: ['user:write'] });
  assert.deepEqual((await f.put(f.old.id, { status: 'Do_Not_Disturb' }, { token: t })).json(), UPDATE_FORBIDDEN);
  assert.equal((await f.put('me', { status: 'Away' }, { token: t })).statusCode, 204);
});

test('admin scopes act on any user of the account', async () => {
  assert.equal((await f.put(f.old.id, { status: 'Do_Not_Disturb' })).statusCode, 204);
  assert.equal((await f.get(f.old.id)).json().status, 'Do_Not_Disturb');
});

for (const [label, ref] of [
  ['an unknown id', 'no-such-user'],
  ['an unknown email', 'nobody@example.com'],
] as const) {
  test(`${label} → 404 1001 naming the userId`, async () => {
    for (const res of [await f.put(ref, { status: 'Away' }), await f.get(ref)]) {
      assert.equal(res.statusCode, 404);
      assert.deepEqual(res.json(), { code: 1001, message: `User does not exist: ${ref}.` });
    }
  });
}

test('a user of another account does not exist for the caller (1001, by id and by email)', async () => {
  for (const ref of [f.stranger.id, f.stranger.email, f.stranger.email.toUpperCase()]) {
    const put = await f.put(ref, { status: 'Away' });
    assert.deepEqual([put.statusCode, put.json()], [404, { code: 1001, message: `User does not exist: ${ref}.` }]);
    const get = await f.get(ref);
    assert.deepEqual([get.statusCode, get.json()], [404, { code: 1001, message: `User does not exist: ${ref}.` }]);
  }
  assert.equal((await f.get(f.stranger.id, { token: await f.token({ account: f.otherAccount }) })).json().status, 'Available');
});

test('`me` with a token whose account has no owner → 1001', async () => {
  const t = await f.token({ account: f.ownerless });
  const put = await f.put('me', { status: 'Away' }, { token: t });
  assert.deepEqual([put.statusCode, put.json()], [404, { code: 1001, message: 'User does not exist: me.' }]);
  assert.equal((await f.get('me', { token: t })).statusCode, 404);
});

test('emails are case-insensitive in the path', async () => {
  const [local, domain] = f.owner.email.split('@') as [string, string];
  const res = await f.put(`${local.toUpperCase()}@${domain}`, { status: 'Away' });
  assert.equal(res.statusCode, 204, res.body);
  assert.equal((await f.get(`${local}@${domain.toUpperCase()}`)).json().status, 'Away');
  assert.equal((await f.get(encodeURIComponent(`${local[0]!.toUpperCase()}${local.slice(1)}@${domain}`))).json().status, 'Away');
});

test('a user token acts as its own user via `me`, its id and its email', async () => {
  const t = await f.token({ user: f.old, scopes: ['user:read:presence_status', 'user:update:presence_status'] });
  assert.equal((await f.put('me', { status: 'Do_Not_Disturb', duration: 5 }, { token: t })).statusCode, 204);
  for (const ref of ['me', f.old.id, f.old.email]) assert.equal((await f.get(ref, { token: t })).json().status, 'Do_Not_Disturb', ref);
});

test('validation errors come before the user lookup; 5411 before 5301', async () => {
  assert.equal(zoomError(await f.put('no-such-user', { status: 'nope' })).code, 300);
  const t = await f.token({ user: f.owner, scopes: ['user:update:presence_status'] });
  assert.equal(zoomError(await f.put(f.offline.id, { status: 'Away' }, { token: t })).code, 5411);
});
