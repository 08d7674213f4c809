// Admin commands end to end: sessions move a user between Offline and Available, the clock expires DND, users and accounts.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from './support/run-cli.js';
import { createPresenceClient, presenceServerUrls } from '@presence/sdk';
import { ACCOUNT_ID, CLIENT_ID, CLIENT_SECRET, startTestServer, type TestServer } from './support/server.js';

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.close());

const presence = (args: string[], env: Record<string, string> = {}) => runCli(args, { env: { ...server.env, ...env } });

/** Checked in-process: what is under test here is the command that changed it. */
async function statusOf(user: string): Promise<unknown> {
  const client = createPresenceClient({ ...presenceServerUrls(server.url), auth: { type: 'server-to-server', accountId: ACCOUNT_ID, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET } });
  return (await client.getPresenceStatus(user)).raw;
}

test('sessions start signs a user in (Available) and sessions end signs them out (Offline)', async () => {
  assert.deepEqual(await statusOf('olga@example.com'), { status: 'Offline' });
  const start = await presence(['sessions', 'start', 'olga@example.com', '--client-version', '6.3.0', '--json']);
  assert.equal(start.code, 0, start.stderr);
  const session = JSON.parse(start.stdout);
  assert.equal(session.client_type, 'desktop');
  assert.equal(session.client_version, '6.3.0');
  assert.deepEqual(await statusOf('olga@example.com'), { status: 'Available' });

  const list = await presence(['sessions', 'list', 'olga@example.com']);
  assert.equal(list.code, 0, list.stderr);
  assert.match(list.stdout, new RegExp(`^${session.id}\\s+desktop\\s+6\\.3\\.0\\s`, 'm'));

  const beat = await presence(['sessions', 'heartbeat', session.id]);
  assert.equal(beat.code, 0, beat.stderr);
  const end = await presence(['sessions', 'end', session.id]);
  assert.equal(end.code, 0, end.stderr);
  assert.match(end.stdout, /Ended session/);
  assert.deepEqual(await statusOf('olga@example.com'), { status: 'Offline' });
});

test('ending a session that does not exist exits 1 with the server message', async () => {
  const r = await presence(['sessions', 'end', 'no-such-session']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /Session does not exist: no-such-session\. \(HTTP 404, code 9001\)/);
});

test('sessions start refuses a client type the server does not know, before sending anything', async () => {
  const r = await presence(['sessions', 'start', 'olga@example.com', '--client-version', '6.3.0', '--client-type', 'watch']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--client-type must be one of desktop, mobile, pad, pzr/);
});

test('clock shows the manual clock', async () => {
  const r = await presence(['clock', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const c = JSON.parse(r.stdout);
  assert.equal(c.mode, 'manual');
  assert.equal(c.epoch_ms, server.clock.now());
});

test('clock advance expires a Do-Not-Disturb: the status returns to what it was', async () => {
  assert.equal((await presence(['status', 'set', 'frank@example.com', 'Away'])).code, 0);
  assert.equal((await presence(['clock', 'advance', '61'])).code, 0);
  assert.equal((await presence(['status', 'set', 'frank@example.com', 'Do_Not_Disturb', '--duration', '5'])).code, 0);
  assert.equal(((await statusOf('frank@example.com')) as { status: string }).status, 'Do_Not_Disturb');

  const r = await presence(['clock', 'advance', '5m', '--json']);
  assert.equal(r.code, 0, r.stderr);
  assert.ok(JSON.parse(r.stdout).dnd_expired >= 1);
  assert.deepEqual(await statusOf('frank@example.com'), { status: 'Away' });
});

test('clock --to moves to a given time and refuses to go back', async () => {
  const target = new Date(server.clock.now() + 3_600_000).toISOString();
  const r = await presence(['clock', '--to', target]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(server.clock.now(), Date.parse(target));
  const back = await presence(['clock', 'advance', '--to', '2020-01-01T00:00:00Z']);
  assert.equal(back.code, 1);
  assert.match(back.stderr, /to: The clock never moves backwards/);
});

test('users add, list and remove', async () => {
  const add = await presence(['users', 'add', 'new.user@example.com', '--first-name', 'New', '--json']);
  assert.equal(add.code, 0, add.stderr);
  const user = JSON.parse(add.stdout);
  assert.equal(user.email, 'new.user@example.com');
  assert.equal(user.account_id, ACCOUNT_ID);

  const list = await presence(['users', 'list']);
  assert.equal(list.code, 0, list.stderr);
  assert.match(list.stdout, /^EMAIL\s+ID\s+ROLE\s+STATUS/);
  assert.match(list.stdout, new RegExp(`^new\\.user@example\\.com\\s+${user.id}\\s+member\\s+Offline`, 'm'));

  const dup = await presence(['users', 'add', 'new.user@example.com']);
  assert.equal(dup.code, 1);
  assert.match(dup.stderr, /already in use/);

  assert.equal((await presence(['users', 'remove', 'new.user@example.com'])).code, 0);
  const json = await presence(['users', 'list', '--json']);
  assert.ok(!JSON.parse(json.stdout).some((u: { email: string }) => u.email === 'new.user@example.com'));
});

test('users list needs an account', async () => {
  const r = await presence(['users', 'list'], { PRESENCE_ACCOUNT_ID: '' });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /needs an account: pass --account-id/);
});

test('accounts list shows the seeded account', async () => {
  const r = await presence(['accounts', 'list']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, new RegExp(`^${ACCOUNT_ID}\\s+CLI tests\\s+business$`, 'm'));
});

test('an app token sees only its own account; the admin key sees them all', async () => {
  const other = await presence(['users', 'list', '--account-id', 'someone-else']);
  assert.equal(other.code, 1);
  assert.match(other.stderr, /Account does not exist: someone-else\. \(HTTP 404, code 2001\)/);
  const withApp = await presence(['accounts', 'list', '--json'], { PRESENCE_ADMIN_KEY: '' });
  assert.deepEqual(JSON.parse(withApp.stdout).map((a: { id: string }) => a.id), [ACCOUNT_ID]);
});
