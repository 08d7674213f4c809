// The three kinds of 429 a real server answers, and which of them the SDK retries.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { PresenceApiError, type Sleep } from '../../src/index.js';
import { countingFetch, DEFAULT_ACCOUNTS, startRealServer, type RealServer, type SeedAccount } from '../support/real-server.js';

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
    accounts: [...DEFAULT_ACCOUNTS, freeAccount('qps-get'), freeAccount('qps-put'), freeAccount('qps-budget'), freeAccount('daily')],
    config: { freePerSecond: 2, freePerDay: FREE_PER_DAY },
  });
});
after(() => srv.close());

/** Waits by moving the server's clock instead of real time, and records each wait. */
function clockSleep(): Sleep & { waits: number[] } {
  const waits: number[] = [];
  const sleep = async (ms: number) => {
    waits.push(ms);
    await srv.advance(ms / 1000);
  };
  return Object.assign(sleep, { waits });
}

async function rejection(call: Promise<unknown>): Promise<PresenceApiError> {
  const e = await call.then(() => assert.fail('expected the call to fail'), (x: unknown) => x);
  assert.ok(e instanceof PresenceApiError, String(e));
  return e;
}

const USER_LIMIT = 'Too many requests submitted to update the presence status of this user. Please wait for the request to be processed and try again later.';

test('per-user 429: Retry-After in seconds, not retried by default, one request sent', async () => {
  const f = countingFetch();
  const sleep = clockSleep();
  const client = srv.client({ app: 'acme-admin', fetch: f, sleep });
  await client.updatePresenceStatus('bob', { status: 'Away' });
  await srv.advance(15);
  // The email names the same user as the id, so it shares the window.
  const err = await rejection(client.updatePresenceStatus('bob@acme.example', { status: 'Busy' }));
  assert.equal(err.status, 429);
  assert.equal(err.code, 429);
  assert.equal(err.message, USER_LIMIT);
  assert.match(err.trackingId ?? '', /\S/);
  assert.equal(err.rateLimit?.kind, 'per_user_update');
  assert.equal(err.rateLimit?.retryAfter, '45');
  assert.equal(err.rateLimit?.retryAfterMs, 45_000);
  assert.equal(f.count('PUT', '/v2/users/bob%40acme.example/presence_status'), 1);
  assert.deepEqual(sleep.waits, []);
  // The rejected update neither counted nor extended the window.
  await srv.advance(45);
  await client.updatePresenceStatus('bob', { status: 'Busy' });
  assert.equal((await client.getPresenceStatus('bob')).status.raw, 'Busy');
});

test('per-user 429 retried when the caller opts in: waits Retry-After and succeeds', async () => {
  await srv.advance(60);
  const f = countingFetch();
  const sleep = clockSleep();
  const client = srv.client({
    app: 'acme-admin', fetch: f, sleep,
    retry: { retryable429Kinds: { PUT: ['qps', 'per_user_update'] }, maxTotalWaitMs: 120_000 },
  });
  await client.updatePresenceStatus('bob', { status: 'Away' });
  await client.updatePresenceStatus('bob', { status: 'Available' });
  assert.deepEqual(sleep.waits, [60_000]);
  assert.equal(f.count('PUT', '/v2/users/bob/presence_status'), 3);
  assert.equal((await client.getPresenceStatus('bob')).status.raw, 'Available');
});

test('QPS 429 on a free plan: a GET waits Retry-After and is retried successfully', async () => {
  const f = countingFetch();
  const sleep = clockSleep();
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
  const sleep = clockSleep();
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
  const sleep = clockSleep();
  const client = srv.client({ app: 'qps-budget-app', fetch: f, sleep, retry: { maxTotalWaitMs: 500 } });
  await client.getPresenceStatus('me');
  await client.getPresenceStatus('me');
  const err = await rejection(client.getPresenceStatus('me'));
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
  const sleep = clockSleep();
  const client = srv.client({ app: 'daily-app', fetch: f, sleep, now: srv.now });
  for (let i = 0; i < FREE_PER_DAY; i++) {
    await client.getPresenceStatus('me');
    await srv.advance(1);
  }
  const midnight = '2026-12-04T00:00:00Z';
  for (const call of [() => client.getPresenceStatus('me'), () => client.updatePresenceStatus('me', { status: 'Away' })]) {
    const before = f.requests.length;
    const err = await rejection(call());
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
