// GET /v2/users/{userId}/presence_status: reported spellings, DND end_time/remaining_time for oneself only.
import { test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { makeFixture, type Fixture } from '../support/fixture.js';

let f: Fixture;
beforeEach(async () => { f = await makeFixture({ userUpdateWindowSec: 0 }); });
afterEach(async () => { await f.close(); });

test('answers 200 {"status": ...} for a signed-in user', async () => {
  const res = await f.get(f.owner.id);
  assert.equal(res.statusCode, 200);
  assert.deepEqual(res.json(), { status: 'Available' });
});

test('a user with no signed-in client is Offline', async () => {
  assert.deepEqual((await f.get(f.offline.id)).json(), { status: 'Offline' });
});

test('asking about oneself in DND adds end_time (UTC, no milliseconds) and remaining_time (whole seconds)', async () => {
  f.clock.advance(250); // 17:00:00.250, so end_time must drop the milliseconds
  assert.equal((await f.put('me', { status: 'Do_Not_Disturb', duration: 20 })).statusCode, 204);
  assert.deepEqual((await f.get('me')).json(), { status: 'Do_Not_Disturb', end_time: '2026-12-03T17:20:00Z', remaining_time: 1200 });
  await f.advance(90.5);
  assert.deepEqual((await f.get(f.owner.email)).json(), { status: 'Do_Not_Disturb', end_time: '2026-12-03T17:20:00Z', remaining_time: 1109 });
});

test('another user’s DND shows status only', async () => {
  assert.equal((await f.put(f.old.id, { status: 'Do_Not_Disturb', duration: 20 })).statusCode, 204);
  assert.deepEqual((await f.get(f.old.id)).json(), { status: 'Do_Not_Disturb' });
  const own = await f.get('me', { token: await f.token({ user: f.old, scopes: ['user:read:presence_status'] }) });
  assert.equal(own.json().remaining_time, 1200);
});

test('outside DND there is no end_time or remaining_time', async () => {
  await f.put('me', { status: 'Busy' });
  assert.deepEqual((await f.get('me')).json(), { status: 'Busy' });
});

for (const [put, reported] of [
  ['In_A_Zoom_Meeting', 'In_A_Meeting'],
  ['On_A_Call', 'In_A_Call'],
  ['In_Calendar_Event', 'In_A_Calendar_Event'],
  ['Presenting', 'Presenting'],
  ['Out_of_Office', 'Out_of_Office'],
  ['Busy', 'Busy'],
  ['Away', 'Away'],
] as const) {
  test(`reports ${put} as ${reported}`, async () => {
    assert.equal((await f.put('me', { status: put })).statusCode, 204);
    assert.equal((await f.get('me')).json().status, reported);
  });
}

test('the documentedEnum switch reports the documented spelling (In_A_Zoom_Meeting stays In_A_Zoom_Meeting)', async () => {
  const g = await makeFixture({ documentedEnum: true, userUpdateWindowSec: 0 });
  try {
    for (const s of ['In_A_Zoom_Meeting', 'On_A_Call', 'In_Calendar_Event']) {
      assert.equal((await g.put('me', { status: s })).statusCode, 204);
      assert.equal((await g.get('me')).json().status, s);
    }
  } finally {
    await g.close();
  }
});
