// The declarative seed file loaded at start-up: valid files create what they list, invalid ones fail with a clear error.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../src/server.js';
import { SeedError } from '../src/seed.js';
import { testConfig } from './support/fixture.js';

const dir = mkdtempSync(join(tmpdir(), 'presence-seed-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const seedFile = (content: unknown) => {
  const p = join(dir, `seed${++n}.json`);
  writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content));
  return p;
};

/** Start-up must fail with a SeedError matching `where`; a server that starts anyway is closed so the test cannot hang. */
async function expectSeedError(config: Parameters<typeof startServer>[0], where: RegExp) {
  let started: Awaited<ReturnType<typeof startServer>> | undefined;
  try {
    started = await startServer(config);
  } catch (e) {
    assert.ok(e instanceof SeedError, `${(e as Error).constructor.name}: ${(e as Error).message}`);
    assert.match(e.message, where);
    return;
  }
  await started.close();
  assert.fail('start-up succeeded');
}

const VALID = {
  accounts: [{
    id: 'acme', name: 'Acme', plan: 'free',
    users: [
      { id: 'ann', email: 'Ann@Acme.example', role: 'owner', sessions: [{ client_type: 'desktop', client_version: '6.2.0' }] },
      { email: 'ben@acme.example', sessions: [{ client_type: 'mobile', client_version: '5.2.1' }] },
      { email: 'cy@acme.example' },
    ],
    apps: [{ client_id: 'acme-app', client_secret: 'acme-secret-0123456789', scopes: ['user:read:presence_status:admin', 'user:update:presence_status:admin'] }],
  }],
};

test('a valid seed file creates its accounts, users, signed-in sessions and apps', async () => {
  const server = await startServer(testConfig({ seedFile: seedFile(VALID), freePerSecond: 100 }));
  try {
    const { app } = server;
    const tok = await app.inject({
      method: 'POST', url: '/oauth/token?grant_type=account_credentials&account_id=acme',
      headers: { authorization: `Basic ${Buffer.from('acme-app:acme-secret-0123456789').toString('base64')}` },
    });
    assert.equal(tok.statusCode, 200, tok.body);
    const headers = { authorization: `Bearer ${tok.json().access_token}` };
    const status = async (ref: string) => (await app.inject({ method: 'GET', url: `/v2/users/${ref}/presence_status`, headers })).json();
    assert.deepEqual(await status('me'), { status: 'Available' });
    assert.deepEqual(await status('ann'), { status: 'Available' });
    assert.deepEqual(await status('ben@acme.example'), { status: 'Available' });
    assert.deepEqual(await status('cy@acme.example'), { status: 'Offline' });
    // ben's seeded 5.2 client restricts him.
    const put = await app.inject({ method: 'PUT', url: '/v2/users/ben@acme.example/presence_status', headers: { ...headers, 'content-type': 'application/json' }, payload: { status: 'Away' } });
    assert.equal(put.json().code, 5301);
    assert.equal((await server.deps.store.getAccount('acme'))?.plan, 'free');
  } finally {
    await server.close();
  }
});

for (const [label, content, where] of [
  ['not JSON', '{"accounts": [', /not valid JSON/],
  ['no accounts array', { users: [] }, /\$: must be an object with an "accounts" array/],
  ['a bad account id', { accounts: [{ id: 'has space', name: 'x' }] }, /accounts\[0\]\.id/],
  ['a bad plan', { accounts: [{ id: 'a', name: 'x', plan: 'gold' }] }, /accounts\[0\]\.plan: must be free, pro or business/],
  ['a bad email', { accounts: [{ id: 'a', name: 'x', users: [{ email: 'nope' }] }] }, /accounts\[0\]\.users\[0\]\.email/],
  ['a bad client version', { accounts: [{ id: 'a', name: 'x', users: [{ email: 'a@b.c', sessions: [{ client_type: 'desktop', client_version: 'new' }] }] }] }, /users\[0\]\.sessions\[0\]\.client_version/],
  ['an unknown scope', { accounts: [{ id: 'a', name: 'x', apps: [{ client_id: 'c', client_secret: '0123456789abcdef', scopes: ['everything'] }] }] }, /apps\[0\]\.scopes: must list known scopes/],
  ['a short client secret', { accounts: [{ id: 'a', name: 'x', apps: [{ client_id: 'c', client_secret: 'short', scopes: [] }] }] }, /apps\[0\]\.client_secret: must be at least 16 characters/],
  ['a null account', { accounts: [null] }, /accounts\[0\]: must be an object/],
  ['a user id "Me"', { accounts: [{ id: 'a', name: 'x', users: [{ id: 'Me', email: 'a@b.c' }] }] }, /accounts\[0\]\.users\[0\]\.id: cannot be "me"/],
] as const) {
  test(`an invalid seed file (${label}) stops start-up with a SeedError naming the place`, async () => {
    await expectSeedError(testConfig({ seedFile: seedFile(content) }), where);
  });
}

