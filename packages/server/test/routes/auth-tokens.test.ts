// Access tokens on the Zoom routes: 124 for anything not a valid token of ours, 4711 for a missing scope.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { SignJWT } from 'jose';
import { AUDIENCE } from '../../src/tokens.js';
import { makeFixture, TOKEN_SECRET, T0, type Fixture } from '../support/fixture.js';

let f: Fixture;
before(async () => { f = await makeFixture({ userUpdateWindowSec: 0 }); });
after(async () => { await f.close(); });

const INVALID = { code: 124, message: 'Invalid access token.' };

async function sign(o: { secret?: string; issuer?: string; audience?: string; exp?: number; alg?: 'HS256' | 'HS512'; claims?: Record<string, unknown> } = {}) {
  const now = Math.floor(f.clock.now() / 1000);
  return new SignJWT({ aid: f.account.id, uid: f.owner.id, scope: 'user:read:presence_status:admin user:update:presence_status:admin', knd: 'account', ...o.claims })
    .setProtectedHeader({ alg: o.alg ?? 'HS256', typ: 'JWT' })
    .setIssuer(o.issuer ?? f.config.publicUrl)
    .setAudience(o.audience ?? AUDIENCE)
    .setIssuedAt(now)
    .setExpirationTime(o.exp ?? now + 3600)
    .sign(new TextEncoder().encode(o.secret ?? TOKEN_SECRET));
}

async function both(headers: Record<string, string>) {
  return [
    await f.inject({ method: 'GET', url: `/v2/users/${f.owner.id}/presence_status`, headers }),
    await f.inject({ method: 'PUT', url: `/v2/users/${f.owner.id}/presence_status`, headers: { ...headers, 'content-type': 'application/json' }, payload: '{"status":"Away"}' }),
  ];
}

test('a token signed the way the server signs is accepted (the signing helper is right)', async () => {
  const res = await f.get(f.owner.id, { token: await sign() });
  assert.equal(res.statusCode, 200, res.body);
});

for (const [label, headers] of [
  ['a missing Authorization header', {}],
  ['an empty bearer', { authorization: 'Bearer ' }],
  ['a Basic header', { authorization: 'Basic dXNlcjpwYXNz' }],
  ['a malformed token', { authorization: 'Bearer not-a-jwt' }],
  ['a token with three garbage segments', { authorization: 'Bearer a.b.c' }],
  ['a token followed by another word', { authorization: 'Bearer a.b.c extra' }],
] as Array<[string, Record<string, string>]>) {
  test(`${label} → 401 124`, async () => {
    for (const res of await both(headers)) {
      assert.equal(res.statusCode, 401);
      assert.deepEqual(res.json(), INVALID);
    }
  });
}

test('a forged signature → 401 124', async () => {
  const forged = await sign({ secret: 'another-secret-that-is-long-enough-0000' });
  for (const res of await both({ authorization: `Bearer ${forged}` })) assert.deepEqual([res.statusCode, res.json()], [401, INVALID]);
  // A real token with its signature swapped for another one's.
  const [h, p] = (await sign()).split('.');
  const tampered = `${h}.${p}.${forged.split('.')[2]}`;
  assert.equal((await f.get('me', { token: tampered })).statusCode, 401);
});

test('a token whose payload was edited (scope widened) → 401 124', async () => {
  const t = await f.token({ user: f.owner, scopes: ['user:read:presence_status'] });
  const [h, p, s] = t.split('.');
  const claims = JSON.parse(Buffer.from(p!, 'base64url').toString());
  claims.scope = 'user:update:presence_status:admin';
  const edited = `${h}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${s}`;
  assert.deepEqual((await f.put(f.old.id, { status: 'Do_Not_Disturb' }, { token: edited })).json(), INVALID);
});

test('an expired token → 401 124 once the manual clock passes its expiry', async () => {
  const t = await f.token({ ttlSec: 60 });
  assert.equal((await f.get('me', { token: t })).statusCode, 200);
  await f.advance(59);
  assert.equal((await f.get('me', { token: t })).statusCode, 200);
  await f.advance(2);
  const res = await f.get('me', { token: t });
  assert.deepEqual([res.statusCode, res.json()], [401, INVALID]);
});

