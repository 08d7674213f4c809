// A real server on 127.0.0.1:0 with two accounts of signed-in users, and helpers to call it over HTTP.
import { loadConfig, type Config } from '../../../src/config.js';
import { startServer, type RunningServer } from '../../../src/server.js';
import type { DepsOverrides } from '../../../src/deps.js';

export const ADMIN_KEY = 'stream-test-admin-key-0123456789';

/** Account A (acc_a): alice (owner), bob. Account B (acc_b): carol (owner). All signed in on 5.17.0. */
export type Fixture = {
  server: RunningServer;
  url: string;
  adminToken(accountId: 'acc_a' | 'acc_b'): Promise<string>;
  userToken(userId: string, scopes?: string[]): Promise<string>;
  put(userId: string, token: string, body: Record<string, unknown>): Promise<number>;
  advance(seconds: number): Promise<void>;
  close(): Promise<void>;
};

/** `seed: false` starts on existing data (a restart on the same data directory). */
export async function streamFixture(overrides: Partial<Config> = {}, { seed = true, deps = {} as DepsOverrides } = {}): Promise<Fixture> {
  const config = loadConfig({}, [], {
    port: 0, host: '127.0.0.1', store: 'memory', clock: 'manual', clockStart: '2026-12-03T17:00:00Z',
    logLevel: 'silent', demo: false, adminKey: ADMIN_KEY, userUpdateWindowSec: 0, accountRateLimits: false, ...overrides,
  });
  const server = await startServer(config, deps);
  const { directory, presence, tokens } = server.deps;
  if (seed) {
    await directory.createAccount({ id: 'acc_a', name: 'A' });
    await directory.createAccount({ id: 'acc_b', name: 'B' });
    const users = [
      await directory.createUser('acc_a', { id: 'alice', email: 'alice@a.example', role: 'owner' }),
      await directory.createUser('acc_a', { id: 'bob', email: 'bob@a.example' }),
      await directory.createUser('acc_b', { id: 'carol', email: 'carol@b.example', role: 'owner' }),
    ];
    for (const u of users) await presence.signIn(u, 'desktop', '5.17.0', true);
  }

  const issue = async (accountId: string, userId: string, scopes: string[]) =>
    (await tokens.issue({ accountId, userId, scopes, kind: 'user', clientId: null })).token;
  const owners = { acc_a: 'alice', acc_b: 'carol' } as const;

  return {
    server,
    url: server.url,
    adminToken: (accountId) => issue(accountId, owners[accountId], ['user:read:admin', 'user:write:admin']),
    async userToken(userId, scopes = ['user:read:presence_status', 'user:update:presence_status']) {
      const u = await directory.user(userId);
      return issue(u.accountId, u.id, scopes);
    },
    async put(userId, token, body) {
      const r = await fetch(`${server.url}/v2/users/${userId}/presence_status`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      await r.arrayBuffer();
      return r.status;
    },
    async advance(seconds) {
      const r = await fetch(`${server.url}/presence/v1/clock/advance`, {
        method: 'POST',
        headers: { 'x-presence-admin-key': ADMIN_KEY, 'content-type': 'application/json' },
        body: JSON.stringify({ seconds }),
      });
      await r.arrayBuffer();
      if (r.status !== 200) throw new Error(`clock advance answered ${r.status}`);
    },
    close: () => server.close(),
  };
}