for (const [label, accounts, where] of [
  ['an email used twice (in another case)', [{ id: 'a', name: 'A', users: [{ email: 'Sam@x.example' }] }, { id: 'b', name: 'B', users: [{ email: 'sam@X.example' }] }], /accounts\[1\]\.users\[0\]\.email: sam@x\.example is also accounts\[0\]\.users\[0\]/],
  ['a user id used twice', [{ id: 'a', name: 'A', users: [{ id: 'u1', email: 'p@x.example' }, { id: 'u1', email: 'q@x.example' }] }], /accounts\[0\]\.users\[1\]\.id: u1 is also accounts\[0\]\.users\[0\]/],
  ['an account id used twice', [{ id: 'a', name: 'A' }, { id: 'a', name: 'B' }], /accounts\[1\]\.id: a is also accounts\[0\]/],
  ['a client id used twice', [{ id: 'a', name: 'A', apps: [{ client_id: 'c', client_secret: '0123456789abcdef', scopes: [] }] }, { id: 'b', name: 'B', apps: [{ client_id: 'c', client_secret: '0123456789abcdef', scopes: [] }] }], /accounts\[1\]\.apps\[0\]\.client_id: c is also accounts\[0\]\.apps\[0\]/],
] as const) {
  test(`a seed file with ${label} stops start-up with a SeedError naming both places`, async () => {
    await expectSeedError(testConfig({ seedFile: seedFile({ accounts }) }), where);
  });
}

test('a seed user whose email or id already belongs to another account stops start-up with a SeedError', async () => {
  const dir2 = mkdtempSync(join(tmpdir(), 'presence-seed-db-'));
  try {
    const first = await startServer(testConfig({ store: 'sqlite', dataDir: dir2, seedFile: seedFile(VALID) }));
    await first.close();
    for (const user of [{ email: 'ann@acme.example' }, { id: 'ann', email: 'someone@else.example' }]) {
      const other = { accounts: [{ id: 'other', name: 'Other', users: [user] }] };
      await expectSeedError(testConfig({ store: 'sqlite', dataDir: dir2, seedFile: seedFile(other) }), /accounts\[0\]\.users\[0\]: .* belongs to account acme/);
    }
  } finally {
    rmSync(dir2, { recursive: true, force: true });
  }
});

test('loading the same seed file again on the same database creates nothing twice', async () => {
  const dir2 = mkdtempSync(join(tmpdir(), 'presence-seed-db-'));
  try {
    const path = seedFile(VALID);
    for (let i = 0; i < 2; i++) {
      const s = await startServer(testConfig({ store: 'sqlite', dataDir: dir2, seedFile: path }));
      try {
        assert.equal((await s.deps.store.listUsers('acme')).length, 3);
        assert.equal((await s.deps.store.listSessions('ann')).length, 1);
        assert.equal((await s.deps.store.listApps('acme')).length, 1);
      } finally {
        await s.close();
      }
    }
  } finally {
    rmSync(dir2, { recursive: true, force: true });
  }
});

test('a missing seed file stops start-up with a SeedError naming the path', async () => {
  const path = join(dir, 'missing.json');
  await expectSeedError(testConfig({ seedFile: path }), new RegExp(path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')));
});
