// A real Presence server for CLI tests: in-process, port 0, memory store, manual clock, one seeded account.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock, MemoryStore, loadConfig, startServer, type Config, type RunningServer } from '@presence/server';

export const ACCOUNT_ID = 'acct_cli';
export const CLIENT_ID = 'cli_test_app';
export const CLIENT_SECRET = 'cli-test-secret-0123456789';
export const ADMIN_KEY = 'cli-test-admin-key-0123456789';
export const CLOCK_START = '2026-12-03T17:00:00Z';

/** Users on a current client, one each per test that changes a status (the per-user window is one minute). */
const SIGNED_IN = ['alice', 'bob', 'dan', 'erin', 'frank', 'grace', 'heidi', 'ivan', 'judy', 'mallory', 'oscar', 'peggy'];

const SEED = {
  accounts: [
    {
      id: ACCOUNT_ID,
      name: 'CLI tests',
      plan: 'business',
      users: [
        ...SIGNED_IN.map((n, i) => ({
          id: `u_${n}`,
          email: `${n}@example.com`,
          role: i === 0 ? 'owner' : 'member',
          sessions: [{ client_type: 'desktop', client_version: '6.3.0' }],
        })),
        { id: 'u_carol', email: 'carol@example.com' },
        { id: 'u_olga', email: 'olga@example.com' },
      ],
      apps: [{ client_id: CLIENT_ID, client_secret: CLIENT_SECRET, scopes: ['user:read:presence_status:admin', 'user:update:presence_status:admin', 'presence:admin'] }],
    },
  ],
};

export type TestServer = RunningServer & {
  /** Connection settings as the CLI reads them from the environment. */
  env: Record<string, string>;
  store: MemoryStore;
  clock: ManualClock;
  config: Config;
};

export function testConfig(over: Partial<Config> = {}): Config {
  const dir = mkdtempSync(join(tmpdir(), 'presence-cli-server-'));
  const seedFile = join(dir, 'seed.json');
  writeFileSync(seedFile, JSON.stringify(SEED));
  return loadConfig({}, [], {
    port: 0, store: 'memory', clock: 'manual', clockStart: CLOCK_START, logLevel: 'silent', demo: false,
    adminKey: ADMIN_KEY, seedFile, dataDir: dir, streamRetryMs: 200, ...over,
  });
}

/** Pass `store` and `clock` to restart a server on the same data (the memory store outlives its server). */
export async function startTestServer(over: Partial<Config> = {}, shared?: { store: MemoryStore; clock: ManualClock }): Promise<TestServer> {
  const config = testConfig(over);
  const store = shared?.store ?? new MemoryStore();
  const clock = shared?.clock ?? new ManualClock(Date.parse(CLOCK_START));
  const server = await startServer(config, { store, clock });
  return {
    ...server,
    store,
    clock,
    config,
    env: { PRESENCE_URL: server.url, PRESENCE_ACCOUNT_ID: ACCOUNT_ID, PRESENCE_CLIENT_ID: CLIENT_ID, PRESENCE_CLIENT_SECRET: CLIENT_SECRET, PRESENCE_ADMIN_KEY: ADMIN_KEY },
  };
}
