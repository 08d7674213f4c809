// Where credentials come from: flags over environment over profile, private profile files, and ./data next to a local server.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { emptyDir, runCli } from './support/run-cli.js';
import { ACCOUNT_ID, ADMIN_KEY, CLIENT_ID, CLIENT_SECRET, startTestServer, type TestServer } from './support/server.js';

let server: TestServer;
let deadUrl: string;
before(async () => {
  server = await startTestServer();
  const gone = await startTestServer();
  deadUrl = gone.url;
  await gone.close();
});
after(() => server.close());

function writeProfile(home: string, profiles: Record<string, Record<string, string>>): string {
  const dir = join(home, '.config', 'presence');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'profiles.json'), JSON.stringify({ profiles }));
  return join(dir, 'profiles.json');
}

const good = () => ({ url: server.url, account_id: ACCOUNT_ID, client_id: CLIENT_ID, client_secret: CLIENT_SECRET });

test('the default profile is used when nothing else is given', async () => {
  const home = emptyDir();
  writeProfile(home, { default: good() });
  const r = await runCli(['status', 'get', 'bob@example.com'], { home });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'status  Available\n');
});

test('environment variables win over the profile, and flags win over both', async () => {
  const home = emptyDir();
  writeProfile(home, { default: good() });
  const envWins = await runCli(['status', 'get', 'bob@example.com'], { home, env: { PRESENCE_URL: deadUrl } });
  assert.equal(envWins.code, 3, envWins.stderr);
  const flagWins = await runCli(['status', 'get', 'bob@example.com', '--url', server.url], { home, env: { PRESENCE_URL: deadUrl } });
  assert.equal(flagWins.code, 0, flagWins.stderr);
  const badFlag = await runCli(['status', 'get', 'bob@example.com', '--client-secret', 'wrong-wrong-wrong-wrong'], { home, env: { PRESENCE_CLIENT_SECRET: CLIENT_SECRET } });
  assert.equal(badFlag.code, 1);
  assert.match(badFlag.stderr, /invalid_client/);
});

test('config shows where each setting comes from, never a secret', async () => {
  const home = emptyDir();
  writeProfile(home, { default: { ...good(), url: 'http://127.0.0.1:1', admin_key: 'profile-admin-key-123456' } });
  const r = await runCli(['config', '--json', '--account-id', 'from-flag'], { home, env: { PRESENCE_URL: server.url, PRESENCE_CLIENT_ID: 'from-env' } });
  assert.equal(r.code, 0, r.stderr);
  const rows = Object.fromEntries(JSON.parse(r.stdout).map((x: { setting: string }) => [x.setting, x]));
  assert.deepEqual(rows.url, { setting: 'url', value: server.url, source: 'PRESENCE_URL' });
  assert.deepEqual(rows['account-id'], { setting: 'account-id', value: 'from-flag', source: '--account-id' });
  assert.deepEqual(rows['client-id'], { setting: 'client-id', value: 'from-env', source: 'PRESENCE_CLIENT_ID' });
  assert.deepEqual(rows['client-secret'], { setting: 'client-secret', value: '(set)', source: "profile 'default'" });
  assert.deepEqual(rows['admin-key'], { setting: 'admin-key', value: '(set)', source: "profile 'default'" });
  assert.ok(!r.stdout.includes(CLIENT_SECRET) && !r.stdout.includes('profile-admin-key-123456'));
});

