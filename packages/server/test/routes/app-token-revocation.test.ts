// Tokens an app obtained die with the app: deleting the app or its account revokes them at once.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN_KEY, fixtureServer, zoomError, type Fixture, type FixtureServer } from '../support/fixture.js';

let server: FixtureServer;
before(async () => { server = await fixtureServer(); });
after(async () => { await server.close(); });

const basic = (f: Fixture) => `Basic ${Buffer.from(`${f.client.id}:${f.client.secret}`).toString('base64')}`;

async function oauthToken(f: Fixture): Promise<string> {
  const res = await f.inject({ method: 'POST', url: `/oauth/token?grant_type=account_credentials&account_id=${f.account.id}`, headers: { authorization: basic(f) } });
  assert.equal(res.statusCode, 200, res.body);
  return res.json().access_token;
}

function assertRevoked(res: Awaited<ReturnType<Fixture['get']>>) {
  assert.equal(res.statusCode, 401, res.body);
  assert.equal(zoomError(res).code, 124);
}

test('deleting an app revokes the tokens it already obtained', async () => {
  const f = await server.next();
  const t = await oauthToken(f);
  assert.equal((await f.get(f.owner.id, { token: t })).statusCode, 200);
  const del = await f.inject({ method: 'DELETE', url: `/presence/v1/apps/${f.client.id}`, headers: { 'x-presence-admin-key': ADMIN_KEY } });
  assert.equal(del.statusCode, 204, del.body);
  assertRevoked(await f.get(f.owner.id, { token: t }));
  assertRevoked(await f.put(f.owner.id, { status: 'Away' }, { token: t }));
  const admin = await f.inject({ method: 'GET', url: `/presence/v1/accounts/${f.account.id}/users`, headers: { authorization: `Bearer ${t}` } });
  assert.equal(admin.statusCode, 401, admin.body);
});

test('deleting the account revokes its apps’ tokens', async () => {
  const f = await server.next();
  const t = await oauthToken(f);
  const other = await server.next();
  const kept = await oauthToken(other);
  assert.equal((await f.get(f.owner.id, { token: t })).statusCode, 200);
  const del = await f.inject({ method: 'DELETE', url: `/presence/v1/accounts/${f.account.id}`, headers: { 'x-presence-admin-key': ADMIN_KEY } });
  assert.equal(del.statusCode, 204, del.body);
  assertRevoked(await f.get(f.owner.id, { token: t }));
  // Another account's tokens are untouched.
  assert.equal((await other.get(other.owner.id, { token: kept })).statusCode, 200);
});

test('a token whose app is gone from the store is refused on its first use (as after a restart)', async () => {
  const f = await server.next();
  const t = await f.token();
  assert.equal(await f.deps.store.deleteApp(f.client.id), true);
  assertRevoked(await f.get(f.owner.id, { token: t }));
  // User tokens carry no app and are unaffected.
  assert.equal((await f.get('me', { token: await f.token({ user: f.old, scopes: ['user:read'] }) })).statusCode, 200);
});
