// Composition root: Config → store, bus, clock, services. The one place that picks implementations.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from './config.js';
import { type Clock, ManualClock, SystemClock, persistentManualClock } from './clock.js';
import type { Bus } from './bus/bus.js';
import { MemoryBus } from './bus/memory-bus.js';
import type { Store } from './store/store.js';
import { MemoryStore } from './store/memory-store.js';
import { SqliteStore } from './store/sqlite-store.js';
import { PresenceService } from './presence-service.js';
import { DirectoryService } from './directory-service.js';
import { TokenService } from './tokens.js';
import { AccountLimits } from './http/account-limits.js';
import { randomSecret } from './secrets.js';
import { WebhookService } from './push/webhook-service.js';
import { MemoryWebhookStore } from './store/webhook-memory-store.js';
import { SqliteWebhookStore } from './store/webhook-sqlite-store.js';

export type DueWork = () => Promise<unknown>;

export type Deps = {
  config: Config;
  clock: Clock;
  store: Store;
  bus: Bus;
  tokens: TokenService;
  presence: PresenceService;
  directory: DirectoryService;
  limits: AccountLimits;
  webhooks: WebhookService;
  /** Work that must run when time passes (DND expiry, session timeouts, webhook retries). */
  dueWork: DueWork[];
  runDueWork(): Promise<{ expired: number; timedOut: number }>;
  /** Where the admin key came from: settings, a file in dataDir, or generated for this run only (memory store). */
  adminKeySource: 'config' | 'file' | 'generated';
  /** Set when the store was created by this start (no database existed). */
  freshStore: boolean;
  close(): Promise<void>;
};

/** A secret from config, or one generated once and kept in the data directory. */
function persistentSecret(config: Config, value: string, file: string, bytes: number): string {
  if (value) return value;
  if (config.store === 'memory') return randomSecret(bytes);
  const path = join(config.dataDir, file);
  if (existsSync(path)) return readFileSync(path, 'utf8').trim();
  mkdirSync(config.dataDir, { recursive: true });
  const s = randomSecret(bytes);
  writeFileSync(path, `${s}\n`, { mode: 0o600 });
  return s;
}

/** The system clock, or a manual one; with a SQLite store of its own the manual clock is kept in dataDir. */
function makeClock(config: Config, ownStore: boolean): Clock {
  if (config.clock !== 'manual') return new SystemClock();
  const start = config.clockStart ? Date.parse(config.clockStart) : undefined;
  // With a database the saved state outlives the process, so the clock must too.
  if (config.store === 'sqlite' && ownStore) return persistentManualClock(join(config.dataDir, 'clock.json'), start);
  return new ManualClock(start ?? Date.now());
}

export type DepsOverrides = { clock?: Clock; store?: Store; bus?: Bus };

export async function createDeps(base: Config, o: DepsOverrides = {}): Promise<Deps> {
  const config = Object.freeze({
    ...base,
    tokenSecret: persistentSecret(base, base.tokenSecret, 'token-secret', 32),
    adminKey: persistentSecret(base, base.adminKey, 'admin-key', 24),
  });
  const clock = o.clock ?? makeClock(config, !o.store);
  let freshStore = false;
  let store: Store;
  if (o.store) store = o.store;
  else if (config.store === 'sqlite') {
    const path = join(config.dataDir, 'presence.db');
    freshStore = !existsSync(path);
    store = new SqliteStore({ path, synchronous: config.sqliteSynchronous });
  } else {
    freshStore = true;
    store = new MemoryStore();
  }
  const bus = o.bus ?? new MemoryBus();
  const now = () => clock.now();
  const presence = new PresenceService(store, bus, clock, {
    windowMs: config.userUpdateWindowSec * 1000,
    enforceTransitions: config.enforceTransitions,
    sessionTimeoutMs: config.sessionTimeoutSec * 1000,
  });
  const dueWork: DueWork[] = [];
  // Webhook tables live next to the change log they read, so a delivery is created in the same database.
  const webhookStore = store instanceof SqliteStore ? new SqliteWebhookStore(store.db) : new MemoryWebhookStore(store);
  const webhooks = new WebhookService({ store, bus, clock, config, webhookStore });
  dueWork.push(() => webhooks.due());
  const deps: Deps = {
    config, clock, store, bus, presence, dueWork, freshStore, webhooks,
    adminKeySource: base.adminKey ? 'config' : base.store === 'memory' ? 'generated' : 'file',
    tokens: new TokenService(config.tokenSecret, config.publicUrl || 'presence', config.tokenTtlSec, now),
    directory: new DirectoryService(store, clock),
    limits: new AccountLimits(config, store, now),
    async runDueWork() {
      const r = await presence.sweep();
      for (const w of dueWork) await w();
      return r;
    },
    async close() {
      await webhooks.stop();
      await bus.close();
      await store.close();
    },
  };
  webhooks.start();
  return deps;
}
