// Presence use cases: read → core rule → compare-and-set write → publish. Knows nothing of HTTP.
import { randomUUID } from 'node:crypto';
import {
  type ChangeCause, type PresenceChanged, type PresenceState, type SettableStatus, type Status,
  INITIAL_PRESENCE, applySignIn, applySignOut, applyUpdate, presenceAt,
} from '@presence/core';
import type { Bus } from './bus/bus.js';
import type { Clock } from './clock.js';
import { ApiError } from './errors.js';
import type { ClientSession, ClientType, PresenceCommit, PresenceRecord, Store, User } from './store/store.js';

export type Actor = {
  accountId: string;
  /** The user the credential belongs to (the owner, for an account-level token); null if none. */
  userId: string | null;
  /** Admin scopes: may act on any user of the account. */
  mayActOnOthers: boolean;
};
export type PresenceRules = { windowMs: number; enforceTransitions: boolean; sessionTimeoutMs: number };
export type PresenceView = { user: User; state: PresenceState; self: boolean };

type Decision<T> = { commit: Omit<PresenceCommit, 'userId' | 'accountId' | 'expectedVersion'> | null; result: T };

const MAX_CAS_ATTEMPTS = 50;

export class PresenceService {
  constructor(
    private store: Store,
    private bus: Bus,
    private clock: Clock,
    private rules: PresenceRules,
  ) {}

  /** `me`, an id, or an email (case-insensitive); users of other accounts do not exist for the actor. */
  async resolveUser(actor: Actor, ref: string): Promise<User> {
    let user: User | undefined;
    if (ref === 'me') user = actor.userId ? await this.store.getUser(actor.userId) : undefined;
    else if (ref.includes('@')) user = await this.store.findUserByEmail(ref);
    else user = await this.store.getUser(ref);
    if (!user || user.accountId !== actor.accountId) throw new ApiError('user_not_found', { userId: ref });
    return user;
  }

  async getStatus(actor: Actor, ref: string): Promise<PresenceView> {
    const user = await this.resolveUser(actor, ref);
    const self = user.id === actor.userId;
    if (!self && !actor.mayActOnOthers) throw new ApiError('read_forbidden');
    const rec = await this.store.getPresence(user.id);
    return { user, state: presenceAt(rec ?? INITIAL_PRESENCE, this.clock.now()).state, self };
  }

  async updateStatus(actor: Actor, ref: string, status: SettableStatus, duration: number | undefined): Promise<void> {
    const user = await this.resolveUser(actor, ref);
    if (user.id !== actor.userId && !actor.mayActOnOthers) throw new ApiError('update_forbidden');
    await this.mutate(user, (state, sessions, now, events) => {
      const r = applyUpdate(state, status, duration, sessions.map((s) => s.clientVersion), now, this.rules);
      if (!r.ok) {
        if (r.error.reason === 'rate_limited') {
          throw new ApiError('user_rate_limited', {}, { headers: { 'retry-after': String(r.error.retryAfterSec) } });
        }
        throw new ApiError('update_failed');
      }
      if (r.value.status !== state.status) events.push(this.event(user, state.status, r.value.status, now, 'update'));
      return { commit: { next: r.value }, result: undefined };
    }, { ref });
  }

  async signIn(user: User, clientType: ClientType, clientVersion: string, keepAlive = false): Promise<ClientSession> {
    return this.mutate(user, (state, sessions, now, events) => {
      const session: ClientSession = {
        id: randomUUID(), userId: user.id, accountId: user.accountId, clientType, clientVersion,
        startedAt: now, lastSeenAt: now, keepAlive,
      };
      const next = applySignIn(state, sessions.length, now);
      if (next.status !== state.status) events.push(this.event(user, state.status, next.status, now, 'sign_in'));
      return { commit: { next, upsertSessions: [session] }, result: session };
    });
  }

  /** Ends a session (sign-out or timeout); false when it no longer exists. */
  async endSession(sessionId: string, cause: 'sign_out' | 'timeout'): Promise<boolean> {
    const s = await this.store.getSession(sessionId);
    if (!s) return false;
    const user = await this.store.getUser(s.userId);
    if (!user) return false;
    return this.unlessDeleted(this.mutate(user, (state, sessions, now, events) => {
      if (!sessions.some((x) => x.id === sessionId)) return { commit: null, result: false };
      if (cause === 'timeout') {
        // A heartbeat that arrived after the sweep looked is a live session.
        const cur = sessions.find((x) => x.id === sessionId)!;
        if (cur.keepAlive || cur.lastSeenAt >= now - this.rules.sessionTimeoutMs) return { commit: null, result: false };
      }
      const next = applySignOut(state, sessions.length - 1, now);
      if (next.status !== state.status) events.push(this.event(user, state.status, next.status, now, cause));
      return { commit: { next, deleteSessions: [sessionId] }, result: true };
    }));
  }

