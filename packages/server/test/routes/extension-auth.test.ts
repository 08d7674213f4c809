// Extension API (/presence/v1) authentication: the admin key sees every account, a presence:admin token only its own.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { makeFixture, type Fixture } from '../support/fixture.js';

let f: Fixture;
before(async () => { f = await makeFixture(); });
after(async () => { await f.close(); });

const get = (url: string, authorization?: string) => f.inject({ method: 'GET', url, headers: authorization ? { authorization } : {} });
const adminKey = () => `Bearer ${f.config.adminKey}`;
const accountAdmin = async () => `Bearer ${await f.token({ scopes: ['presence:admin'] })}`;

test('no token → 401 124', async () => {
  for (const url of ['/presence/v1/accounts', `/presence/v1/accounts/${f.account.id}/users`, '/presence/v1/clock']) {
    const res = await get(url);
    assert.equal(res.statusCode, 401, url);
    assert.deepEqual(res.json(), { code: 124, message: 'Invalid access token.' });
  }
});

test('a wrong admin key → 401 124', async () => {
  assert.equal((await get('/presence/v1/accounts', `Bearer ${f.config.adminKey}x`)).statusCode, 401);
  assert.equal((await get('/presence/v1/accounts', 'Bearer short')).statusCode, 401);
});

test('the admin key sees every account', async () => {
  const res = await get('/presence/v1/accounts', adminKey());
  assert.equal(res.statusCode, 200);
  assert.deepEqual(res.json().accounts.map((a: { id: string }) => a.id).sort(), ['acc-main', 'acc-other', 'acc-ownerless']);
  assert.equal((await get(`/presence/v1/accounts/${f.otherAccount.id}/users`, adminKey())).statusCode, 200);
});

test('the admin key is also accepted in X-Presence-Admin-Key', async () => {
  const res = await f.inject({ method: 'GET', url: '/presence/v1/accounts', headers: { 'x-presence-admin-key': f.config.adminKey } });
  assert.equal(res.statusCode, 200);
});

test('a presence:admin token only sees its own account', async () => {
  const t = await accountAdmin();
  const list = await get('/presence/v1/accounts', t);
  assert.deepEqual(list.json().accounts.map((a: { id: string }) => a.id), [f.account.id]);
  const users = await get(`/presence/v1/accounts/${f.account.id}/users`, t);
  assert.equal(users.statusCode, 200);
  assert.deepEqual(users.json().users.map((u: { id: string }) => u.id).sort(), ['u-offline', 'u-old', 'u-owner']);
  const other = await get(`/presence/v1/accounts/${f.otherAccount.id}/users`, t);
  assert.equal(other.statusCode, 404);
  assert.equal(other.json().code, 2001);
  const stranger = await get(`/presence/v1/users/${f.stranger.id}`, t);
  assert.equal(stranger.statusCode, 404);
  assert.equal(stranger.json().code, 1001);
  const strangerSessions = await f.inject({ method: 'POST', url: `/presence/v1/users/${f.stranger.email}/sessions`, headers: { authorization: t }, payload: { client_type: 'desktop', client_version: '6.0.0' } });
  assert.equal(strangerSessions.statusCode, 404);
});

test('a presence:admin token cannot use admin-key-only operations', async () => {
  const t = await accountAdmin();
  const create = await f.inject({ method: 'POST', url: '/presence/v1/accounts', headers: { authorization: t }, payload: { name: 'x' } });
  assert.equal(create.statusCode, 400);
  assert.equal(create.json().code, 4711);
  const advance = await f.inject({ method: 'POST', url: '/presence/v1/clock/advance', headers: { authorization: t }, payload: { seconds: 1 } });
  assert.equal(advance.json().code, 4711);
  const del = await f.inject({ method: 'DELETE', url: `/presence/v1/accounts/${f.otherAccount.id}`, headers: { authorization: t } });
  assert.equal(del.json().code, 4711);
});

