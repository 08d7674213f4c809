// GET /v2/users/{userId}/presence_status: reported spellings, DND end_time/remaining_time for oneself only.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { fixtureServer, makeFixture, type Fixture, type FixtureServer } from '../support/fixture.js';

// One app per file; each test gets a fresh account and users on it.
let server: FixtureServer;
let f: Fixture;
before(async () => { server = await fixtureServer({ userUpdateWindowSec: 0 }); });
after(async () => { await server.close(); });
beforeEach(async () => { f = await server.next(); });

test('answers 200 {"status": ...} for a signed-in user', async () => {
  const res = await f.get(f.owner.id);
  assert.equal(res.statusCode, 200);
  assert.deepEqual(res.json(), { status: 'Available' });
});

test('a user with no signed-in client is Offline', async () => {
  assert.deepEqual((await f.get(f.offline.id)).json(), { status: 'Offline' });
});

test('asking about oneself in DND adds end_time (UTC, no milliseconds) and remaining_time (whole seconds)', async () => {
  // Set DND 250 ms past a whole second, so end_time must drop the milliseconds.
  f.clock.set(Math.ceil(f.clock.now() / 60_000) * 60_000 + 250);
  const end = new Date(f.clock.now() - 250 + 20 * 60_000).toISOString().replace('.000Z', 'Z');
  assert.match(end, /^\d{4}-\d\d-\d\dT\d\d:\d\d:00Z$/);
  assert.equal((await f.put('me', { status: 'Do_Not_Disturb', duration: 20 })).statusCode, 204);
  assert.deepEqual((await f.get('me')).json(), { status: 'Do_Not_Disturb', end_time: end, remaining_time: 1200 });
  await f.advance(90.5);
  assert.deepEqual((await f.get(f.owner.email)).json(), { status: 'Do_Not_Disturb', end_time: end, remaining_time: 1109 });
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
