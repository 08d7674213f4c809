import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_RETRY_POLICY, PresenceApiError, createPresenceClient, parseRetryAfter, type RetryOptions } from '../src/index.js';
import { fakeClock, jsonResponse, noContent, recordingSleep, scriptedFetch } from './support/scripted-fetch.js';

const QPS_BODY = { code: 429, message: 'You have reached the maximum per-second rate limit for this API. Try again later.' };
const PER_USER_BODY = {
  code: 429,
  message: 'Too many requests submitted to update the presence status of this user. Please wait for the request to be processed and try again later.',
};
const DAILY_BODY = { code: 429, message: 'You have reached the maximum daily rate limit for this API.' };
const qps = (extra: Record<string, string> = {}) => ({ 'X-RateLimit-Category': 'Medium', 'X-RateLimit-Type': 'QPS', ...extra });

function setup(answers: Array<() => Response>, retry?: RetryOptions) {
  const clock = fakeClock(Date.parse('2026-03-01T12:00:00Z'));
  const s = recordingSleep();
  const fetch = scriptedFetch((_c, i) => answers[Math.min(i, answers.length - 1)]!());
  const client = createPresenceClient({ auth: { type: 'static', accessToken: 'tok' }, fetch, sleep: s.sleep, now: clock.now, retry });
  return { client, fetch, waits: s.waits };
}

test('GET 429 with Retry-After: 2 waits two seconds and retries', async () => {
  const { client, fetch, waits } = setup([
    () => jsonResponse(429, QPS_BODY, qps({ 'Retry-After': '2' })),
    () => jsonResponse(200, { status: 'Away' }),
  ]);
  const r = await client.getPresenceStatus('me');
  assert.equal(r.status.kind === 'known' && r.status.status, 'Away');
  assert.deepEqual(waits, [2000]);
  assert.equal(fetch.calls.length, 2);
});

test('GET 429 with an ISO-8601 Retry-After waits until that moment by the client clock', async () => {
  const { client, waits } = setup([
    () => jsonResponse(429, QPS_BODY, qps({ 'Retry-After': '2026-03-01T12:00:05Z' })),
    () => jsonResponse(200, { status: 'Away' }),
  ]);
  await client.getPresenceStatus('me');
  assert.deepEqual(waits, [5000]);
});

test('a wait beyond the budget throws at once without sleeping', async () => {
  const { client, fetch, waits } = setup([
    () => jsonResponse(429, DAILY_BODY, { 'X-RateLimit-Type': 'Daily-limit', 'Retry-After': '2026-03-02T00:00:00Z' }),
  ]);
  const err = await client.getPresenceStatus('me').catch((e: unknown) => e);
  assert.ok(err instanceof PresenceApiError);
  assert.equal(err.status, 429);
  assert.equal(err.rateLimit?.kind, 'daily');
  assert.equal(err.rateLimit?.retryAt?.toISOString(), '2026-03-02T00:00:00.000Z');
  assert.deepEqual(waits, []);
  assert.equal(fetch.calls.length, 1);
});

test('the budget counts all waits of one call', async () => {
  const { client, waits } = setup([() => jsonResponse(429, QPS_BODY, qps({ 'Retry-After': '4' }))], { maxTotalWaitMs: 10_000, maxRetries: 5 });
  await assert.rejects(client.getPresenceStatus('me'), { status: 429 });
  assert.deepEqual(waits, [4000, 4000]);
});

test('PUT per-user 429 is not retried, even though it carries QPS headers', async () => {
  const { client, fetch, waits } = setup([() => jsonResponse(429, PER_USER_BODY, qps({ 'Retry-After': '42' }))]);
  const err = await client.updatePresenceStatus('me', { status: 'Away' }).catch((e: unknown) => e);
  assert.ok(err instanceof PresenceApiError);
  assert.equal(err.rateLimit?.kind, 'per_user_update');
  assert.equal(err.rateLimit?.retryAfterMs, 42_000);
  assert.equal(fetch.calls.length, 1);
  assert.deepEqual(waits, []);
});