test('a token signed with our key but expired from the start → 401 124', async () => {
  const now = Math.floor(f.clock.now() / 1000);
  assert.equal((await f.get('me', { token: await sign({ exp: now - 10 }) })).statusCode, 401);
});

test('a wrong audience → 401 124', async () => {
  assert.deepEqual((await f.get('me', { token: await sign({ audience: 'someone-else' }) })).json(), INVALID);
});

test('a wrong issuer → 401 124', async () => {
  assert.deepEqual((await f.get('me', { token: await sign({ issuer: 'http://evil.example' }) })).json(), INVALID);
});

test('another algorithm, even with our key, → 401 124', async () => {
  assert.equal((await f.get('me', { token: await sign({ alg: 'HS512' }) })).statusCode, 401);
});

test('an unsigned (alg none) token → 401 124', async () => {
  const enc = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const now = Math.floor(T0 / 1000);
  const none = `${enc({ alg: 'none', typ: 'JWT' })}.${enc({ aid: f.account.id, uid: f.owner.id, scope: 'user:read:admin', iss: f.config.publicUrl, aud: AUDIENCE, iat: now, exp: now + 3600 })}.`;
  assert.equal((await f.get('me', { token: none })).statusCode, 401);
});

test('a token without a scope for PUT → 400 4711 listing the accepted scopes', async () => {
  const t = await f.token({ scopes: ['user:read:presence_status:admin'] });
  const res = await f.put(f.owner.id, { status: 'Away' }, { token: t });
  assert.equal(res.statusCode, 400);
  assert.deepEqual(res.json(), {
    code: 4711,
    message: 'Invalid access token, does not contain scopes:[user:write,user:write:admin,user:update:presence_status,user:update:presence_status:admin].',
  });
});

test('a token without a scope for GET → 400 4711 listing read and write scopes', async () => {
  const t = await f.token({ scopes: ['presence:admin'] });
  const res = await f.get(f.owner.id, { token: t });
  assert.equal(res.statusCode, 400);
  const { code, message } = res.json();
  assert.equal(code, 4711);
  for (const s of ['user:read', 'user:read:admin', 'user:read:presence_status', 'user:read:presence_status:admin']) assert.ok(message.includes(s), s);
  assert.match(message, /^Invalid access token, does not contain scopes:\[.+\]\.$/);
});

for (const scope of ['user:write', 'user:write:admin', 'user:update:presence_status', 'user:update:presence_status:admin']) {
  test(`scope ${scope} allows PUT and GET on the token’s own user`, async () => {
    const t = await f.token({ scopes: [scope] });
    assert.equal((await f.put('me', { status: 'Away' }, { token: t })).statusCode, 204);
    assert.equal((await f.get('me', { token: t })).statusCode, 200);
  });
}

for (const scope of ['user:read', 'user:read:admin', 'user:read:presence_status', 'user:read:presence_status:admin']) {
  test(`scope ${scope} allows GET but not PUT`, async () => {
    const t = await f.token({ scopes: [scope] });
    assert.equal((await f.get('me', { token: t })).statusCode, 200);
    assert.equal((await f.put('me', { status: 'Away' }, { token: t })).json().code, 4711);
  });
}

test('a token of an account that was deleted cannot reach its users', async () => {
  const t = await f.token();
  const g = await makeFixture();
  try {
    const userToken = await g.token({ user: g.owner, scopes: ['user:read'] });
    await g.deps.directory.deleteAccount(g.account.id);
    // An app token dies with the account's apps; a user token is valid but its user is gone.
    assert.equal((await g.get(g.owner.id, { token: await g.token() })).statusCode, 401);
    assert.equal((await g.get('me', { token: userToken })).statusCode, 404);
  } finally {
    await g.close();
  }
  assert.equal((await f.get('me', { token: t })).statusCode, 200);
});
