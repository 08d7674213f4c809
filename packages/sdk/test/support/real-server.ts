// A real Presence server in-process (127.0.0.1, memory store, manual clock) and SDK clients pointed at it.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, startServer, type Config, type RunningServer } from '@presence/server';
import {
  createPresenceClient,
  presenceServerUrls,
  PresenceApiError,
  type FieldError,
  type PresenceClient,
  type PresenceClientOptions,
  type Sleep,
} from '../../src/index.js';

/** Manual clocks start here, so times in assertions are exact. */
export const CLOCK_START = '2026-12-03T17:00:00Z';

export type SeedApp = { client_id: string; client_secret: string; scopes: string[] };
export type SeedUser = { id: string; email: string; role?: 'owner' | 'member'; sessions?: Array<{ client_type: string; client_version: string }> };
export type SeedAccount = { id: string; name: string; plan?: 'free' | 'pro' | 'business'; users: SeedUser[]; apps: SeedApp[] };

const desktop = (version = '5.17.11') => [{ client_type: 'desktop', client_version: version }];
const app = (client_id: string, scopes: string[]): SeedApp => ({ client_id, client_secret: `${client_id}-secret-0123456789`, scopes });

/**
 * acme: jane (owner) and bob on current clients, carol on a 5.2 client, dave signed out;
 * one admin app and one that may only read. globex is another account, invisible to acme.
 */
export const DEFAULT_ACCOUNTS: SeedAccount[] = [
  {
    id: 'acme',
    name: 'Acme',
    plan: 'business',
    users: [
      { id: 'jane', email: 'jane@acme.example', role: 'owner', sessions: desktop() },
      { id: 'bob', email: 'bob@acme.example', sessions: desktop() },
      { id: 'carol', email: 'carol@acme.example', sessions: [{ client_type: 'mobile', client_version: '5.2.0' }] },
      { id: 'dave', email: 'dave@acme.example' },
    ],
    apps: [app('acme-admin', ['user:read:admin', 'user:write:admin']), app('acme-reader', ['user:read:admin'])],
  },
  {
    id: 'globex',
    name: 'Globex',
    plan: 'business',
    users: [{ id: 'zed', email: 'zed@globex.example', role: 'owner', sessions: desktop() }],
    apps: [app('globex-admin', ['user:read:admin', 'user:write:admin'])],
  },
];

export type RequestRecord = { method: string; path: string };
export type CountingFetch = typeof fetch & { requests: RequestRecord[]; count(method: string, path: string): number };

/** Wraps the real fetch and records every request, so tests count what actually went over the wire. */
export function countingFetch(): CountingFetch {
  const requests: RequestRecord[] = [];
  const fn = (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    requests.push({ method: init?.method ?? (input instanceof Request ? input.method : 'GET'), path: url.pathname });
    return fetch(input, init);
  };
  const count = (method: string, path: string) => requests.filter((r) => r.method === method && r.path === path).length;
  return Object.assign(fn, { requests, count }) as CountingFetch;
}

export type ClientOptions = Omit<PresenceClientOptions, 'auth'> & { app?: string; auth?: PresenceClientOptions['auth'] };

export type AdminAnswer = { status: number; body: Record<string, unknown> | undefined };

export type RealServer = {
  server: RunningServer;
  url: string;
  adminKey: string;
  /** The server's manual clock, in epoch ms. */
  now(): number;
  /** Calls the extension API (/presence/v1) with the admin key. */
  adminApi(method: string, path: string, body?: unknown): Promise<AdminAnswer>;
  /** Moves the server's manual clock and waits for everything that became due. */
  advance(seconds: number): Promise<void>;
  /** A `sleep` for the client that moves the server's clock instead of waiting, recording each wait. */
  clockSleep(): Sleep & { waits: number[] };
  /** A user-level token minted through the extension API, acting as that user (`me`). */
  userToken(userId: string, scopes?: string[]): Promise<string>;
  /** A client using server-to-server OAuth with a seeded app's credentials (default: the first app). */
  client(options?: ClientOptions): PresenceClient;
  close(): Promise<void>;
};

