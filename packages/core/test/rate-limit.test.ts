// Rate-limit arithmetic: the per-user update window and the per-account QPS and daily quota.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { userWindowCheck, takeAccountQuota, EMPTY_QUOTA, type AccountQuotaState, type PlanLimits } from '../src/index.js';

const T0 = Date.UTC(2026, 11, 3, 17, 0, 0);

test('the per-user window is rolling from the accepted update, not the clock minute', () => {
  const accepted = T0 + 59_000; // one second before a clock minute ends
  assert.deepEqual(userWindowCheck(accepted, T0 + 61_000, 60_000), { allowed: false, retryAfterSec: 58 });
  assert.deepEqual(userWindowCheck(accepted, accepted + 60_000, 60_000), { allowed: true, retryAfterSec: 0 });
});

test('Retry-After is whole seconds, rounded up, at least 1', () => {
  assert.equal(userWindowCheck(T0, T0 + 1, 60_000).retryAfterSec, 60);
  assert.equal(userWindowCheck(T0, T0 + 15_000, 60_000).retryAfterSec, 45);
  assert.equal(userWindowCheck(T0, T0 + 59_001, 60_000).retryAfterSec, 1);
  assert.equal(userWindowCheck(T0, T0 + 59_999, 60_000).retryAfterSec, 1);
});

test('no accepted update yet, or a window of 0, allows the update', () => {
  assert.ok(userWindowCheck(null, T0, 60_000).allowed);
  assert.ok(userWindowCheck(T0, T0, 0).allowed);
});

function takeN(n: number, now: number, limits: PlanLimits, from: AccountQuotaState = EMPTY_QUOTA) {
  let state = from;
  const decisions = [];
  for (let i = 0; i < n; i++) {
    const d = takeAccountQuota(state, now, limits);
    decisions.push(d);
    state = d.state;
  }
  return { decisions, state };
}

test('the account QPS limit allows `perSecond` requests in one second, then answers QPS with Retry-After 1', () => {
  const { decisions } = takeN(3, T0 + 250, { perSecond: 2, perDay: null });
  assert.deepEqual(decisions.map((d) => d.allowed), [true, true, false]);
  assert.deepEqual(decisions.map((d) => d.remaining), [1, 0, 0]);
  assert.equal(decisions[2]!.type, 'QPS');
  assert.equal(decisions[2]!.retryAfterSec, 1);
  assert.equal(decisions[2]!.resetAt, T0 + 1000);
});

test('the QPS count starts over in the next second', () => {
  const { state } = takeN(2, T0 + 900, { perSecond: 2, perDay: null });
  assert.ok(takeAccountQuota(state, T0 + 1000, { perSecond: 2, perDay: null }).allowed);
});

test('the daily limit refuses with the next UTC midnight once the day’s requests are used', () => {
  const limits = { perSecond: 100, perDay: 3 };
  const now = Date.UTC(2026, 11, 3, 23, 59, 30);
  const { decisions, state } = takeN(4, now, limits);
  assert.deepEqual(decisions.map((d) => d.allowed), [true, true, true, false]);
  assert.deepEqual(decisions.slice(0, 3).map((d) => [d.type, d.remaining]), [['Daily-limit', 2], ['Daily-limit', 1], ['Daily-limit', 0]]);
  const refused = decisions[3]!;
  assert.equal(refused.type, 'Daily-limit');
  assert.equal(refused.resetAt, Date.UTC(2026, 11, 4));
  assert.equal(refused.retryAfterSec, 30);
  // Still refused later the same day, allowed again after midnight.
  assert.ok(!takeAccountQuota(state, now + 29_000, limits).allowed);
  assert.ok(takeAccountQuota(state, Date.UTC(2026, 11, 4), limits).allowed);
});

test('refused requests do not use up quota', () => {
  const limits = { perSecond: 1, perDay: 5 };
  let { state } = takeN(1, T0, limits);
  ({ state } = takeN(10, T0, limits, state));
  assert.equal(state.dayCount, 1);
});
