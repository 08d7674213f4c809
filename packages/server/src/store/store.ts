// The storage interface every backend implements (memory, SQLite, Redis); callers never see which.
import type { PresenceChanged, PresenceState } from '@presence/core';

export type Plan = 'free' | 'pro' | 'business';
export type ClientType = 'desktop' | 'mobile' | 'pad' | 'pzr';

export type Account = { id: string; name: string; plan: Plan; createdAt: number };
export type User = {
  id: string;
  accountId: string;
  /** Stored lower-cased: emails match case-insensitively. */
  email: string;
  firstName: string;
  lastName: string;
  role: 'owner' | 'member';
  createdAt: number;
};
export type App = { clientId: string; accountId: string; name: string; secretHash: string; scopes: string[]; createdAt: number };
export type ClientSession = {
  id: string;
  userId: string;
  accountId: string;
  clientType: ClientType;
  clientVersion: string;
  startedAt: number;
  lastSeenAt: number;
  /** An emulated always-on client (seed and demo data): never times out. */
  keepAlive: boolean;
};
export type PresenceRecord = PresenceState & { userId: string; accountId: string; version: number };
/** An event as written to the change log, with its store-wide monotonic sequence number. */
export type StoredEvent = PresenceChanged & { seq: number };

export type PresenceCommit = {
  userId: string;
  accountId: string;
  /** The version read before deciding; 0 when the user had no presence record yet. */
  expectedVersion: number;
  next: PresenceState;
  upsertSessions?: ClientSession[];
  deleteSessions?: string[];
  /** Written in the same transaction as the state (outbox for webhooks and streams). */
  events?: PresenceChanged[];
};
export type CommitResult = { ok: true; version: number; events: StoredEvent[] } | { ok: false };

export type CreateResult = 'created' | 'exists' | 'email_taken';

/** The one spelling of an email address the stores keep and look up: NFC (so composed and decomposed accents match), lower case. */
export const normalizeEmail = (email: string): string => email.normalize('NFC').toLowerCase();

export interface Store {
  readonly kind: 'memory' | 'sqlite' | 'redis';

  createAccount(a: Account): Promise<CreateResult>;
  getAccount(id: string): Promise<Account | undefined>;
  listAccounts(): Promise<Account[]>;
  /** Removes the account with its users, apps, sessions and presence. */
  deleteAccount(id: string): Promise<boolean>;

  createUser(u: User): Promise<CreateResult>;
  getUser(id: string): Promise<User | undefined>;
  findUserByEmail(email: string): Promise<User | undefined>;
  listUsers(accountId: string): Promise<User[]>;
  deleteUser(id: string): Promise<boolean>;

  createApp(a: App): Promise<CreateResult>;
  getApp(clientId: string): Promise<App | undefined>;
  listApps(accountId: string): Promise<App[]>;
  deleteApp(clientId: string): Promise<boolean>;

  /** The user's presence, or undefined when it was never written (callers start from INITIAL_PRESENCE, version 0). */
  getPresence(userId: string): Promise<PresenceRecord | undefined>;
  listPresence(accountId: string): Promise<PresenceRecord[]>;
  listSessions(userId: string): Promise<ClientSession[]>;
  getSession(id: string): Promise<ClientSession | undefined>;
  /** Records a heartbeat; false when the session no longer exists. */
  touchSession(id: string, now: number): Promise<boolean>;
  /** Sessions whose last heartbeat is older than `lastSeenBefore`. */
  listStaleSessions(lastSeenBefore: number, limit: number): Promise<ClientSession[]>;
  /** Users whose Do-Not-Disturb ended at or before `now`. */
  listDueDndExpiries(now: number, limit: number): Promise<string[]>;

  /**
   * Versioned compare-and-set of one user's presence, with its session changes and events, atomically.
   * Resolves only once durable. `{ ok: false }` means the version moved: re-read and decide again.
   */
  commitPresence(c: PresenceCommit): Promise<CommitResult>;
  /** Events with seq > afterSeq, oldest first (the change log behind webhooks and stream resume). */
  readEvents(afterSeq: number, limit: number): Promise<StoredEvent[]>;

  close(): Promise<void>;
}