export async function startRealServer(opts: { accounts?: SeedAccount[]; config?: Partial<Config> } = {}): Promise<RealServer> {
  const accounts = opts.accounts ?? DEFAULT_ACCOUNTS;
  const dir = mkdtempSync(join(tmpdir(), 'presence-sdk-'));
  const seedFile = join(dir, 'seed.json');
  writeFileSync(seedFile, JSON.stringify({ accounts }));
  const config = loadConfig({}, [], {
    port: 0,
    store: 'memory',
    clock: 'manual',
    clockStart: CLOCK_START,
    logLevel: 'silent',
    demo: false,
    seedFile,
    // High enough that only the tests about account limits (on free plans) ever meet one.
    businessPerSecond: 100_000,
    ...opts.config,
  });
  const server = await startServer(config);
  const adminKey = server.deps.config.adminKey;

  async function adminApi(method: string, path: string, body?: unknown): Promise<AdminAnswer> {
    const res = await fetch(`${server.url}/presence/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${adminKey}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text === '' ? undefined : (JSON.parse(text) as Record<string, unknown>) };
  }

  async function admin(path: string, body: unknown): Promise<Record<string, unknown>> {
    const r = await adminApi('POST', path, body);
    if (r.status >= 300) throw new Error(`POST ${path} answered ${r.status}: ${JSON.stringify(r.body)}`);
    return r.body ?? {};
  }

  const apps = accounts.flatMap((a) => a.apps.map((p) => ({ ...p, accountId: a.id })));

  return {
    server,
    url: server.url,
    adminKey,
    now: () => server.deps.clock.now(),
    adminApi,
    async advance(seconds) {
      await admin('/clock/advance', { seconds });
    },
    clockSleep() {
      const waits: number[] = [];
      const sleep = async (ms: number) => {
        waits.push(ms);
        await admin('/clock/advance', { seconds: ms / 1000 });
      };
      return Object.assign(sleep, { waits });
    },
    async userToken(userId, scopes) {
      const body = await admin('/tokens', scopes ? { user_id: userId, scopes } : { user_id: userId });
      return body.access_token as string;
    },
    client(options = {}) {
      const { app: clientId, auth, ...rest } = options;
      const p = clientId ? apps.find((a) => a.client_id === clientId) : apps[0];
      if (!p) throw new Error(`no seeded app ${clientId}`);
      return createPresenceClient({
        ...presenceServerUrls(server.url),
        auth: auth ?? { type: 'server-to-server', accountId: p.accountId, clientId: p.client_id, clientSecret: p.client_secret },
        ...rest,
      });
    },
    async close() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The PresenceApiError a call rejects with; fails the test if it resolves or throws anything else. */
/** A client of the seeded admin app whose requests are counted. */
export function countingAdminClient(srv: RealServer): { client: PresenceClient; f: CountingFetch } {
  const f = countingFetch();
  return { client: srv.client({ app: 'acme-admin', fetch: f }), f };
}

export async function rejectionOf(call: Promise<unknown>): Promise<PresenceApiError> {
  const err = await call.then(
    () => assert.fail('expected the call to fail'),
    (e: unknown) => e,
  );
  assert.ok(err instanceof PresenceApiError, `not a PresenceApiError: ${String(err)}`);
  return err;
}

export type ExpectedError = { status: number; code: number; codeName: string; message: string; errors?: FieldError[] };
const trackingIds = new Set<string>();

/** Asserts the rejection field by field, and that exactly one API request went out (no retry). */
export async function expectApiError(call: Promise<unknown>, f: CountingFetch, want: ExpectedError): Promise<PresenceApiError> {
  const err = await rejectionOf(call);
  assert.equal(err.status, want.status);
  assert.equal(err.code, want.code);
  assert.equal(err.codeName, want.codeName);
  assert.equal(err.message, want.message);
  assert.deepEqual(err.errors, want.errors ?? []);
  assert.match(err.trackingId ?? '', /\S/, 'x-zm-trackingid is reported');
  assert.ok(!trackingIds.has(err.trackingId!), 'tracking ids are unique per request');
  trackingIds.add(err.trackingId!);
  assert.equal(f.requests.filter((r) => r.path.startsWith('/v2/')).length, 1, 'sent once, not retried');
  return err;
}
