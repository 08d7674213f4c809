// The store contract against SQLite, plus what only a file-backed store promises: durability and batch isolation.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from '../src/store/sqlite-store.js';
import { storeContract, account, user, state, session, changed, commit } from './support/store-contract.js';

const dir = mkdtempSync(join(tmpdir(), 'presence-store-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const freshPath = () => join(dir, `s${++n}.db`);

storeContract('sqlite', async () => new SqliteStore({ path: freshPath() }));

test('a committed write survives close and reopen of the same file', async () => {
  const path = freshPath();
  const s1 = new SqliteStore({ path });
  const alice = user('alice', 'acc1', 'Alice@Example.com', 'owner');
  await s1.createAccount(account('acc1', 'free'));
  await s1.createUser(alice);
  await s1.createApp({ clientId: 'cid', accountId: 'acc1', name: 'App', secretHash: 'h', scopes: ['user:read'], createdAt: 1 });
  const r = await s1.commitPresence(commit(alice, 0, state('Do_Not_Disturb', { dndUntil: 5000, dndPrevious: 'Away' }), {
    upsertSessions: [session('s1', alice)],
    events: [changed(alice, 'Away', 'Do_Not_Disturb')],
  }));
  assert.ok(r.ok);
  await s1.close();

  const s2 = new SqliteStore({ path });
  try {
    assert.equal((await s2.getAccount('acc1'))?.plan, 'free');
    assert.equal((await s2.findUserByEmail('alice@example.com'))?.id, 'alice');
    assert.deepEqual((await s2.getApp('cid'))?.scopes, ['user:read']);
    const p = await s2.getPresence('alice');
    assert.deepEqual([p?.status, p?.dndUntil, p?.dndPrevious, p?.version], ['Do_Not_Disturb', 5000, 'Away', 1]);
    assert.deepEqual((await s2.listSessions('alice')).map((s) => s.id), ['s1']);
    assert.deepEqual((await s2.readEvents(0, 10)).map((e) => e.status), ['Do_Not_Disturb']);
    // New events continue the sequence instead of reusing numbers.
    const r2 = await s2.commitPresence(commit(alice, 1, state('Away'), { events: [changed(alice, 'Do_Not_Disturb', 'Away')] }));
    assert.ok(r2.ok && r2.events[0]!.seq > 1);
  } finally {
    await s2.close();
  }
});

test('a commit queued just before close is written, not dropped', async () => {
  const path = freshPath();
  const s1 = new SqliteStore({ path });
  const alice = user('alice', 'acc1');
  await s1.createAccount(account('acc1'));
  await s1.createUser(alice);
  const pending = s1.commitPresence(commit(alice, 0, state('Busy')));
  await s1.close();
  assert.ok((await pending).ok);
  const s2 = new SqliteStore({ path });
  assert.equal((await s2.getPresence('alice'))?.status, 'Busy');
  await s2.close();
});

test('a batch where one commit fails (FK error: a session of a missing user) does not fail the others', async () => {
  const store = new SqliteStore({ path: freshPath() });
  try {
    await store.createAccount(account('acc1'));
    const [a, b, c, gone] = [user('a', 'acc1'), user('b', 'acc1'), user('c', 'acc1'), user('gone', 'acc1')];
    for (const u of [a, b, c, gone]) await store.createUser(u);
    await store.deleteUser('gone');
    // All four are queued in the same event-loop turn, so they share one transaction.
    const results = await Promise.allSettled([
      store.commitPresence(commit(a, 0, state('Away'), { events: [changed(a, 'Offline', 'Away')] })),
      // b's own row is fine, but the session it upserts belongs to a deleted user: the foreign key fails mid-commit.
      store.commitPresence(commit(b, 0, state('Busy'), { upsertSessions: [session('sx', gone)], events: [changed(b, 'Offline', 'Busy')] })),
      store.commitPresence(commit(gone, 0, state('Away'), { events: [changed(gone, 'Offline', 'Away')] })),
      store.commitPresence(commit(c, 0, state('Presenting'), { upsertSessions: [session('sc', c)], events: [changed(c, 'Offline', 'Presenting')] })),
    ]);
    assert.equal(results[1]!.status, 'rejected', 'the commit that hit the foreign key fails');
    assert.deepEqual(results.map((r) => (r.status === 'fulfilled' ? r.value.ok : 'rejected')), [true, 'rejected', false, true]);
    assert.equal((await store.getPresence('a'))?.status, 'Away');
    assert.equal((await store.getPresence('c'))?.status, 'Presenting');
    // The failed commit was rolled back whole: no presence row for b, no session, no event.
    assert.equal(await store.getPresence('b'), undefined);
    assert.equal(await store.getSession('sx'), undefined);
    assert.deepEqual((await store.listSessions('c')).map((s) => s.id), ['sc']);
    assert.deepEqual((await store.readEvents(0, 10)).map((e) => e.userId), ['a', 'c']);
    // The store keeps working after the failed batch member.
    assert.ok((await store.commitPresence(commit(b, 0, state('Busy')))).ok);
  } finally {
    await store.close();
  }
});
