// End to end: a real server on SQLite, driven with curl exactly as Zoom documents it, then restarted on the same data.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../../src/server.js';
import { loadConfig } from '../../src/config.js';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'presence-e2e-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const start = () => startServer(loadConfig({}, [], { host: '127.0.0.1', port: 0, store: 'sqlite', dataDir: dir, logLevel: 'silent', demo: true }));

/** curl with the status code appended on its own line. */
async function curl(args: string[]): Promise<{ status: number; body: string }> {
  const { stdout } = await run('curl', ['-sS', '--max-time', '10', '-w', '\n%{http_code}', ...args]);
  const i = stdout.lastIndexOf('\n');
  return { status: Number(stdout.slice(i + 1)), body: stdout.slice(0, i) };
}

async function tokenFor(server: RunningServer): Promise<string> {
  const d = server.demo!;
  const r = await curl(['-X', 'POST', '-u', `${d.client_id}:${d.client_secret}`, `${server.url}/oauth/token?grant_type=account_credentials&account_id=${d.account_id}`]);
  assert.equal(r.status, 200, r.body);
  const body = JSON.parse(r.body);
  assert.equal(body.token_type, 'bearer');
  return body.access_token;
}

test('Zoom’s documented curl example answers 204 and the state, secrets and demo survive a restart', async () => {
  let server = await start();
  let first;
  let token: string;
  try {
    assert.ok(server.demo, 'a new database gets the demo account');
    first = structuredClone(server.demo);
    const [alice, bob] = first.users;
    token = await tokenFor(server);

    const put = await curl([
      '-X', 'PUT', '-H', `Authorization: Bearer ${token}`, '-H', 'Content-Type: multipart/form-data',
      '--form', 'status=Available', '--form', 'duration=20', `${server.url}/v2/users/${alice!.id}/presence_status`,
    ]);
    assert.equal(put.status, 204, put.body);
    assert.equal(put.body, '');

    const dnd = await curl([
      '-X', 'PUT', '-H', `Authorization: Bearer ${token}`, '-H', 'Content-Type: application/json',
      '-d', '{"status":"Do_Not_Disturb","duration":30}', `${server.url}/v2/users/${bob!.email}/presence_status`,
    ]);
    assert.equal(dnd.status, 204, dnd.body);

    const again = await curl(['-X', 'PUT', '-H', `Authorization: Bearer ${token}`, '--form', 'status=Away', `${server.url}/v2/users/${alice!.id}/presence_status`]);
    assert.equal(again.status, 429, 'the per-user window applies over real HTTP too');

    const get = await curl(['-H', `Authorization: Bearer ${token}`, `${server.url}/v2/users/${alice!.id}/presence_status`]);
    assert.deepEqual([get.status, JSON.parse(get.body)], [200, { status: 'Available' }]);
  } finally {
    await server.close();
  }

  server = await start();
  try {
    assert.deepEqual(server.demo, first, 'the demo credentials are the same after the restart');
    assert.equal(server.deps.freshStore, false);
    const accounts = await server.deps.store.listAccounts();
    assert.deepEqual(accounts.map((a) => a.id), [first.account_id], 'the demo was not created a second time');
    assert.equal((await server.deps.store.listUsers(first.account_id)).length, 3);

    // The token issued before the restart is still valid: the signing key was kept in the data directory.
    const [alice, bob, carol] = first.users;
    const read = async (ref: string) => JSON.parse((await curl(['-H', `Authorization: Bearer ${token!}`, `${server.url}/v2/users/${ref}/presence_status`])).body);
    assert.equal((await read(bob!.id)).status, 'Do_Not_Disturb');
    assert.equal((await read(alice!.email)).status, 'Available');
    assert.equal((await read(carol!.id)).status, 'Offline');

    // The per-user window survived too (it is part of the stored state).
    const limited = await curl(['-X', 'PUT', '-H', `Authorization: Bearer ${token!}`, '--form', 'status=Away', `${server.url}/v2/users/${alice!.id}/presence_status`]);
    assert.equal(limited.status, 429, limited.body);

    // The demo credentials still get tokens.
    assert.ok((await tokenFor(server)).split('.').length === 3);
  } finally {
    await server.close();
  }
});
