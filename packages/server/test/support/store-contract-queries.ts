// Store contract, query part: the change log, due DND expiries, stale sessions and cascading deletes.
import { describe, test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import type { Store } from '../../src/store/store.js';
import { type StoreFactory, T0, account, user, state, session, changed, commit } from './store-records.js';
import { seededStore, alice, bob } from './store-records.js';

export function queriesContract(label: string, make: StoreFactory): void {
  describe(`${label} store contract: change log, due work and cascades`, () => {
    const seeded = seededStore(make);
    let store: Store;
    beforeEach(() => {
      store = seeded.store;
    });

    test('events get increasing seq numbers and readEvents returns them oldest first after a seq', async () => {
      await store.commitPresence(commit(alice, 0, state('Available'), { events: [changed(alice, 'Offline', 'Available')] }));
      await store.commitPresence(commit(bob, 0, state('Available'), { events: [changed(bob, 'Offline', 'Available')] }));
      const r = await store.commitPresence(commit(alice, 1, state('Away'), { events: [changed(alice, 'Available', 'Do_Not_Disturb'), changed(alice, 'Do_Not_Disturb', 'Away')] }));
      assert.ok(r.ok);
      assert.equal(r.events.length, 2);
      const all = await store.readEvents(0, 100);
      assert.equal(all.length, 4);
      for (let i = 1; i < all.length; i++) assert.ok(all[i]!.seq > all[i - 1]!.seq, 'seq increases');
      assert.deepEqual(all.map((e) => [e.userId, e.status]), [['alice', 'Available'], ['bob', 'Available'], ['alice', 'Do_Not_Disturb'], ['alice', 'Away']]);
      assert.deepEqual(r.events.map((e) => e.seq), all.slice(2).map((e) => e.seq));
      const { seq, ...body } = all[0]!;
      assert.equal(typeof seq, 'number');
      assert.deepEqual(body, changed(alice, 'Offline', 'Available'));
      assert.deepEqual((await store.readEvents(all[1]!.seq, 100)).map((e) => e.seq), [all[2]!.seq, all[3]!.seq]);
      assert.deepEqual((await store.readEvents(0, 1)).map((e) => e.seq), [all[0]!.seq]);
      assert.deepEqual(await store.readEvents(all[3]!.seq, 100), []);
    });

    test('listDueDndExpiries lists users whose DND ended at or before now', async () => {
      await store.commitPresence(commit(alice, 0, state('Do_Not_Disturb', { dndUntil: T0 + 60_000, dndPrevious: 'Away' })));
      await store.commitPresence(commit(bob, 0, state('Do_Not_Disturb', { dndUntil: T0 + 120_000, dndPrevious: 'Available' })));
      assert.deepEqual(await store.listDueDndExpiries(T0 + 59_999, 10), []);
      assert.deepEqual(await store.listDueDndExpiries(T0 + 60_000, 10), ['alice']);
      assert.deepEqual((await store.listDueDndExpiries(T0 + 200_000, 10)).sort(), ['alice', 'bob']);
      assert.equal((await store.listDueDndExpiries(T0 + 200_000, 1)).length, 1);
      await store.commitPresence(commit(alice, 1, state('Away')));
      assert.deepEqual(await store.listDueDndExpiries(T0 + 200_000, 10), ['bob']);
    });

    test('listStaleSessions returns sessions not seen since the cut-off and ignores keepAlive sessions', async () => {
      await store.commitPresence(commit(alice, 0, state('Available'), {
        upsertSessions: [session('old', alice), session('kept', alice, { keepAlive: true }), session('fresh', alice, { lastSeenAt: T0 + 100_000 })],
      }));
      assert.deepEqual((await store.listStaleSessions(T0 + 50_000, 10)).map((s) => s.id), ['old']);
      assert.deepEqual(await store.listStaleSessions(T0, 10), []);
      assert.deepEqual((await store.listStaleSessions(T0 + 10 ** 9, 10)).map((s) => s.id).sort(), ['fresh', 'old']);
      await store.touchSession('old', T0 + 60_000);
      assert.deepEqual(await store.listStaleSessions(T0 + 50_000, 10), []);
    });

    test('deleteUser removes the user’s presence and sessions', async () => {
      await store.commitPresence(commit(bob, 0, state('Available'), { upsertSessions: [session('sb', bob)] }));
      await store.deleteUser('bob');
      assert.equal(await store.getPresence('bob'), undefined);
      assert.equal(await store.getSession('sb'), undefined);
      assert.deepEqual(await store.listPresence('acc1'), []);
    });

    test('deleteAccount cascades to users, apps, presence and sessions', async () => {
      await store.createAccount(account('acc2'));
      const dave = user('dave', 'acc2');
      await store.createUser(dave);
      await store.createApp({ clientId: 'c2', accountId: 'acc2', name: 'A', secretHash: 'x', scopes: [], createdAt: T0 });
      await store.commitPresence(commit(dave, 0, state('Available'), { upsertSessions: [session('sd', dave)] }));
      await store.commitPresence(commit(alice, 0, state('Away'), { upsertSessions: [session('sa', alice)] }));
      assert.equal(await store.deleteAccount('acc2'), true);
      assert.equal(await store.getUser('dave'), undefined);
      assert.equal(await store.findUserByEmail('dave@example.com'), undefined);
      assert.equal(await store.getApp('c2'), undefined);
      assert.equal(await store.getPresence('dave'), undefined);
      assert.equal(await store.getSession('sd'), undefined);
      assert.deepEqual(await store.listPresence('acc2'), []);
      // The other account is untouched.
      assert.equal((await store.getPresence('alice'))?.status, 'Away');
      assert.equal((await store.getSession('sa'))?.id, 'sa');
      assert.equal(await store.createUser(user('dave', 'acc1')), 'created');
    });

    test('listPresence lists the presence records of one account', async () => {
      await store.createAccount(account('acc2'));
      const dave = user('dave', 'acc2');
      await store.createUser(dave);
      await store.commitPresence(commit(alice, 0, state('Away')));
      await store.commitPresence(commit(dave, 0, state('Busy')));
      assert.deepEqual((await store.listPresence('acc1')).map((p) => [p.userId, p.status]), [['alice', 'Away']]);
    });
  });
}
