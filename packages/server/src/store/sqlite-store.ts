// SQLite Store (better-sqlite3, WAL). Presence commits from one event-loop turn share one transaction.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { PresenceChanged, SettableStatus, Status } from '@presence/core';
import { SCHEMA } from './sqlite-schema.js';
import { RowCache } from './row-cache.js';
import { normalizeEmail, type Account, type App, type ClientSession, type CommitResult, type CreateResult, type PresenceCommit, type PresenceRecord, type Store, type StoredEvent, type User } from './store.js';

type Row = Record<string, any>;
type Pending = { c: PresenceCommit; resolve: (r: CommitResult) => void; reject: (e: unknown) => void };

const toAccount = (r: Row): Account => ({ id: r.id, name: r.name, plan: r.plan, createdAt: r.created_at });
const toUser = (r: Row): User => ({
  id: r.id, accountId: r.account_id, email: r.email, firstName: r.first_name, lastName: r.last_name, role: r.role, createdAt: r.created_at,
});
const toApp = (r: Row): App => ({
  clientId: r.client_id, accountId: r.account_id, name: r.name, secretHash: r.secret_hash, scopes: JSON.parse(r.scopes), createdAt: r.created_at,
});
const toSession = (r: Row): ClientSession => ({
  id: r.id, userId: r.user_id, accountId: r.account_id, clientType: r.client_type, clientVersion: r.client_version,
  startedAt: r.started_at, lastSeenAt: r.last_seen_at, keepAlive: r.keep_alive === 1,
});
const toPresence = (r: Row): PresenceRecord => ({
  userId: r.user_id, accountId: r.account_id, status: r.status as Status, dndUntil: r.dnd_until,
  dndPrevious: r.dnd_previous as SettableStatus | null, lastUpdateAt: r.last_update_at, changedAt: r.changed_at, version: r.version,
});
const copySession = (s: ClientSession): ClientSession => ({ ...s });

/** Users whose rows the read cache holds at most (each: the user, their presence and their sessions). */
const CACHE_LIMIT = 100_000;

const toEvent = (r: Row): StoredEvent => ({ ...(JSON.parse(r.body) as PresenceChanged), seq: r.seq });

export type SqliteOptions = { path: string; synchronous?: 'FULL' | 'NORMAL' };

