// presence token and status: tokens that work, DND with its end time, and every failure as an exit code with the server message.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from './support/run-cli.js';
import { startTestServer, type TestServer } from './support/server.js';

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.close());

const presence = (args: string[], env: Record<string, string> = {}) => runCli(args, { env: { ...server.env, ...env } });

test('token prints a server-to-server access token that the Zoom-compatible API accepts', async () => {
  const r = await presence(['token']);
  assert.equal(r.code, 0, r.stderr);
  const token = r.stdout.trim();
  assert.match(token, /^[\w-]+\.[\w-]+\.[\w-]+$/);
  const res = await fetch(`${server.url}/v2/users/bob@example.com/presence_status`, { headers: { authorization: `Bearer ${token}` } });
  assert.equal(res.status, 200);
});

test('token --json gives the token with its type, lifetime and scopes', async () => {
  const r = await presence(['token', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const body = JSON.parse(r.stdout);
  assert.equal(body.token_type, 'bearer');
  assert.equal(body.expires_in, 3600);
  assert.match(body.scope, /presence:admin/);
});

test('token --user mints a token that acts as that user (me)', async () => {
  const r = await presence(['token', '--user', 'heidi@example.com', '--scopes', 'user:read:presence_status']);
  assert.equal(r.code, 0, r.stderr);
  const auth = { authorization: `Bearer ${r.stdout.trim()}` };
  const me = await fetch(`${server.url}/v2/users/me/presence_status`, { headers: auth });
  assert.equal(me.status, 200);
  // Read scope only, as asked: an update is refused.
  const put = await fetch(`${server.url}/v2/users/me/presence_status`, { method: 'PUT', headers: { ...auth, 'content-type': 'application/json' }, body: '{"status":"Away"}' });
  assert.equal(put.status, 400);
  assert.equal((await put.json()).code, 4711);
});

test('status set Do_Not_Disturb for 30 minutes, then get shows end_time and remaining_time', async () => {
  const set = await presence(['status', 'set', 'alice@example.com', 'Do_Not_Disturb', '--duration', '30']);
  assert.equal(set.code, 0, set.stderr);
  assert.match(set.stdout, /alice@example\.com is now Do_Not_Disturb for 30 minutes/);
  // alice owns the account, so the app's token asks about itself and sees its own end time.
  const get = await presence(['status', 'get', 'alice@example.com']);
  assert.equal(get.code, 0, get.stderr);
  assert.match(get.stdout, /^status\s+Do_Not_Disturb$/m);
  assert.match(get.stdout, /^end_time\s+2026-12-03T17:30:00Z$/m);
  assert.match(get.stdout, /^remaining_time\s+1800 s \(30m\)$/m);
});

test('status get --json prints the API body as is', async () => {
  const r = await presence(['status', 'get', 'u_alice', '--json']);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), { status: 'Do_Not_Disturb', end_time: '2026-12-03T17:30:00Z', remaining_time: 1800 });
});

test("another user's status shows the status only", async () => {
  const r = await presence(['status', 'get', 'bob@example.com']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'status  Available\n');
});

test('an unknown user exits 1 with the server code and message', async () => {
  const r = await presence(['status', 'get', 'nobody@example.com']);
  assert.equal(r.code, 1);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /User does not exist: nobody@example\.com\. \(HTTP 404, code 1001\)/);
});

test('a misspelt status exits 1 with the validation details, including the suggestion', async () => {
  const r = await presence(['status', 'set', 'bob@example.com', 'Availble']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /Validation Failed\. \(HTTP 400, code 300\)/);
  assert.match(r.stderr, /status: .*Did you mean Available\?/);
});

test('an out-of-range duration is reported by the server, not swallowed', async () => {
  const r = await presence(['status', 'set', 'bob@example.com', 'Do_Not_Disturb', '--duration', '1441']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /duration: /);
});

test('a signed-out user cannot be updated: 5301 and exit 1', async () => {
  const r = await presence(['status', 'set', 'carol@example.com', 'Away']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /Request to update the presence status of this user failed\. \(HTTP 400, code 5301\)/);
});

test('errors with --json are one JSON object on stderr', async () => {
  const r = await presence(['status', 'get', 'nobody@example.com', '--json']);
  assert.equal(r.code, 1);
  assert.equal(r.stdout, '');
  const { error } = JSON.parse(r.stderr);
  assert.equal(error.status, 404);
  assert.equal(error.code, 1001);
  assert.equal(error.message, 'User does not exist: nobody@example.com.');
});

test('a second update within the minute exits 1 with the 429 and when to retry', async () => {
  assert.equal((await presence(['status', 'set', 'dan@example.com', 'Away'])).code, 0);
  const r = await presence(['status', 'set', 'dan@example.com', 'Available']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /Too many requests .* \(HTTP 429, code 429\)/);
  assert.match(r.stderr, /retry after: 60/);
});

test('wrong app credentials exit 1 with the OAuth reason and never print the secret', async () => {
  const secret = 'a-wrong-secret-that-must-stay-hidden';
  const r = await presence(['status', 'get', 'bob@example.com'], { PRESENCE_CLIENT_SECRET: secret });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /Invalid client_id or client_secret \(HTTP 401, code invalid_client\)/);
  assert.ok(!r.stderr.includes(secret) && !r.stdout.includes(secret));
});

test('a server that is not there exits 3 and says so', async () => {
  const closed = await startTestServer();
  const url = closed.url;
  await closed.close();
  const r = await presence(['status', 'get', 'bob@example.com'], { PRESENCE_URL: url });
  assert.equal(r.code, 3);
  assert.match(r.stderr, new RegExp(`cannot reach ${url.replace(/[.]/g, '\\.')} \\(ECONNREFUSED\\)`));
});

test('with nothing but the admin key, status acts as the user named', async () => {
  const env = { PRESENCE_ACCOUNT_ID: '', PRESENCE_CLIENT_ID: '', PRESENCE_CLIENT_SECRET: '' };
  const set = await presence(['status', 'set', 'erin@example.com', 'Do_Not_Disturb', '--duration', '10'], env);
  assert.equal(set.code, 0, set.stderr);
  const get = await presence(['status', 'get', 'erin@example.com', '--json'], env);
  assert.equal(get.code, 0, get.stderr);
  assert.deepEqual(JSON.parse(get.stdout), { status: 'Do_Not_Disturb', end_time: '2026-12-03T17:10:00Z', remaining_time: 600 });
});
