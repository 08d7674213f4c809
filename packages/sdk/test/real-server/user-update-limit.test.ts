// The one-update-a-minute limit per user as the SDK meets it on a real server: seconds to wait, not retried by default.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { countingFetch, rejectionOf, startRealServer, type RealServer } from '../support/real-server.js';

let srv: RealServer;
before(async () => {
  srv = await startRealServer();
});
after(() => srv.close());

const USER_LIMIT = 'Too many requests submitted to update the presence status of this user. Please wait for the request to be processed and try again later.';

test('per-user 429: Retry-After in seconds, not retried by default, one request sent', async () => {
  const f = countingFetch();
  const sleep = srv.clockSleep();
  const client = srv.client({ app: 'acme-admin', fetch: f, sleep });
  await client.updatePresenceStatus('bob', { status: 'Away' });
  await srv.advance(15);
  // The email names the same user as the id, so it shares the window.
  const err = await rejectionOf(client.updatePresenceStatus('bob@acme.example', { status: 'Busy' }));
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
  const sleep = srv.clockSleep();
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
