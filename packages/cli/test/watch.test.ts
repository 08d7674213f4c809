// presence watch: a line per change, JSON lines, admin-key streaming, and resuming after a server restart.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli, startCli, Tail } from './support/run-cli.js';
import { createPresenceClient, presenceServerUrls } from '@presence/sdk';
import { ACCOUNT_ID, CLIENT_ID, CLIENT_SECRET, startTestServer, type TestServer } from './support/server.js';

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.close());

/** Whether the JSON lines hold a change (not just a snapshot entry) for this user. */
const changed = (out: string, email: string) =>
  // The last piece may be a line still arriving; only whole lines count.
  out.split('\n').slice(0, -1).some((l) => l.startsWith('{"type":"presence"') && (JSON.parse(l) as { email: string }).email === email);

const presence = (args: string[], env: Record<string, string> = {}) => runCli(args, { env: { ...server.env, ...env } });

test('watch prints one line per change and stops cleanly on Ctrl-C', async () => {
  const tail = new Tail(startCli(['watch'], { env: server.env }));
  await tail.waitFor((_, err) => err.includes('Watching'));
  assert.equal((await presence(['status', 'set', 'grace@example.com', 'Do_Not_Disturb', '--duration', '15'])).code, 0);
  await tail.waitFor((out) => out.includes('grace@example.com'));
  assert.deepEqual(tail.lines(), ['17:00:00  grace@example.com  Available → Do_Not_Disturb  (update)']);
  tail.child.kill('SIGINT');
  assert.equal(await tail.exited, 0);
});

test('watch --json prints one JSON object per line, the snapshot first', async () => {
  const tail = new Tail(startCli(['watch', '--json'], { env: server.env }));
  await tail.waitFor((out) => out.includes('"snapshot"'));
  assert.equal((await presence(['status', 'set', 'ivan@example.com', 'Busy'])).code, 0);
  await tail.waitFor((out) => changed(out, 'ivan@example.com'));
  const [snapshot, change] = tail.lines().map((l) => JSON.parse(l));
  assert.equal(snapshot.type, 'snapshot');
  assert.ok(snapshot.users.some((u: { email: string; status: string }) => u.email === 'ivan@example.com' && u.status === 'Available'));
  assert.deepEqual(
    { type: change.type, email: change.email, status: change.status, previous_status: change.previous_status, cause: change.cause },
    { type: 'presence', email: 'ivan@example.com', status: 'Busy', previous_status: 'Available', cause: 'update' },
  );
  tail.child.kill('SIGTERM');
  assert.equal(await tail.exited, 0);
});

test('watch with only the admin key streams the account it names', async () => {
  const env = { ...server.env, PRESENCE_CLIENT_ID: '', PRESENCE_CLIENT_SECRET: '' };
  const tail = new Tail(startCli(['watch', '--json'], { env }));
  await tail.waitFor((out) => out.includes('"snapshot"'));
  assert.equal((await presence(['status', 'set', 'judy@example.com', 'Away'])).code, 0);
  await tail.waitFor((out) => changed(out, 'judy@example.com'));
  tail.child.kill('SIGINT');
  assert.equal(await tail.exited, 0);
});

test('watch resumes after the server restarts, with the change it missed and no second snapshot', async () => {
  // The first server tells clients to wait 1.5 s before reconnecting; the missed change happens meanwhile.
  const first = await startTestServer({ streamRetryMs: 1500 });
  const port = Number(new URL(first.url).port);
  const tail = new Tail(startCli(['watch', '--json'], { env: first.env }));
  let second: TestServer | undefined;
  try {
    await tail.waitFor((out) => out.includes('"snapshot"'));
    assert.equal((await runCli(['status', 'set', 'mallory@example.com', 'Away'], { env: first.env })).code, 0);
    await tail.waitFor((out) => changed(out, 'mallory@example.com'));
    await first.close();
    second = await startTestServer({ port, streamRetryMs: 1500 }, { store: first.store, clock: first.clock });
    // In-process, so the change surely lands while the CLI is still waiting to reconnect.
    const client = createPresenceClient({ ...presenceServerUrls(second.url), auth: { type: 'server-to-server', accountId: ACCOUNT_ID, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET } });
    await client.updatePresenceStatus('oscar@example.com', { status: 'Busy' });
    await tail.waitFor((out) => changed(out, 'oscar@example.com'));
    const lines = tail.lines().map((l) => JSON.parse(l));
    assert.deepEqual(lines.map((l) => l.type), ['snapshot', 'presence', 'presence']);
    assert.deepEqual(lines.slice(1).map((l) => [l.email, l.status]), [['mallory@example.com', 'Away'], ['oscar@example.com', 'Busy']]);
    assert.ok(Number(lines[2].id) > Number(lines[1].id));
  } finally {
    tail.child.kill('SIGINT');
    await tail.exited;
    await second?.close();
  }
});

test('watch with a token the server refuses exits 1 at once', async () => {
  const r = await presence(['watch', '--token', 'not.a.token']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /Invalid access token\. \(HTTP 401, code 124\)/);
});
