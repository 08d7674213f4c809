// Account limits on a free plan (QPS and daily) as the SDK meets them on a real server, and which it retries.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { countingFetch, rejectionOf, startRealServer, type RealServer, type SeedAccount } from '../support/real-server.js';

const FREE_PER_DAY = 4;

/** A free-plan account per scenario: account quotas are per account, so scenarios cannot disturb each other. */
const freeAccount = (id: string): SeedAccount => ({
  id,
  name: id,
  plan: 'free',
  users: [{ id: `${id}-owner`, email: `owner@${id}.example`, role: 'owner', sessions: [{ client_type: 'desktop', client_version: '5.17.11' }] }],
  apps: [{ client_id: `${id}-app`, client_secret: `${id}-secret-0123456789`, scopes: ['user:read:admin', 'user:write:admin'] }],
});

let srv: RealServer;
before(async () => {
  srv = await startRealServer({
    accounts: [freeAccount('qps-get'), freeAccount('qps-put'), freeAccount('qps-budget'), freeAccount('daily')],
    config: { freePerSecond: 2, freePerDay: FREE_PER_DAY },
  });
});
after(() => srv.close());

test('QPS 429 on a free plan: a GET waits Retry-After and is retried successfully', async () => {
  const f = countingFetch();
  const sleep = srv.clockSleep();
  const client = srv.client({ app: 'qps-get-app', fetch: f, sleep });
  await client.getPresenceStatus('me');
  await client.getPresenceStatus('me');
  const reading = await client.getPresenceStatus('me');
  assert.equal(reading.status.raw, 'Available');
  assert.deepEqual(sleep.waits, [1000], 'Retry-After: 1 second');
  assert.equal(f.count('GET', '/v2/users/me/presence_status'), 4);
});

test('QPS 429 on a free plan: a PUT is retried too, since the account limit rejected it before any change', async () => {
  const f = countingFetch();
  const sleep = srv.clockSleep();
  const client = srv.client({ app: 'qps-put-app', fetch: f, sleep });
  await client.getPresenceStatus('me');
  await client.getPresenceStatus('me');
  await client.updatePresenceStatus('me', { status: 'Away' });
  assert.deepEqual(sleep.waits, [1000]);
  assert.equal(f.count('PUT', '/v2/users/me/presence_status'), 2);
  assert.equal((await client.getPresenceStatus('me')).status.raw, 'Away');
});

test('QPS 429 beyond the wait budget is thrown at once with its rate-limit details', async () => {
  const f = countingFetch();
  const sleep = srv.clockSleep();
  const client = srv.client({ app: 'qps-budget-app', fetch: f, sleep, retry: { maxTotalWaitMs: 500 } });
  await client.getPresenceStatus('me');
  await client.getPresenceStatus('me');
  const err = await rejectionOf(client.getPresenceStatus('me'));
  assert.equal(err.status, 429);
  assert.equal(err.message, 'You have reached the maximum per-second rate limit for this API. Try again later.');
  assert.deepEqual(
    { ...err.rateLimit, retryAt: undefined },
    { category: 'Medium', type: 'QPS', limit: 2, remaining: 0, retryAfter: '1', retryAfterMs: 1000, retryAt: undefined, kind: 'qps' },
  );
  assert.deepEqual(sleep.waits, []);
  assert.equal(f.count('GET', '/v2/users/me/presence_status'), 3);
});

test('daily 429 on a free plan: Retry-After is the next UTC midnight, reported as retryAt and not retried', async () => {
  const f = countingFetch();
  const sleep = srv.clockSleep();
  const client = srv.client({ app: 'daily-app', fetch: f, sleep, now: srv.now });
  for (let i = 0; i < FREE_PER_DAY; i++) {
    await client.getPresenceStatus('me');
    await srv.advance(1);
  }
  const midnight = '2026-12-04T00:00:00Z';
  for (const call of [() => client.getPresenceStatus('me'), () => client.updatePresenceStatus('me', { status: 'Away' })]) {
    const before = f.requests.length;
    const err = await rejectionOf(call());
    assert.equal(err.status, 429);
    assert.equal(err.code, 429);
    assert.match(err.message, /maximum daily rate limit/);
    assert.equal(err.rateLimit?.kind, 'daily');
    assert.equal(err.rateLimit?.type, 'Daily-limit');
    assert.equal(err.rateLimit?.retryAfter, midnight);
    assert.equal(err.rateLimit?.retryAt?.getTime(), Date.parse(midnight));
    assert.equal(err.rateLimit?.retryAfterMs, Date.parse(midnight) - srv.now());
    assert.equal(f.requests.length - before, 1, 'one request, no retry');
  }
  assert.deepEqual(sleep.waits, []);
  await srv.advance((Date.parse(midnight) - srv.now()) / 1000);
  assert.equal((await client.getPresenceStatus('me')).status.raw, 'Available', 'a new day, a new quota');
});
