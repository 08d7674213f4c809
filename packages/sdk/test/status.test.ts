import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PRESENCE_STATUSES, normalizePresence, toSettableStatus } from '../src/index.js';

test('every reported value normalises to itself', () => {
  for (const s of PRESENCE_STATUSES) assert.deepEqual(normalizePresence(s), { kind: 'known', status: s, raw: s });
});

test('documented-enum, webhook and misspelled values map to the one reported spelling', () => {
  const cases: Array<[string, string]> = [
    ['In_A_Zoom_Meeting', 'In_A_Meeting'],
    ['In_Meeting', 'In_A_Meeting'],
    ['On_A_Call', 'In_A_Call'],
    ['On_Phone_Call', 'In_A_Call'],
    ['In_Calendar_Event', 'In_A_Calendar_Event'],
    ['Do_No_Disturb', 'Do_Not_Disturb'],
  ];
  for (const [raw, status] of cases) assert.deepEqual(normalizePresence(raw), { kind: 'known', status, raw });
});

test('an unknown future value is passed through as unknown', () => {
  assert.deepEqual(normalizePresence('Some_New_Value'), { kind: 'unknown', raw: 'Some_New_Value' });
});

test('values are case-sensitive, like the API', () => {
  assert.equal(normalizePresence('away').kind, 'unknown');
});

test('a missing or non-string status is unknown, not a crash', () => {
  assert.deepEqual(normalizePresence(undefined), { kind: 'unknown', raw: '' });
  assert.deepEqual(normalizePresence(42), { kind: 'unknown', raw: '42' });
  assert.deepEqual(normalizePresence('constructor'), { kind: 'unknown', raw: 'constructor' });
});

test('Do_No_Disturb is sent as Do_Not_Disturb; other settable values are unchanged', () => {
  assert.equal(toSettableStatus('Do_No_Disturb'), 'Do_Not_Disturb');
  assert.equal(toSettableStatus('In_A_Zoom_Meeting'), 'In_A_Zoom_Meeting');
});
