// Reading and setting presence through the SDK against a real Presence server.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { type PresenceClient, type SettableStatusInput } from '../../src/index.js';
import { countingFetch, startRealServer, type RealServer } from '../support/real-server.js';

let srv: RealServer;
let admin: PresenceClient;
before(async () => {
  srv = await startRealServer();
  admin = srv.client({ app: 'acme-admin' });
});
after(() => srv.close());

/** Past the one-update-a-minute window of every user. */
const nextWindow = () => srv.advance(60);

const statusOf = async (client: PresenceClient, userId: string) => {
  const { status } = await client.getPresenceStatus(userId);
  assert.equal(status.kind, 'known', `unexpected raw status ${status.raw}`);
  return status.kind === 'known' ? status.status : undefined;
};

test('DND for 30 minutes set on me reads back with endTime and remainingTime 1800', async () => {
  const f = countingFetch();
  const client = srv.client({ fetch: f });
  await client.updatePresenceStatus('me', { status: 'Do_Not_Disturb', duration: 30 });
  const setAt = srv.now();
  const reading = await client.getPresenceStatus('me');
  assert.deepEqual(reading.status, { kind: 'known', status: 'Do_Not_Disturb', raw: 'Do_Not_Disturb' });
  assert.ok(reading.endTime instanceof Date);
  assert.equal(reading.endTime.getTime(), setAt + 30 * 60_000);
  assert.equal(reading.remainingTime, 1800);
  assert.deepEqual(reading.raw, { status: 'Do_Not_Disturb', end_time: '2026-12-03T17:30:00Z', remaining_time: 1800 });
  // One PUT, no retry; for a server-to-server token 'me' is the account owner, jane.
  assert.equal(f.count('PUT', '/v2/users/me/presence_status'), 1);
  assert.equal(await statusOf(admin, 'jane'), 'Do_Not_Disturb');

  await srv.advance(600);
  assert.equal((await client.getPresenceStatus('me')).remainingTime, 1200);
  await srv.advance(1200);
  const after = await client.getPresenceStatus('me');
  assert.deepEqual(after.status, { kind: 'known', status: 'Available', raw: 'Available' }, 'DND ends where it started');
  assert.equal(after.endTime, undefined);
  assert.equal(after.remainingTime, undefined);
});

test('Do_No_Disturb is accepted as Do_Not_Disturb, with the default 20 minutes', async () => {
  await nextWindow();
  const bob = srv.client({ auth: { type: 'static', accessToken: await srv.userToken('bob') } });
  await bob.updatePresenceStatus('me', { status: 'Do_No_Disturb' });
  const reading = await bob.getPresenceStatus('me');
  assert.equal(reading.status.kind === 'known' && reading.status.status, 'Do_Not_Disturb');
  assert.equal(reading.remainingTime, 20 * 60);
});

test("another user's DND shows the status only", async () => {
  const reading = await admin.getPresenceStatus('bob@acme.example');
  assert.deepEqual(reading.raw, { status: 'Do_Not_Disturb' });
  assert.equal(reading.endTime, undefined);
  assert.equal(reading.remainingTime, undefined);
});

const REPORTED: Array<[SettableStatusInput, string]> = [
  ['In_A_Zoom_Meeting', 'In_A_Meeting'],
  ['On_A_Call', 'In_A_Call'],
  ['In_Calendar_Event', 'In_A_Calendar_Event'],
  ['Out_of_Office', 'Out_of_Office'],
];

for (const [set, reported] of REPORTED) {
  test(`${set} set reads back as ${reported}`, async () => {
    await nextWindow();
    await admin.updatePresenceStatus('bob', { status: set });
    const reading = await admin.getPresenceStatus('bob');
    assert.deepEqual(reading.status, { kind: 'known', status: reported, raw: reported });
  });
}

test('the user id, the email in any case, and me name the same user', async () => {
  await nextWindow();
  await admin.updatePresenceStatus('BOB@Acme.Example', { status: 'Presenting' });
  assert.equal(await statusOf(admin, 'bob'), 'Presenting');
  assert.equal(await statusOf(admin, 'bob@acme.example'), 'Presenting');
  const bob = srv.client({ auth: { type: 'static', accessToken: await srv.userToken('bob@acme.example') } });
  assert.equal(await statusOf(bob, 'me'), 'Presenting');
  assert.equal(await statusOf(bob, 'bob'), 'Presenting');
});

test('a user with no signed-in client reads Offline', async () => {
  assert.equal(await statusOf(admin, 'dave'), 'Offline');
});

test("a server reporting Zoom's documented enum is normalised to the same statuses", async () => {
  const documented = await startRealServer({ config: { documentedEnum: true } });
  try {
    const client = documented.client({ app: 'acme-admin' });
    await client.updatePresenceStatus('bob', { status: 'In_A_Zoom_Meeting' });
    const reading = await client.getPresenceStatus('bob');
    assert.deepEqual(reading.raw, { status: 'In_A_Zoom_Meeting' });
    assert.deepEqual(reading.status, { kind: 'known', status: 'In_A_Meeting', raw: 'In_A_Zoom_Meeting' });
  } finally {
    await documented.close();
  }
});
