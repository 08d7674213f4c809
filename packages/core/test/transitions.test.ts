// The transition table: which manual changes a client version allows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkTransition, parseVersion, highestVersion, compareVersions, SETTABLE_STATUSES, TRANSITION_TABLE, type Status, type TransitionRule } from '../src/index.js';

const v = (s: string) => parseVersion(s)!;
const allowed = (from: Status, to: (typeof SETTABLE_STATUSES)[number], version: string, table?: readonly TransitionRule[]) =>
  checkTransition(from, to, v(version), table).ok;

test('allows Available → Do_Not_Disturb and Away → Do_Not_Disturb from a 5.2 client', () => {
  assert.ok(allowed('Available', 'Do_Not_Disturb', '5.2.4'));
  assert.ok(allowed('Away', 'Do_Not_Disturb', '5.2.4'));
});

test('rejects every other move from a client below 5.3.0', () => {
  for (const from of ['Available', 'Away', 'Do_Not_Disturb', 'Busy', 'Presenting'] as const) {
    for (const to of SETTABLE_STATUSES) {
      if (from === to) continue;
      if ((from === 'Available' || from === 'Away') && to === 'Do_Not_Disturb') continue;
      const r = checkTransition(from, to, v('5.2.9'));
      assert.ok(!r.ok, `${from} → ${to} allowed on 5.2.9`);
      assert.deepEqual(r.error, { reason: 'client_version', from, to, clientVersion: '5.2.9' });
    }
  }
});

test('setting the status the user already has is always allowed', () => {
  for (const s of SETTABLE_STATUSES) assert.ok(allowed(s, s, '1.0'), s);
});

test('allows any move from 5.3.0 and above', () => {
  for (const version of ['5.3.0', '5.3', '5.17.11.34827', '6.3.0']) {
    for (const from of [...SETTABLE_STATUSES, 'Offline'] as const) {
      for (const to of SETTABLE_STATUSES) assert.ok(allowed(from, to, version), `${from} → ${to} on ${version}`);
    }
  }
});

test('5.2.99 is below 5.3.0: versions compare numerically, not as text', () => {
  assert.ok(!allowed('Available', 'Away', '5.2.99'));
  assert.ok(allowed('Available', 'Away', '5.10.0'));
  assert.equal(compareVersions(v('5.10'), v('5.9.9')), 1);
  assert.equal(compareVersions(v('5.3'), v('5.3.0.0')), 0);
});

test('the table is data: a custom table changes the rule', () => {
  const strict: TransitionRule[] = [{ minVersion: '0', allow: [['Available', 'Busy']] }];
  assert.ok(allowed('Available', 'Busy', '9.0', strict));
  assert.ok(!allowed('Available', 'Away', '9.0', strict));
  assert.equal(TRANSITION_TABLE[0]!.minVersion, '5.3.0');
});

test('the highest version among signed-in clients counts; unparseable versions are ignored', () => {
  assert.deepEqual(highestVersion(['5.2.4', '6.3.0', '5.17.1']), [6, 3, 0]);
  assert.deepEqual(highestVersion(['garbage', '5.2.4']), [5, 2, 4]);
  assert.equal(highestVersion([]), undefined);
  assert.equal(parseVersion('5.x'), undefined);
  assert.equal(parseVersion(''), undefined);
  assert.equal(parseVersion('1.2.3.4.5.6'), undefined);
});
