// In-memory Store: the reference implementation for tests and throwaway emulators.
import { normalizeEmail, type Account, type App, type ClientSession, type CommitResult, type CreateResult, type PresenceCommit, type PresenceRecord, type Store, type StoredEvent, type User } from './store.js';

const clone = <T>(v: T): T => structuredClone(v);

export class MemoryStore implements Store {
  readonly kind = 'memory' as const;
  private accounts = new Map<string, Account>();
  private users = new Map<string, User>();
  private emails = new Map<string, string>();
  private apps = new Map<string, App>();
  private presence = new Map<string, PresenceRecord>();
  private sessions = new Map<string, ClientSession>();
  private events: StoredEvent[] = [];
  private seq = 0;

  async createAccount(a: Account): Promise<CreateResult> {
    if (this.accounts.has(a.id)) return 'exists';
    this.accounts.set(a.id, clone(a));
    return 'created';
  }
  async getAccount(id: string) { return clone(this.accounts.get(id)); }
  async listAccounts() { return [...this.accounts.values()].map(clone); }
  async deleteAccount(id: string) {
    if (!this.accounts.delete(id)) return false;
    for (const u of [...this.users.values()]) if (u.accountId === id) await this.deleteUser(u.id);
    for (const a of [...this.apps.values()]) if (a.accountId === id) this.apps.delete(a.clientId);
    return true;
  }

  async createUser(u: User): Promise<CreateResult> {
    if (this.users.has(u.id)) return 'exists';
    const email = normalizeEmail(u.email);
    if (this.emails.has(email)) return 'email_taken';
    this.users.set(u.id, clone({ ...u, email }));
    this.emails.set(email, u.id);
    return 'created';
  }
  async getUser(id: string) { return clone(this.users.get(id)); }
  async findUserByEmail(email: string) {
    const id = this.emails.get(normalizeEmail(email));
    return id === undefined ? undefined : clone(this.users.get(id));
  }
  async listUsers(accountId: string) { return [...this.users.values()].filter((u) => u.accountId === accountId).map(clone); }
  async deleteUser(id: string) {
    const u = this.users.get(id);
    if (!u) return false;
    this.users.delete(id);
    this.emails.delete(u.email);
    this.presence.delete(id);
    for (const s of [...this.sessions.values()]) if (s.userId === id) this.sessions.delete(s.id);
    return true;
  }

  async createApp(a: App): Promise<CreateResult> {
    if (this.apps.has(a.clientId)) return 'exists';
    this.apps.set(a.clientId, clone(a));
    return 'created';
  }
  async getApp(clientId: string) { return clone(this.apps.get(clientId)); }
  async listApps(accountId: string) { return [...this.apps.values()].filter((a) => a.accountId === accountId).map(clone); }
  async deleteApp(clientId: string) { return this.apps.delete(clientId); }

  async getPresence(userId: string) { return clone(this.presence.get(userId)); }
  async listPresence(accountId: string) { return [...this.presence.values()].filter((p) => p.accountId === accountId).map(clone); }
  async listSessions(userId: string) {
    return [...this.sessions.values()].filter((s) => s.userId === userId).sort((a, b) => a.startedAt - b.startedAt).map(clone);
  }
  async getSession(id: string) { return clone(this.sessions.get(id)); }
  async touchSession(id: string, now: number) {
    const s = this.sessions.get(id);
    if (!s) return false;
    s.lastSeenAt = Math.max(s.lastSeenAt, now);
    return true;
  }
  async listStaleSessions(before: number, limit: number) {
    return [...this.sessions.values()].filter((s) => s.lastSeenAt < before && !s.keepAlive).slice(0, limit).map(clone);
  }
  async listDueDndExpiries(now: number, limit: number) {
    const due: string[] = [];
    for (const p of this.presence.values()) {
      if (p.status === 'Do_Not_Disturb' && p.dndUntil !== null && p.dndUntil <= now) due.push(p.userId);
      if (due.length >= limit) break;
    }
    return due;
  }

  async commitPresence(c: PresenceCommit): Promise<CommitResult> {
    const current = this.presence.get(c.userId)?.version ?? 0;
    if (current !== c.expectedVersion || !this.users.has(c.userId)) return { ok: false };
    const version = current + 1;
    this.presence.set(c.userId, clone({ ...c.next, userId: c.userId, accountId: c.accountId, version }));
    for (const s of c.upsertSessions ?? []) this.sessions.set(s.id, clone(s));
    for (const id of c.deleteSessions ?? []) this.sessions.delete(id);
    const events = (c.events ?? []).map((e) => ({ ...clone(e), seq: ++this.seq }));
    this.events.push(...events);
    if (this.events.length > 100_000) this.events.splice(0, this.events.length - 100_000);
    return { ok: true, version, events };
  }
  async readEvents(afterSeq: number, limit: number) {
    // Events are in seq order: bisect to the first one after afterSeq, so tailing the log stays O(log n).
    let lo = 0;
    let hi = this.events.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.events[mid]!.seq > afterSeq) hi = mid;
      else lo = mid + 1;
    }
    return this.events.slice(lo, lo + Math.max(0, limit)).map(clone);
  }

  async close() {}
}