test('profile set writes a private file, merges into an existing profile, and --profile picks it', async () => {
  const home = emptyDir();
  const first = await runCli(['profile', 'set', 'local', '--url', server.url, '--account-id', ACCOUNT_ID], { home });
  assert.equal(first.code, 0, first.stderr);
  const second = await runCli(['profile', 'set', 'local', '--client-id', CLIENT_ID, '--client-secret', CLIENT_SECRET], { home });
  assert.equal(second.code, 0, second.stderr);
  assert.ok(!second.stdout.includes(CLIENT_SECRET));

  const path = join(home, '.config', 'presence', 'profiles.json');
  assert.equal(statSync(path).mode & 0o777, 0o600);
  assert.deepEqual(JSON.parse(readFileSync(path, 'utf8')).profiles.local, good());

  const used = await runCli(['status', 'get', 'bob@example.com', '--profile', 'local'], { home });
  assert.equal(used.code, 0, used.stderr);
  const byEnv = await runCli(['status', 'get', 'bob@example.com'], { home, env: { PRESENCE_PROFILE: 'local' } });
  assert.equal(byEnv.code, 0, byEnv.stderr);

  const list = await runCli(['profile', 'list'], { home });
  assert.equal(list.code, 0, list.stderr);
  assert.match(list.stdout, /^local\s+http:\/\/127\.0\.0\.1:\d+\s+acct_cli\s+cli_test_app\s+client_secret$/m);
  assert.ok(!list.stdout.includes(CLIENT_SECRET));
});

test('a profile file that is group- or world-readable is tightened to 0600 on the next write', async () => {
  const home = emptyDir();
  const path = writeProfile(home, { old: { url: server.url } });
  const { chmodSync } = await import('node:fs');
  chmodSync(path, 0o644);
  assert.equal((await runCli(['profile', 'set', 'old', '--token', 'a.b.c'], { home })).code, 0);
  assert.equal(statSync(path).mode & 0o777, 0o600);
});

test('naming a profile that does not exist is a usage error', async () => {
  const r = await runCli(['status', 'get', 'bob@example.com', '--profile', 'nope'], { env: { PRESENCE_URL: server.url } });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /No profile 'nope' in .*profiles\.json/);
});

test('profile remove deletes it', async () => {
  const home = emptyDir();
  writeProfile(home, { a: { url: server.url }, b: { url: server.url } });
  assert.equal((await runCli(['profile', 'remove', 'a'], { home })).code, 0);
  const list = await runCli(['profile', 'list', '--json'], { home });
  assert.deepEqual(JSON.parse(list.stdout).profiles.map((p: { name: string }) => p.name), ['b']);
});

function dataDir(root: string): void {
  mkdirSync(join(root, 'data'));
  writeFileSync(join(root, 'data', 'demo.json'), JSON.stringify({ account_id: ACCOUNT_ID, client_id: CLIENT_ID, client_secret: CLIENT_SECRET, users: [] }));
  writeFileSync(join(root, 'data', 'admin-key'), `${ADMIN_KEY}\n`);
}

test("next to a local server's ./data, commands work with no setup", async () => {
  const cwd = emptyDir();
  dataDir(cwd);
  const env = { PRESENCE_URL: server.url };
  const get = await runCli(['status', 'get', 'bob@example.com'], { cwd, env });
  assert.equal(get.code, 0, get.stderr);
  // The admin key from ./data/admin-key serves the extension API.
  const accounts = await runCli(['accounts', 'list', '--json'], { cwd, env });
  assert.equal(accounts.code, 0, accounts.stderr);
  assert.ok(JSON.parse(accounts.stdout).some((a: { id: string }) => a.id === ACCOUNT_ID));
});

test('PRESENCE_DATA_DIR points at the data directory, as it does for the server', async () => {
  const root = emptyDir();
  dataDir(root);
  const r = await runCli(['status', 'get', 'bob@example.com'], { cwd: emptyDir(), env: { PRESENCE_URL: server.url, PRESENCE_DATA_DIR: join(root, 'data') } });
  assert.equal(r.code, 0, r.stderr);
});

test('local demo credentials are never sent to a server that is not on this machine', async () => {
  const cwd = emptyDir();
  dataDir(cwd);
  const r = await runCli(['config', '--json'], { cwd, env: { PRESENCE_URL: 'https://presence.example.com' } });
  const rows = JSON.parse(r.stdout) as { setting: string; value: string | null }[];
  for (const s of ['account-id', 'client-id', 'client-secret', 'admin-key']) assert.equal(rows.find((x) => x.setting === s)!.value, null, s);
});

test('without any credentials, the message says how to give them', async () => {
  const r = await runCli(['status', 'get', 'bob@example.com'], { env: { PRESENCE_URL: server.url } });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /No credentials\. Pass --client-id, --client-secret and --account-id/);
});
