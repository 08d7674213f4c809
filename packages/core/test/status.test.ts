// Status vocabularies: what PUT accepts, what GET reports and what webhooks carry.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  SETTABLE_STATUSES, ALL_STATUSES, isSettable, isStatus, parseSettableStatus, reportedStatus, webhookStatus, closestStatus,
} from '../src/index.js';

test('accepts exactly the nine settable statuses', () => {
  assert.deepEqual([...SETTABLE_STATUSES].sort(), [
    'Available', 'Away', 'Busy', 'Do_Not_Disturb', 'In_A_Zoom_Meeting', 'In_Calendar_Event', 'On_A_Call', 'Out_of_Office', 'Presenting',
  ]);
  for (const s of SETTABLE_STATUSES) {
    const r = parseSettableStatus(s);
    assert.ok(r.ok && r.value === s, s);
  }
});

test('Offline is a status but is never settable', () => {
  assert.ok(isStatus('Offline'));
  assert.ok(!isSettable('Offline'));
  const r = parseSettableStatus('Offline');
  assert.ok(!r.ok);
  assert.equal(r.error.kind, 'not_settable');
  assert.match(r.error.message, /Offline cannot be set/);
  assert.match(r.error.message, /Allowed values: Available, Away, Do_Not_Disturb/);
});

test('accepts Do_No_Disturb (the misspelling in Zoom’s schema) as Do_Not_Disturb', () => {
  const r = parseSettableStatus('Do_No_Disturb');
  assert.deepEqual(r, { ok: true, value: 'Do_Not_Disturb' });
});

test('statuses are case-sensitive and a near miss names the closest value', () => {
  for (const [raw, closest] of [
    ['available', 'Available'], ['AWAY', 'Away'], ['do_not_disturb', 'Do_Not_Disturb'], ['Out_Of_Office', 'Out_of_Office'],
    ['Availble', 'Available'], ['On_a_call', 'On_A_Call'], ['busy', 'Busy'],
  ] as const) {
    const r = parseSettableStatus(raw);
    assert.ok(!r.ok, raw);
    assert.equal(r.error.kind, 'unknown');
    assert.equal(r.error.suggestion, closest, raw);
    assert.ok(r.error.message.includes(`Did you mean ${closest}?`), r.error.message);
    assert.ok(r.error.message.includes(`Invalid status '${raw}'`), r.error.message);
  }
});

test('GET’s and webhooks’ spellings of a status suggest the settable one (In_A_Meeting → In_A_Zoom_Meeting)', () => {
  for (const [raw, closest] of [
    ['In_A_Meeting', 'In_A_Zoom_Meeting'], ['In_Meeting', 'In_A_Zoom_Meeting'], ['In_A_Call', 'On_A_Call'],
    ['On_Phone_Call', 'On_A_Call'], ['In_A_Calendar_Event', 'In_Calendar_Event'],
  ] as const) {
    const r = parseSettableStatus(raw);
    assert.ok(!r.ok, raw);
    assert.equal(r.error.suggestion, closest, raw);
    assert.ok(r.error.message.includes(`Did you mean ${closest}?`), r.error.message);
  }
});

test('an unknown status far from every value gets the allowed list and no suggestion', () => {
  const r = parseSettableStatus('xyzzy-plugh');
  assert.ok(!r.ok);
  assert.equal(r.error.suggestion, undefined);
  assert.doesNotMatch(r.error.message, /Did you mean/);
  assert.match(r.error.message, /Allowed values: .*Busy\./);
});

test('a very long status is truncated in the message and gets no suggestion', () => {
  const raw = 'A'.repeat(5000);
  const r = parseSettableStatus(raw);
  assert.ok(!r.ok);
  assert.ok(r.error.message.length < 400, `message is ${r.error.message.length} chars`);
  assert.equal(closestStatus(raw), undefined);
});

test('GET reports Zoom’s observed spelling: In_A_Zoom_Meeting → In_A_Meeting, On_A_Call → In_A_Call, In_Calendar_Event → In_A_Calendar_Event', () => {
  assert.equal(reportedStatus('In_A_Zoom_Meeting'), 'In_A_Meeting');
  assert.equal(reportedStatus('On_A_Call'), 'In_A_Call');
  assert.equal(reportedStatus('In_Calendar_Event'), 'In_A_Calendar_Event');
  for (const s of ['Available', 'Away', 'Do_Not_Disturb', 'Offline', 'Presenting', 'Out_of_Office', 'Busy'] as const) {
    assert.equal(reportedStatus(s), s);
  }
});

test('the documentedEnum switch reports the PUT spelling unchanged', () => {
  for (const s of ALL_STATUSES) assert.equal(reportedStatus(s, true), s);
});

test('webhooks carry their own spelling: In_A_Zoom_Meeting → In_Meeting, On_A_Call → On_Phone_Call, In_Calendar_Event unchanged', () => {
  assert.equal(webhookStatus('In_A_Zoom_Meeting'), 'In_Meeting');
  assert.equal(webhookStatus('On_A_Call'), 'On_Phone_Call');
  assert.equal(webhookStatus('In_Calendar_Event'), 'In_Calendar_Event');
  assert.equal(webhookStatus('Offline'), 'Offline');
  assert.equal(webhookStatus('Do_Not_Disturb'), 'Do_Not_Disturb');
});

test('the three spellings cover every status without gaps', () => {
  for (const s of ALL_STATUSES) {
    assert.equal(typeof reportedStatus(s), 'string', s);
    assert.equal(typeof webhookStatus(s), 'string', s);
  }
  assert.equal(new Set(ALL_STATUSES.map((s) => reportedStatus(s))).size, ALL_STATUSES.length);
  assert.equal(new Set(ALL_STATUSES.map((s) => webhookStatus(s))).size, ALL_STATUSES.length);
});
