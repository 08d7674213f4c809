// Per-account Medium limits by plan: QPS and the free plan's daily limit, with Zoom's headers.
import { test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { makeFixture, type Fixture } from '../support/fixture.js';

let f: Fixture;
afterEach(async () => { await f.close(); });

const QPS = { code: 429, message: 'You have reached the maximum per-second rate limit for this API. Try again later.' };
const DAILY = { code: 429, message: 'You have reached the maximum daily rate limit for this API. Refer to the response header for details on when you can make another request.' };

async function freeAccount() {
  const { directory } = f.deps;
  const acc = await directory.createAccount({ id: 'acc-free', name: 'Free', plan: 'free' });
  const u = await directory.createUser(acc.id, { id: 'u-free', email: 'free@example.com', role: 'owner' });
  await f.deps.presence.signIn(u, 'desktop', '6.3.0', true);
  return f.token({ account: acc, user: null, scopes: ['user:read:admin', 'user:write:admin'] });
}

test('a free plan allows 2 requests per second, the third → 429 QPS with Retry-After', async () => {
  f = await makeFixture();
  const t = await freeAccount();
  const a = await f.get('u-free', { token: t });
  const b = await f.get('u-free', { token: t });
  const c = await f.get('u-free', { token: t });
  assert.deepEqual([a.statusCode, b.statusCode, c.statusCode], [200, 200, 429]);
  assert.deepEqual(c.json(), QPS);
  assert.equal(c.headers['retry-after'], '1');
  assert.equal(c.headers['x-ratelimit-type'], 'QPS');
  assert.equal(c.headers['x-ratelimit-limit'], '2');
  assert.equal(c.headers['x-ratelimit-remaining'], '0');
  assert.equal(c.headers['x-ratelimit-category'], 'Medium');
  // PUT shares the account's quota.
  assert.equal((await f.put('u-free', { status: 'Away' }, { token: t })).statusCode, 429);
  await f.advance(1);
  assert.equal((await f.get('u-free', { token: t })).statusCode, 200);
});

test('a free plan reports its daily limit and remaining in the headers', async () => {
  f = await makeFixture();
  const t = await freeAccount();
  const a = await f.get('u-free', { token: t });
  assert.equal(a.headers['x-ratelimit-type'], 'Daily-limit');
  assert.equal(a.headers['x-ratelimit-limit'], '2000');
  assert.equal(a.headers['x-ratelimit-remaining'], '1999');
});

test('over the daily limit → 429 with the daily message and Retry-After as the ISO time of the next UTC midnight', async () => {
  f = await makeFixture({ freePerDay: 3, freePerSecond: 100 });
  const t = await freeAccount();
  for (let i = 0; i < 3; i++) assert.equal((await f.get('u-free', { token: t })).statusCode, 200);
  await f.advance(1800);
  const res = await f.get('u-free', { token: t });
  assert.equal(res.statusCode, 429);
  assert.deepEqual(res.json(), DAILY);
  assert.equal(res.headers['retry-after'], '2026-12-04T00:00:00Z');
  assert.equal(res.headers['x-ratelimit-type'], 'Daily-limit');
  assert.equal(res.headers['x-ratelimit-remaining'], '0');
  await f.advance(7.5 * 3600); // 01:00 the next day
  const fresh = await f.token({ account: (await f.deps.directory.account('acc-free')), user: null, scopes: ['user:read:admin'] });
  assert.equal((await f.get('u-free', { token: fresh })).statusCode, 200);
});

test('one account’s limit does not touch another account', async () => {
  f = await makeFixture();
  const t = await freeAccount();
  for (let i = 0; i < 3; i++) await f.get('u-free', { token: t });
  assert.equal((await f.get('me')).statusCode, 200);
});

test('a business plan allows its configured per-second limit', async () => {
  f = await makeFixture({ businessPerSecond: 5 });
  const codes = [];
  for (let i = 0; i < 6; i++) codes.push((await f.get('me')).statusCode);
  assert.deepEqual(codes, [200, 200, 200, 200, 200, 429]);
});

test('account rate limits can be switched off', async () => {
  f = await makeFixture({ accountRateLimits: false });
  const t = await freeAccount();
  for (let i = 0; i < 5; i++) assert.equal((await f.get('u-free', { token: t })).statusCode, 200);
});