test('PUT daily-limit 429 is not retried', async () => {
  const { client, fetch } = setup([() => jsonResponse(429, DAILY_BODY, { 'X-RateLimit-Type': 'Daily-limit', 'Retry-After': '1' })]);
  await assert.rejects(client.updatePresenceStatus('me', { status: 'Away' }), { status: 429 });
  assert.equal(fetch.calls.length, 1);
});

test('PUT per-second (QPS) 429 is retried', async () => {
  const { client, fetch, waits } = setup([() => jsonResponse(429, QPS_BODY, qps({ 'Retry-After': '1' })), () => noContent()]);
  await client.updatePresenceStatus('me', { status: 'Away' });
  assert.equal(fetch.calls.length, 2);
  assert.deepEqual(waits, [1000]);
});

test('PUT per-user 429 is retried when configured to', async () => {
  const { client, waits } = setup([() => jsonResponse(429, PER_USER_BODY, { 'Retry-After': '3' }), () => noContent()], {
    retryable429Kinds: { PUT: ['qps', 'per_user_update'] },
  });
  await client.updatePresenceStatus('me', { status: 'Away' });
  assert.deepEqual(waits, [3000]);
});

test('PUT 429 without a rate-limit type is not retried', async () => {
  const { client, fetch } = setup([() => jsonResponse(429, { code: 429, message: 'Slow down.' })]);
  await assert.rejects(client.updatePresenceStatus('me', { status: 'Away' }), { status: 429 });
  assert.equal(fetch.calls.length, 1);
});

test('maxRetries bounds the attempts', async () => {
  const { client, fetch, waits } = setup([() => jsonResponse(429, QPS_BODY, qps({ 'Retry-After': '0' }))], { maxRetries: 2 });
  await assert.rejects(client.getPresenceStatus('me'), { status: 429 });
  assert.equal(fetch.calls.length, 3);
  assert.deepEqual(waits, [0, 0]);
});

test('GET 502 without Retry-After backs off exponentially', async () => {
  const { client, waits } = setup([() => new Response('', { status: 502 })]);
  await assert.rejects(client.getPresenceStatus('me'), { status: 502 });
  assert.deepEqual(waits, [500, 1000, 2000]);
});

test('PUT 502 is not retried: the update may have been applied', async () => {
  const { client, fetch } = setup([() => new Response('<html>', { status: 502 })]);
  await assert.rejects(client.updatePresenceStatus('me', { status: 'Away' }), { status: 502 });
  assert.equal(fetch.calls.length, 1);
});

test('non-retryable statuses are never retried', async () => {
  for (const status of DEFAULT_RETRY_POLICY.nonRetryableStatuses) {
    const { client, fetch } = setup([() => jsonResponse(status, { code: 1, message: 'no' })]);
    await assert.rejects(client.getPresenceStatus('me'), { status });
    assert.equal(fetch.calls.length, 1, `status ${status}`);
  }
});

test('the default policy cannot be changed by accident', () => {
  assert.throws(() => (DEFAULT_RETRY_POLICY.retryable429Kinds.PUT as string[]).push('daily'));
});

test('Retry-After is read as seconds, ISO-8601 or HTTP date', () => {
  const now = Date.parse('2026-03-01T12:00:00Z');
  assert.equal(parseRetryAfter('2', now), 2000);
  assert.equal(parseRetryAfter('1.5', now), 1500);
  assert.equal(parseRetryAfter('2026-03-01T12:01:00Z', now), 60_000);
  assert.equal(parseRetryAfter('Sun, 01 Mar 2026 12:00:10 GMT', now), 10_000);
  assert.equal(parseRetryAfter('2026-03-01T11:00:00Z', now), 0);
  assert.equal(parseRetryAfter('soon', now), undefined);
  assert.equal(parseRetryAfter('', now), undefined);
  assert.equal(parseRetryAfter(null, now), undefined);
});