  async heartbeat(sessionId: string): Promise<boolean> {
    return this.store.touchSession(sessionId, this.clock.now());
  }

  /** Applies a due DND expiry; a newer status (the version moved, or DND was extended) is left alone. */
  async expireDnd(userId: string): Promise<boolean> {
    const user = await this.store.getUser(userId);
    if (!user) return false;
    return this.unlessDeleted(this.mutate(user, (_state, _sessions, _now, _events) => ({ commit: null, result: false }), { commitExpiryOnly: true }));
  }

  /** Background work on a user deleted meanwhile has nothing left to do. */
  private async unlessDeleted(p: Promise<boolean>): Promise<boolean> {
    try {
      return await p;
    } catch (e) {
      if (e instanceof ApiError && e.failure.name === 'user_not_found') return false;
      throw e;
    }
  }

  /** Runs due expiries and session timeouts at the clock's current time. */
  async sweep(): Promise<{ expired: number; timedOut: number }> {
    const now = this.clock.now();
    let expired = 0;
    let timedOut = 0;
    for (;;) {
      const due = await this.store.listDueDndExpiries(now, 500);
      let n = 0;
      for (const id of due) if (await this.expireDnd(id)) n++;
      expired += n;
      if (due.length < 500 || n === 0) break;
    }
    for (;;) {
      const stale = await this.store.listStaleSessions(now - this.rules.sessionTimeoutMs, 500);
      let n = 0;
      for (const s of stale) if (await this.endSession(s.id, 'timeout')) n++;
      timedOut += n;
      if (stale.length < 500 || n === 0) break;
    }
    return { expired, timedOut };
  }

  private event(user: User, from: Status, to: Status, at: number, cause: ChangeCause): PresenceChanged {
    return { type: 'presence.changed', accountId: user.accountId, userId: user.id, email: user.email, status: to, previousStatus: from, at, cause };
  }

  /**
   * The compare-and-set loop. `decide` sees the state at `now` (a due DND expiry already applied, with its
   * event queued) and returns what to write. A lost race re-reads and decides again.
   * With `commitExpiryOnly`, a pending expiry is written even when `decide` writes nothing.
   * A user deleted meanwhile ends the loop with user_not_found (`ref` is how the caller named them).
   */
  private async mutate<T>(
    user: User,
    decide: (state: PresenceState, sessions: ClientSession[], now: number, events: PresenceChanged[]) => Decision<T>,
    { commitExpiryOnly = false, ref = user.id }: { commitExpiryOnly?: boolean; ref?: string } = {},
  ): Promise<T> {
    for (let attempt = 0; attempt < MAX_CAS_ATTEMPTS; attempt++) {
      const [rec, sessions] = await Promise.all([this.store.getPresence(user.id), this.store.listSessions(user.id)]);
      const now = this.clock.now();
      const base: PresenceRecord | undefined = rec;
      const { state, expired } = presenceAt(base ?? INITIAL_PRESENCE, now);
      const events: PresenceChanged[] = [];
      if (expired) events.push(this.event(user, 'Do_Not_Disturb', state.status, state.changedAt, 'dnd_expiry'));
      const d = decide(state, sessions, now, events);
      let commit = d.commit;
      let result: unknown = d.result;
      if (!commit && expired && commitExpiryOnly) {
        commit = { next: state };
        result = true;
      }
      if (!commit) return result as T;
      const r = await this.store.commitPresence({
        ...commit,
        userId: user.id,
        accountId: user.accountId,
        expectedVersion: base?.version ?? 0,
        events,
      });
      if (r.ok) {
        if (r.events.length) this.bus.publish(r.events);
        return result as T;
      }
      // Lost the race, or the user is gone (a deletion makes every commit for them lose).
      if (!(await this.store.getUser(user.id))) throw new ApiError('user_not_found', { userId: ref });
      // Let the winner's batch commit, then decide again on fresh state.
      await new Promise((res) => setImmediate(res));
    }
    throw new ApiError('service_unavailable');
  }
}
