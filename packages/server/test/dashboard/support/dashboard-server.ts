// A real server for dashboard tests: memory store, manual clock, a seeded account with an app, and HTTP helpers.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../../src/config.js';
import { startServer, type RunningServer } from '../../../src/server.js';
import type { Seed } from '../../../src/seed.js';

export const ADMIN_KEY = 'dashboard-test-admin-key-0123456789';
export const CLOCK_START = '2026-12-03T17:00:00Z';
const CLIENT = { id: 'dash-app', secret: 'dash-app-secret-0123456789' };

/** Acme: Alice and Bob signed in on 6.3.0, Dana on mobile, Carol signed out. Globex: Gus, to prove isolation. */
export const SEED: Seed = {
  accounts: [
    {
      id: 'acme', name: 'Acme Corp', plan: 'business',
      users: [
        { id: 'alice', email: 'alice@acme.example', first_name: 'Alice', last_name: 'Adams', role: 'owner', sessions: [{ client_type: 'desktop', client_version: '6.3.0' }] },
        { id: 'bob', email: 'bob@acme.example', first_name: 'Bob', last_name: 'Brown', sessions: [{ client_type: 'desktop', client_version: '6.3.0' }] },
        { id: 'carol', email: 'carol@acme.example', first_name: 'Carol', last_name: 'Chen' },
        { id: 'dana', email: 'dana@acme.example', first_name: 'Dana', last_name: 'Diaz', sessions: [{ client_type: 'mobile', client_version: '6.3.0' }] },
      ],
      apps: [{ client_id: CLIENT.id, client_secret: CLIENT.secret, scopes: ['user:read:presence_status:admin', 'user:update:presence_status:admin', 'presence:admin'] }],
    },
    {
      id: 'globex', name: 'Globex', plan: 'pro',
      users: [{ id: 'gus', email: 'gus@globex.example', first_name: 'Gus', sessions: [{ client_type: 'desktop', client_version: '6.3.0' }] }],
    },
  ],
};

export type DashboardServer = {
  server: RunningServer;
  url: string;
  /** A server-to-server token for Acme, as `presence token` prints it. */
  appToken(): Promise<string>;
  /** A token minted through the extension API for one user, with the given scopes (and lifetime). */
  userToken(userId: string, scopes: string[], ttlSeconds?: number): Promise<string>;
  put(userId: string, token: string, body: Record<string, unknown>): Promise<number>;
  advance(seconds: number): Promise<void>;
  close(): Promise<void>;
};

export async function startDashboardServer(): Promise<DashboardServer> {
  const seedFile = join(mkdtempSync(join(tmpdir(), 'presence-dashboard-seed-')), 'seed.json');
  writeFileSync(seedFile, JSON.stringify(SEED));
  const config = loadConfig({}, [], {
    port: 0, host: '127.0.0.1', store: 'memory', clock: 'manual', clockStart: CLOCK_START, logLevel: 'silent', demo: false,
    adminKey: ADMIN_KEY, seedFile, userUpdateWindowSec: 0, accountRateLimits: false, streamRetryMs: 300,
    // Heartbeats are when the server ends streams whose token has expired: every second keeps that test short.
    streamHeartbeatSec: 1,
  });
  const server = await startServer(config);
  const url = server.url;
  const call = async (path: string, init: RequestInit) => {
    const r = await fetch(url + path, init);
    const text = await r.text();
    return { status: r.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : null };
  };
  return {
    server,
    url,
    async appToken() {
      const basic = Buffer.from(`${CLIENT.id}:${CLIENT.secret}`).toString('base64');
      const r = await call('/oauth/token?grant_type=account_credentials&account_id=acme', { method: 'POST', headers: { authorization: `Basic ${basic}` } });
      if (r.status !== 200) throw new Error(`token: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body!.access_token as string;
    },
    async userToken(userId, scopes, ttlSeconds) {
      const r = await call('/presence/v1/tokens', {
        method: 'POST',
        headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify({ user_id: userId, scopes, ttl_seconds: ttlSeconds }),
      });
      if (r.status !== 201) throw new Error(`user token: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body!.access_token as string;
    },
    async put(userId, token, body) {
      const r = await call(`/v2/users/${userId}/presence_status`, {
        method: 'PUT', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body),
      });
      return r.status;
    },
    async advance(seconds) {
      const r = await call('/presence/v1/clock/advance', {
        method: 'POST', headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' }, body: JSON.stringify({ seconds }),
      });
      if (r.status !== 200) throw new Error(`clock advance: ${r.status}`);
    },
    close: () => server.close(),
  };
}
