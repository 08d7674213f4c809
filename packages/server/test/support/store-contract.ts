// The contract every Store implementation must keep; each backend's test file runs it against its own factory.
import { describe, test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import type { PresenceChanged, PresenceState, Status } from '@presence/core';
import type { ClientSession, PresenceCommit, Store, User } from '../../src/store/store.js';

export type StoreFactory = () => Promise<Store>;

const T0 = Date.UTC(2026, 11, 3, 17, 0, 0);

export const account = (id: string, plan: 'free' | 'pro' | 'business' = 'business') => ({ id, name: `Account ${id}`, plan, createdAt: T0 });
export const user = (id: string, accountId: string, email = `${id}@example.com`, role: User['role'] = 'member'): User => ({
  id, accountId, email, firstName: 'F', lastName: 'L', role, createdAt: T0,
});
export const state = (status: Status, extra: Partial<PresenceState> = {}): PresenceState => ({
  status, dndUntil: null, dndPrevious: null, lastUpdateAt: null, changedAt: T0, ...extra,
});
export const session = (id: string, u: User, extra: Partial<ClientSession> = {}): ClientSession => ({
  id, userId: u.id, accountId: u.accountId, clientType: 'desktop', clientVersion: '6.3.0', startedAt: T0, lastSeenAt: T0, keepAlive: false, ...extra,
});
export const changed = (u: User, from: Status, to: Status, at = T0): PresenceChanged => ({
  type: 'presence.changed', accountId: u.accountId, userId: u.id, email: u.email, status: to, previousStatus: from, at, cause: 'update',
});
export const commit = (u: User, expectedVersion: number, next: PresenceState, extra: Partial<PresenceCommit> = {}): PresenceCommit => ({
  userId: u.id, accountId: u.accountId, expectedVersion, next, ...extra,
});

/** Registers the store contract tests for `make`, which must return a fresh, empty store each time. */
export function storeContract(name: string, make: StoreFactory): void {
  describe(`${name} store contract`, () => {
    let store: Store;
    const alice = user('alice', 'acc1', 'alice@example.com', 'owner');
    const bob = user('bob', 'acc1', 'bob@example.com');

    beforeEach(async () => {
      store = await make();
      await store.createAccount(account('acc1'));
      await store.createUser(alice);
      await store.createUser(bob);
    });
    afterEach(async () => {
      await store.close();
    });

    test('creates, gets, lists and deletes accounts; a second create with the same id is `exists`', async () => {
      assert.equal(await store.createAccount(account('acc2', 'free')), 'created');
      assert.equal(await store.createAccount(account('acc2', 'pro')), 'exists');
      assert.deepEqual(await store.getAccount('acc2'), account('acc2', 'free'));
      assert.deepEqual((await store.listAccounts()).map((a) => a.id).sort(), ['acc1', 'acc2']);
      assert.equal(await store.deleteAccount('acc2'), true);
      assert.equal(await store.deleteAccount('acc2'), false);
      assert.equal(await store.getAccount('acc2'), undefined);
    });

    test('creates, gets, lists and deletes users', async () => {
      assert.deepEqual(await store.getUser('alice'), alice);
      assert.equal(await store.createUser(alice), 'exists');
      assert.deepEqual((await store.listUsers('acc1')).map((u) => u.id).sort(), ['alice', 'bob']);
      assert.deepEqual(await store.listUsers('nope'), []);
      assert.equal(await store.deleteUser('bob'), true);
      assert.equal(await store.deleteUser('bob'), false);
      assert.equal(await store.getUser('bob'), undefined);
    });

    test('finds users by email case-insensitively and stores the email lower-cased', async () => {
      await store.createUser(user('carol', 'acc1', 'Carol.Smith@Example.COM'));
      assert.equal((await store.findUserByEmail('carol.smith@example.com'))?.id, 'carol');
      assert.equal((await store.findUserByEmail('CAROL.SMITH@EXAMPLE.COM'))?.id, 'carol');
      assert.equal((await store.getUser('carol'))?.email, 'carol.smith@example.com');
      assert.equal(await store.findUserByEmail('nobody@example.com'), undefined);
    });

    test('refuses a second user with the same email in any case as email_taken', async () => {
      assert.equal(await store.createUser(user('alice2', 'acc1', 'ALICE@example.com')), 'email_taken');
      assert.equal(await store.getUser('alice2'), undefined);
    });

    test('a deleted user’s email can be used again', async () => {
      await store.deleteUser('bob');
      assert.equal(await store.findUserByEmail('bob@example.com'), undefined);
      assert.equal(await store.createUser(user('bob2', 'acc1', 'bob@example.com')), 'created');
    });

    test('creates, gets, lists and deletes apps', async () => {
      const app = { clientId: 'cid', accountId: 'acc1', name: 'App', secretHash: 'scrypt$1$a$b', scopes: ['user:read', 'presence:admin'], createdAt: T0 };
      assert.equal(await store.createApp(app), 'created');
      assert.equal(await store.createApp({ ...app, name: 'Other' }), 'exists');
      assert.deepEqual(await store.getApp('cid'), app);
      assert.deepEqual(await store.listApps('acc1'), [app]);
      assert.equal(await store.deleteApp('cid'), true);
      assert.equal(await store.deleteApp('cid'), false);
      assert.equal(await store.getApp('cid'), undefined);
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
