// Records for the store contract: accounts, users, states, sessions, events and commits with fixed times.
import type { PresenceChanged, PresenceState, Status } from '@presence/core';
import { beforeEach, afterEach } from 'node:test';
import type { ClientSession, PresenceCommit, Store, User } from '../../src/store/store.js';

export type StoreFactory = () => Promise<Store>;

export const T0 = Date.UTC(2026, 11, 3, 17, 0, 0);

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

export const alice = user('alice', 'acc1', 'alice@example.com', 'owner');
export const bob = user('bob', 'acc1', 'bob@example.com');

/** Registers hooks that give each test a fresh store holding account acc1 with alice (owner) and bob. */
export function seededStore(make: StoreFactory): { store: Store } {
  const holder = {} as { store: Store };
  beforeEach(async () => {
    holder.store = await make();
    await holder.store.createAccount(account('acc1'));
    await holder.store.createUser(alice);
    await holder.store.createUser(bob);
  });
  afterEach(async () => {
    await holder.store.close();
  });
  return holder;
}