export class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  readonly db: Database.Database;
  private q: Record<string, Database.Statement>;
  private pending: Pending[] = [];
  /** Versions promised to queued commits, so a second commit in the same batch sees the first. */
  private queuedVersion = new Map<string, number>();
  private flushScheduled = false;
  private runBatch: (batch: Pending[]) => Array<CommitResult | Error>;
  /**
   * Read cache of the rows every presence read needs (user, presence, sessions). This store is the only
   * writer of its file, and every write below updates or drops the cached rows once it is committed,
   * so a cached row is always the committed one. `null` presence: known to have none yet.
   */
  private users = new RowCache<User>(CACHE_LIMIT);
  private presence = new RowCache<PresenceRecord | null>(CACHE_LIMIT);
  private sessions = new RowCache<ClientSession[]>(CACHE_LIMIT);
  /** Which user each cached session belongs to, so a heartbeat can drop the right list. */
  private sessionOwner = new Map<string, string>();

  constructor(opts: SqliteOptions) {
    if (opts.path !== ':memory:') mkdirSync(dirname(opts.path), { recursive: true });
    this.db = new Database(opts.path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${opts.synchronous ?? 'FULL'}`);
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
    const p = (sql: string) => this.db.prepare(sql);
    this.q = {
      insAccount: p('INSERT INTO accounts (id,name,plan,created_at) VALUES (?,?,?,?) ON CONFLICT DO NOTHING'),
      getAccount: p('SELECT * FROM accounts WHERE id = ?'),
      listAccounts: p('SELECT * FROM accounts ORDER BY created_at, id'),
      delAccount: p('DELETE FROM accounts WHERE id = ?'),
      insUser: p('INSERT INTO users (id,account_id,email,first_name,last_name,role,created_at) VALUES (?,?,?,?,?,?,?)'),
      getUser: p('SELECT * FROM users WHERE id = ?'),
      userByEmail: p('SELECT * FROM users WHERE email = ?'),
      listUsers: p('SELECT * FROM users WHERE account_id = ? ORDER BY created_at, id'),
      delUser: p('DELETE FROM users WHERE id = ?'),
      insApp: p('INSERT INTO apps (client_id,account_id,name,secret_hash,scopes,created_at) VALUES (?,?,?,?,?,?) ON CONFLICT DO NOTHING'),
      getApp: p('SELECT * FROM apps WHERE client_id = ?'),
      listApps: p('SELECT * FROM apps WHERE account_id = ? ORDER BY created_at, client_id'),
      delApp: p('DELETE FROM apps WHERE client_id = ?'),
      getPresence: p('SELECT * FROM presence WHERE user_id = ?'),
      listPresence: p('SELECT * FROM presence WHERE account_id = ?'),
      // Positional parameters: binding an object by name costs more on the hottest statement.
      insPresence: p(`INSERT INTO presence (status,dnd_until,dnd_previous,last_update_at,changed_at,user_id,account_id,version)
        VALUES (?,?,?,?,?,?,?,1) ON CONFLICT DO NOTHING`),
      updPresence: p(`UPDATE presence SET status=?, dnd_until=?, dnd_previous=?, last_update_at=?, changed_at=?, version=version+1
        WHERE user_id=? AND version=?`),
      listSessions: p('SELECT * FROM sessions WHERE user_id = ? ORDER BY started_at, id'),
      getSession: p('SELECT * FROM sessions WHERE id = ?'),
      touchSession: p('UPDATE sessions SET last_seen_at = MAX(last_seen_at, ?) WHERE id = ?'),
      staleSessions: p('SELECT * FROM sessions WHERE last_seen_at < ? AND keep_alive = 0 LIMIT ?'),
      upsertSession: p(`INSERT INTO sessions (id,user_id,account_id,client_type,client_version,started_at,last_seen_at,keep_alive)
        VALUES (@id,@userId,@accountId,@clientType,@clientVersion,@startedAt,@lastSeenAt,@keepAliveInt)
        ON CONFLICT(id) DO UPDATE SET client_type=excluded.client_type, client_version=excluded.client_version, last_seen_at=excluded.last_seen_at`),
      delSession: p('DELETE FROM sessions WHERE id = ?'),
      dueDnd: p("SELECT user_id FROM presence WHERE dnd_until IS NOT NULL AND dnd_until <= ? AND status = 'Do_Not_Disturb' LIMIT ?"),
      insEvent: p('INSERT INTO events (account_id,user_id,body) VALUES (?,?,?)'),
      readEvents: p('SELECT * FROM events WHERE seq > ? ORDER BY seq LIMIT ?'),
      userExists: p('SELECT 1 FROM users WHERE id = ?'),
    };
    // A batch first runs as one plain transaction. Should any commit throw, that transaction is rolled
    // back whole and the batch runs again with each commit in its own savepoint, so one failing write
    // cannot take its batch-mates down with it (savepoints cost a round of statements per commit).
    const applyAll = this.db.transaction((batch: Pending[]) => batch.map((b) => this.apply(b.c)));
    const applyOne = this.db.transaction((c: PresenceCommit) => this.apply(c));
    const applyIsolated = this.db.transaction((batch: Pending[]) =>
      batch.map((b) => {
        try {
          return applyOne(b.c);
        } catch (e) {
          return e instanceof Error ? e : new Error(String(e));
        }
      }),
    );
    this.runBatch = (batch) => {
      try {
        return applyAll(batch);
      } catch {
        return applyIsolated(batch);
      }
    };
  }

  private apply(c: PresenceCommit): CommitResult {
    const n = c.next;
    let changed: number;
    if (c.expectedVersion === 0) {
      // A deleted user's commit loses like a stale one (as in every store) instead of failing on the foreign key.
      if (!this.q.userExists!.get(c.userId)) return { ok: false };
      changed = this.q.insPresence!.run(n.status, n.dndUntil, n.dndPrevious, n.lastUpdateAt, n.changedAt, c.userId, c.accountId).changes;
    } else {
      // A deleted user's presence row went with it (ON DELETE CASCADE), so this changes nothing and loses.
      changed = this.q.updPresence!.run(n.status, n.dndUntil, n.dndPrevious, n.lastUpdateAt, n.changedAt, c.userId, c.expectedVersion).changes;
    }
    if (changed !== 1) return { ok: false };
    for (const s of c.upsertSessions ?? []) this.q.upsertSession!.run({ ...s, keepAliveInt: s.keepAlive ? 1 : 0 });
    for (const id of c.deleteSessions ?? []) this.q.delSession!.run(id);
    const events: StoredEvent[] = [];
    for (const e of c.events ?? []) {
      const seq = Number(this.q.insEvent!.run(e.accountId, e.userId, JSON.stringify(e)).lastInsertRowid);
      events.push({ ...e, seq });
    }
    return { ok: true, version: c.expectedVersion + 1, events };
  }

  async createAccount(a: Account): Promise<CreateResult> {
    return this.q.insAccount!.run(a.id, a.name, a.plan, a.createdAt).changes === 1 ? 'created' : 'exists';
  }
  async getAccount(id: string) { const r = this.q.getAccount!.get(id) as Row | undefined; return r && toAccount(r); }
  async listAccounts() { return (this.q.listAccounts!.all() as Row[]).map(toAccount); }
  async deleteAccount(id: string) {
    const deleted = this.q.delAccount!.run(id).changes === 1;
    // The cascade took users, presence and sessions with it: forget everything rather than track them.
    if (deleted) this.forgetAll();
    return deleted;
  }

  async createUser(u: User): Promise<CreateResult> {
    if (this.q.getUser!.get(u.id)) return 'exists';
    const email = normalizeEmail(u.email);
    if (this.q.userByEmail!.get(email)) return 'email_taken';
    this.q.insUser!.run(u.id, u.accountId, email, u.firstName, u.lastName, u.role, u.createdAt);
    return 'created';
  }
  async getUser(id: string) {
    const hit = this.users.get(id);
    if (hit) return { ...hit };
    const r = this.q.getUser!.get(id) as Row | undefined;
    if (!r) return undefined;
    const u = toUser(r);
    this.users.set(id, u);
    return { ...u };
  }
  async findUserByEmail(email: string) { const r = this.q.userByEmail!.get(normalizeEmail(email)) as Row | undefined; return r && toUser(r); }
  async listUsers(accountId: string) { return (this.q.listUsers!.all(accountId) as Row[]).map(toUser); }
  async deleteUser(id: string) {
    const deleted = this.q.delUser!.run(id).changes === 1;
    this.forgetUser(id);
    return deleted;
  }

  async createApp(a: App): Promise<CreateResult> {
    return this.q.insApp!.run(a.clientId, a.accountId, a.name, a.secretHash, JSON.stringify(a.scopes), a.createdAt).changes === 1 ? 'created' : 'exists';
  }
  async getApp(clientId: string) { const r = this.q.getApp!.get(clientId) as Row | undefined; return r && toApp(r); }
  async listApps(accountId: string) { return (this.q.listApps!.all(accountId) as Row[]).map(toApp); }
  async deleteApp(clientId: string) { return this.q.delApp!.run(clientId).changes === 1; }

  async getPresence(userId: string) {
    let rec = this.presence.get(userId);
    if (rec === undefined) {
      const r = this.q.getPresence!.get(userId) as Row | undefined;
      rec = r ? toPresence(r) : null;
      this.presence.set(userId, rec);
    }
    return rec ? { ...rec } : undefined;
  }
  async listPresence(accountId: string) { return (this.q.listPresence!.all(accountId) as Row[]).map(toPresence); }
  async listSessions(userId: string) {
    let list = this.sessions.get(userId);
    if (!list) {
      list = (this.q.listSessions!.all(userId) as Row[]).map(toSession);
      // Evicted lists leave their owners behind; start afresh before that map outgrows the cache.
      if (this.sessionOwner.size >= 4 * CACHE_LIMIT) {
        this.sessions.clear();
        this.sessionOwner.clear();
      }
      this.sessions.set(userId, list);
      for (const s of list) this.sessionOwner.set(s.id, userId);
    }
    return list.map(copySession);
  }
  async getSession(id: string) { const r = this.q.getSession!.get(id) as Row | undefined; return r && toSession(r); }
  async touchSession(id: string, now: number) {
    const touched = this.q.touchSession!.run(now, id).changes === 1;
    const owner = this.sessionOwner.get(id);
    if (owner !== undefined) this.forgetSessions(owner);
    return touched;
  }
  async listStaleSessions(before: number, limit: number) { return (this.q.staleSessions!.all(before, limit) as Row[]).map(toSession); }
  async listDueDndExpiries(now: number, limit: number) { return (this.q.dueDnd!.all(now, limit) as Row[]).map((r) => r.user_id as string); }

  commitPresence(c: PresenceCommit): Promise<CommitResult> {
    // Reject early what the queue already knows is stale, so a batch never holds two writers of one version.
    const queued = this.queuedVersion.get(c.userId);
    if (queued !== undefined && queued !== c.expectedVersion) return Promise.resolve({ ok: false });
    if (queued === undefined) this.queuedVersion.set(c.userId, c.expectedVersion + 1);
    else this.queuedVersion.set(c.userId, queued + 1);
    return new Promise((resolve, reject) => {
      this.pending.push({ c, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    const batch = this.pending;
    this.pending = [];
    this.flushScheduled = false;
    this.queuedVersion.clear();
    let results: Array<CommitResult | Error>;
    try {
      results = this.runBatch(batch);
    } catch (e) {
      for (const b of batch) b.reject(e);
      return;
    }
    batch.forEach((b, i) => {
      const r = results[i]!;
      this.cacheCommitted(b.c, r);
      if (r instanceof Error) b.reject(r);
      else b.resolve(r);
    });
  }

  /** Brings the cache in line with a commit that is now durable (or drops what it cannot be sure of). */
  private cacheCommitted(c: PresenceCommit, r: CommitResult | Error): void {
    if (r instanceof Error || !r.ok) {
      this.forgetUser(c.userId);
      return;
    }
    const n = c.next;
    this.presence.set(c.userId, {
      userId: c.userId, accountId: c.accountId, status: n.status, dndUntil: n.dndUntil ?? null, dndPrevious: n.dndPrevious ?? null,
      lastUpdateAt: n.lastUpdateAt ?? null, changedAt: n.changedAt, version: r.version,
    });
    if (c.upsertSessions?.length || c.deleteSessions?.length) this.forgetSessions(c.userId);
  }

  private forgetSessions(userId: string): void {
    for (const s of this.sessions.get(userId) ?? []) this.sessionOwner.delete(s.id);
    this.sessions.delete(userId);
  }

  private forgetUser(userId: string): void {
    this.users.delete(userId);
    this.presence.delete(userId);
    this.forgetSessions(userId);
  }

  private forgetAll(): void {
    this.users.clear();
    this.presence.clear();
    this.sessions.clear();
    this.sessionOwner.clear();
  }

  async readEvents(afterSeq: number, limit: number) { return (this.q.readEvents!.all(afterSeq, limit) as Row[]).map(toEvent); }

  async close() {
    if (this.pending.length) this.flush();
    this.db.close();
  }
}
