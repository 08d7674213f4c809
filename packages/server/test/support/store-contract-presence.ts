// Store contract, presence part: versioned compare-and-set commits with their sessions and events.
import { describe, test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import type { Store } from '../../src/store/store.js';
import { type StoreFactory, T0, account, user, state, session, changed, commit } from './store-records.js';
import { seededStore, alice, bob } from './store-records.js';

export function presenceContract(label: string, make: StoreFactory): void {
  describe(`${label} store contract: versioned presence commits`, () => {
    const seeded = seededStore(make);
    let store: Store;
    beforeEach(() => {
      store = seeded.store;
    });

    test('commitPresence creates the record at version 1 and bumps the version on each commit', async () => {
      assert.equal(await store.getPresence('alice'), undefined);
      const r1 = await store.commitPresence(commit(alice, 0, state('Available')));
      assert.deepEqual(r1, { ok: true, version: 1, events: [] });
      const r2 = await store.commitPresence(commit(alice, 1, state('Busy', { lastUpdateAt: T0 + 5 })));
      assert.equal(r2.ok && r2.version, 2);
      assert.deepEqual(await store.getPresence('alice'), { ...state('Busy', { lastUpdateAt: T0 + 5 }), userId: 'alice', accountId: 'acc1', version: 2 });
    });

    test('commitPresence with a stale expectedVersion loses and writes nothing', async () => {
      await store.commitPresence(commit(alice, 0, state('Available')));
      await store.commitPresence(commit(alice, 1, state('Away')));
      const s1 = session('s1', alice);
      const stale = await store.commitPresence(commit(alice, 1, state('Busy'), { upsertSessions: [s1], events: [changed(alice, 'Away', 'Busy')] }));
      assert.deepEqual(stale, { ok: false });
      assert.equal((await store.getPresence('alice'))?.status, 'Away');
      assert.equal(await store.getSession('s1'), undefined);
      assert.deepEqual(await store.readEvents(0, 100), []);
      // A second first-write (expectedVersion 0) also loses once the record exists.
      assert.deepEqual(await store.commitPresence(commit(alice, 0, state('Busy'))), { ok: false });
    });

    test('a commit for a user that does not exist (or was deleted) loses and writes nothing', async () => {
      await store.commitPresence(commit(bob, 0, state('Available')));
      await store.deleteUser('bob');
      const ghost = user('ghost', 'acc1');
      assert.deepEqual(await store.commitPresence(commit(ghost, 0, state('Away'), { upsertSessions: [session('sg', ghost)], events: [changed(ghost, 'Offline', 'Away')] })), { ok: false });
      assert.deepEqual(await store.commitPresence(commit(bob, 0, state('Away'))), { ok: false });
      assert.deepEqual(await store.commitPresence(commit(bob, 1, state('Away'))), { ok: false });
      assert.equal(await store.getPresence('ghost'), undefined);
      assert.equal(await store.getPresence('bob'), undefined);
      assert.equal(await store.getSession('sg'), undefined);
      assert.deepEqual(await store.readEvents(0, 10), []);
    });

    test('two concurrent commits with the same expectedVersion: exactly one wins', async () => {
      await store.commitPresence(commit(alice, 0, state('Available')));
      const a = store.commitPresence(commit(alice, 1, state('Away'), { events: [changed(alice, 'Available', 'Away')] }));
      const b = store.commitPresence(commit(alice, 1, state('Busy'), { events: [changed(alice, 'Available', 'Busy')] }));
      const results = await Promise.all([a, b]);
      assert.equal(results.filter((r) => r.ok).length, 1, JSON.stringify(results));
      const winner = results[0]!.ok ? 'Away' : 'Busy';
      const rec = await store.getPresence('alice');
      assert.equal(rec?.status, winner);
      assert.equal(rec?.version, 2);
      const events = await store.readEvents(0, 100);
      assert.deepEqual(events.map((e) => e.status), [winner]);
    });

    test('two concurrent first writes (expectedVersion 0): exactly one wins', async () => {
      const results = await Promise.all([
        store.commitPresence(commit(bob, 0, state('Available'))),
        store.commitPresence(commit(bob, 0, state('Away'))),
        store.commitPresence(commit(bob, 0, state('Busy'))),
      ]);
      assert.equal(results.filter((r) => r.ok).length, 1, JSON.stringify(results));
      assert.equal((await store.getPresence('bob'))?.version, 1);
    });

    test('concurrent commits of different users all win', async () => {
      const results = await Promise.all([store.commitPresence(commit(alice, 0, state('Available'))), store.commitPresence(commit(bob, 0, state('Away')))]);
      assert.deepEqual(results.map((r) => r.ok), [true, true]);
    });

    test('sessions are upserted and deleted with the commit', async () => {
      const s1 = session('s1', alice);
      const s2 = session('s2', alice, { clientType: 'mobile', clientVersion: '5.2.4', startedAt: T0 + 1, lastSeenAt: T0 + 1, keepAlive: true });
      await store.commitPresence(commit(alice, 0, state('Available'), { upsertSessions: [s1, s2] }));
      assert.deepEqual(await store.listSessions('alice'), [s1, s2]);
      assert.deepEqual(await store.getSession('s2'), s2);
      await store.commitPresence(commit(alice, 1, state('Available'), { upsertSessions: [{ ...s1, clientVersion: '6.4.0' }], deleteSessions: ['s2'] }));
      assert.deepEqual(await store.listSessions('alice'), [{ ...s1, clientVersion: '6.4.0' }]);
      assert.equal(await store.getSession('s2'), undefined);
      assert.deepEqual(await store.listSessions('bob'), []);
    });

    test('touchSession moves lastSeenAt forward only, and is false for an unknown session', async () => {
      await store.commitPresence(commit(alice, 0, state('Available'), { upsertSessions: [session('s1', alice)] }));
      assert.equal(await store.touchSession('s1', T0 + 10_000), true);
      assert.equal((await store.getSession('s1'))?.lastSeenAt, T0 + 10_000);
      assert.equal(await store.touchSession('s1', T0 + 5_000), true);
      assert.equal((await store.getSession('s1'))?.lastSeenAt, T0 + 10_000);
      assert.equal(await store.touchSession('nope', T0), false);
    });
  });
}
