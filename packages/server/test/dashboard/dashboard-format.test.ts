// The dashboard's words for statuses, causes and countdowns (the browser module itself, loaded in Node).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ALL_STATUSES, reportedStatus } from '@presence/core';
import { defaultDashboardDir } from '../../src/http/routes/dashboard.js';

type Info = { label: string; tone: string };
const f = (await import(pathToFileURL(join(defaultDashboardDir(), 'format.js')).href)) as {
  statusInfo(s: string): Info;
  causeWords(c: string): string;
  remaining(ms: number): string;
};

test('every status has words, the same for the reported and the documented spelling', () => {
  for (const s of ALL_STATUSES) {
    const reported = f.statusInfo(reportedStatus(s));
    assert.deepEqual(f.statusInfo(reportedStatus(s, true)), reported, s);
    assert.notEqual(reported.tone, 'unknown', s);
    assert.doesNotMatch(reported.label, /_/, s);
  }
  assert.equal(f.statusInfo('In_A_Zoom_Meeting').label, 'In a meeting');
  assert.equal(f.statusInfo('On_A_Call').label, 'On a call');
});

test('a status the dashboard does not know is still shown in words', () => {
  assert.deepEqual(f.statusInfo('Focus_Time'), { label: 'Focus Time', tone: 'unknown', order: 10 });
});

test('change causes read as words', () => {
  assert.equal(f.causeWords('dnd_expiry'), 'Do not disturb ended');
  assert.equal(f.causeWords('sign_out'), 'Signed out');
  assert.equal(f.causeWords('something_new'), 'something new');
});

test('the DND countdown shows minutes and seconds, hours when needed, and never a negative time', () => {
  assert.equal(f.remaining(30 * 60_000), '30:00 left');
  assert.equal(f.remaining(59_001), '1:00 left');
  assert.equal(f.remaining(4_500), '0:05 left');
  assert.equal(f.remaining(65 * 60_000), '1:05:00 left');
  assert.equal(f.remaining(0), 'ending…');
  assert.equal(f.remaining(-5_000), 'ending…');
});
