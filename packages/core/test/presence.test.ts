// PresenceState transitions: manual updates, sign-in/out and Do-Not-Disturb expiry.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyUpdate, applySignIn, applySignOut, presenceAt, INITIAL_PRESENCE, type PresenceState, type UpdateRules } from '../src/index.js';

const T0 = Date.UTC(2026, 11, 3, 17, 0, 0);
const rules: UpdateRules = { windowMs: 60_000, enforceTransitions: true };
const available: PresenceState = { status: 'Available', dndUntil: null, dndPrevious: null, lastUpdateAt: null, changedAt: T0 };

test('first sign-in makes the user Available; a later one changes nothing', () => {
  const s = applySignIn(INITIAL_PRESENCE, 0, T0);
  assert.equal(s.status, 'Available');
  assert.equal(s.changedAt, T0);
  const busy = { ...s, status: 'Busy' as const };
  assert.equal(applySignIn(busy, 1, T0 + 5), busy);
});

test('the last sign-out makes the user Offline and clears DND', () => {
  const dnd: PresenceState = { ...available, status: 'Do_Not_Disturb', dndUntil: T0 + 60_000, dndPrevious: 'Away' };
  assert.equal(applySignOut(dnd, 1, T0), dnd);
  const off = applySignOut(dnd, 0, T0 + 1);
  assert.deepEqual([off.status, off.dndUntil, off.dndPrevious], ['Offline', null, null]);
});

test('rejects an update for a user with no signed-in client (signed_out)', () => {
  assert.deepEqual(applyUpdate(INITIAL_PRESENCE, 'Away', undefined, [], T0, rules), { ok: false, error: { reason: 'signed_out' } });
  assert.deepEqual(applyUpdate(available, 'Away', undefined, [], T0, rules), { ok: false, error: { reason: 'signed_out' } });
});

test('rejects Available → Away from a 5.2 client (client_version); allows it from 6.3', () => {
  const r = applyUpdate(available, 'Away', undefined, ['5.2.4'], T0, rules);
  assert.deepEqual(r, { ok: false, error: { reason: 'client_version', from: 'Available', to: 'Away' } });
  assert.ok(applyUpdate(available, 'Away', undefined, ['5.2.4', '6.3.0'], T0, rules).ok);
});

test('transition enforcement can be switched off', () => {
  assert.ok(applyUpdate(available, 'Away', undefined, ['5.2.4'], T0, { ...rules, enforceTransitions: false }).ok);
});

test('DND gets the default 20 minutes and remembers what it returns to', () => {
  const r = applyUpdate(available, 'Do_Not_Disturb', undefined, ['6.3.0'], T0, rules);
  assert.ok(r.ok);
  assert.deepEqual(r.value, { status: 'Do_Not_Disturb', dndUntil: T0 + 20 * 60_000, dndPrevious: 'Available', lastUpdateAt: T0, changedAt: T0 });
});

test('re-entering DND extends it and keeps what it returns to', () => {
  const first = applyUpdate({ ...available, status: 'Away' }, 'Do_Not_Disturb', 5, ['6.3.0'], T0, rules);
  assert.ok(first.ok);
  const again = applyUpdate(first.value, 'Do_Not_Disturb', 30, ['6.3.0'], T0 + 120_000, rules);
  assert.ok(again.ok);
  assert.equal(again.value.dndUntil, T0 + 120_000 + 30 * 60_000);
  assert.equal(again.value.dndPrevious, 'Away');
  assert.equal(again.value.changedAt, T0);
});

test('an update within the window is refused with Retry-After; the state is not touched', () => {
  const r1 = applyUpdate(available, 'Busy', undefined, ['6.3.0'], T0, rules);
  assert.ok(r1.ok);
  const r2 = applyUpdate(r1.value, 'Away', undefined, ['6.3.0'], T0 + 10_000, rules);
  assert.deepEqual(r2, { ok: false, error: { reason: 'rate_limited', retryAfterSec: 50 } });
  assert.ok(applyUpdate(r1.value, 'Away', undefined, ['6.3.0'], T0 + 60_000, rules).ok);
});

test('leaving DND clears its end time', () => {
  const dnd: PresenceState = { ...available, status: 'Do_Not_Disturb', dndUntil: T0 + 600_000, dndPrevious: 'Away' };
  const r = applyUpdate(dnd, 'Busy', undefined, ['6.3.0'], T0 + 1000, rules);
  assert.ok(r.ok);
  assert.deepEqual([r.value.status, r.value.dndUntil, r.value.dndPrevious], ['Busy', null, null]);
});

test('presenceAt applies a due DND expiry: the previous status comes back at dndUntil', () => {
  const dnd: PresenceState = { ...available, status: 'Do_Not_Disturb', dndUntil: T0 + 60_000, dndPrevious: 'Away', lastUpdateAt: T0 };
  assert.deepEqual(presenceAt(dnd, T0 + 59_999), { state: dnd, expired: false });
  const at = presenceAt(dnd, T0 + 60_000);
  assert.equal(at.expired, true);
  assert.deepEqual(at.state, { status: 'Away', dndUntil: null, dndPrevious: null, lastUpdateAt: T0, changedAt: T0 + 60_000 });
});

test('presenceAt leaves non-DND states alone', () => {
  assert.deepEqual(presenceAt(available, T0 + 10 ** 9), { state: available, expired: false });
});