test('a token without presence:admin → 400 4711 naming presence:admin', async () => {
  const t = await f.token({ scopes: ['user:read:admin'] });
  const res = await get('/presence/v1/accounts', `Bearer ${t}`);
  assert.equal(res.statusCode, 400);
  assert.deepEqual(res.json(), { code: 4711, message: 'Invalid access token, does not contain scopes:[presence:admin].' });
});

test('an expired presence:admin token → 401 124', async () => {
  const g = await makeFixture();
  try {
    const t = await g.token({ scopes: ['presence:admin'], ttlSec: 60 });
    await g.advance(61);
    const res = await g.inject({ method: 'GET', url: '/presence/v1/accounts', headers: { authorization: `Bearer ${t}` } });
    assert.equal(res.statusCode, 401);
  } finally {
    await g.close();
  }
});

test('the admin key can create an account, a user and an app whose credentials then get a token', async () => {
  const h = { authorization: adminKey() };
  const acc = await f.inject({ method: 'POST', url: '/presence/v1/accounts', headers: h, payload: { id: 'acc-new', name: 'New', plan: 'pro' } });
  assert.equal(acc.statusCode, 201, acc.body);
  const u = await f.inject({ method: 'POST', url: '/presence/v1/accounts/acc-new/users', headers: h, payload: { email: 'New.Owner@Example.com', role: 'owner' } });
  assert.equal(u.statusCode, 201, u.body);
  assert.equal(u.json().email, 'new.owner@example.com');
  const dup = await f.inject({ method: 'POST', url: '/presence/v1/accounts/acc-new/users', headers: h, payload: { email: 'NEW.owner@example.com' } });
  assert.equal(dup.statusCode, 409);
  assert.equal(dup.json().code, 1005);
  const app = await f.inject({ method: 'POST', url: '/presence/v1/accounts/acc-new/apps', headers: h, payload: { scopes: ['user:read:admin'] } });
  assert.equal(app.statusCode, 201, app.body);
  const { client_id, client_secret } = app.json();
  const tok = await f.inject({
    method: 'POST', url: '/oauth/token?grant_type=account_credentials&account_id=acc-new',
    headers: { authorization: `Basic ${Buffer.from(`${client_id}:${client_secret}`).toString('base64')}` },
  });
  assert.equal(tok.statusCode, 200, tok.body);
  assert.equal(tok.json().scope, 'user:read:admin');
  const apps = await get('/presence/v1/accounts/acc-new/apps', adminKey());
  assert.equal(JSON.stringify(apps.json()).includes(client_secret), false, 'the secret is never listed');
  const stored = await f.deps.store.getApp(client_id);
  assert.match(stored!.secretHash, /^scrypt\$/, 'the secret is stored hashed');
  assert.equal(stored!.secretHash.includes(client_secret), false);
});

test('a user token from POST /presence/v1/tokens acts as that user through `me`', async () => {
  const res = await f.inject({ method: 'POST', url: '/presence/v1/tokens', headers: { authorization: await accountAdmin() }, payload: { user_id: f.old.email } });
  assert.equal(res.statusCode, 201, res.body);
  const { access_token, scope, user_id } = res.json();
  assert.equal(user_id, f.old.id);
  assert.equal(scope, 'user:read:presence_status user:update:presence_status');
  assert.equal((await f.put('me', { status: 'Do_Not_Disturb', duration: 15 }, { token: access_token })).statusCode, 204);
  assert.equal((await f.get('me', { token: access_token })).json().remaining_time, 900);
  assert.equal((await f.get(f.owner.id, { token: access_token })).json().code, 5411);
});

test('a presence:admin token cannot mint a presence:admin user token or one for another account', async () => {
  const t = await accountAdmin();
  const escalate = await f.inject({ method: 'POST', url: '/presence/v1/tokens', headers: { authorization: t }, payload: { user_id: f.owner.id, scopes: ['presence:admin'] } });
  assert.equal(escalate.json().code, 4711);
  const foreign = await f.inject({ method: 'POST', url: '/presence/v1/tokens', headers: { authorization: t }, payload: { user_id: f.stranger.id } });
  assert.equal(foreign.statusCode, 404);
});
