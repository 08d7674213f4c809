// A test server on a manual clock and a memory store: one account with an owner on 6.x, a 5.2 user,
// a signed-out user, an admin-scoped app, plus another account and an account without an owner.
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/app.js';
import { ManualClock } from '../../src/clock.js';
import { loadConfig, type Config } from '../../src/config.js';
import { createDeps, type Deps } from '../../src/deps.js';
import type { Account, User } from '../../src/store/store.js';

export const T0 = Date.parse('2026-12-03T17:00:00.000Z');
export const TOKEN_SECRET = 'test-token-secret-0123456789abcdef';
export const ADMIN_KEY = 'test-admin-key-0123456789';
export const ADMIN_SCOPES = ['user:read:presence_status:admin', 'user:update:presence_status:admin'];

export type TokenOptions = { scopes?: readonly string[]; user?: User | null; account?: Account; ttlSec?: number };

export type Fixture = {
  app: FastifyInstance;
  deps: Deps;
  clock: ManualClock;
  config: Config;
  account: Account;
  /** Owner, signed in on desktop 6.3.0. */
  owner: User;
  /** Signed in on desktop 5.2.4 only. */
  old: User;
  /** No client signed in. */
  offline: User;
  otherAccount: Account;
  /** A user of otherAccount, signed in on 6.3.0. */
  stranger: User;
  ownerless: Account;
  client: { id: string; secret: string; scopes: string[] };
  /** A token: by default the admin-scoped account token OAuth would issue (acting as the owner). */
  token(o?: TokenOptions): Promise<string>;
  put(ref: string, body: unknown, o?: { token?: string; headers?: Record<string, string> }): Promise<LightMyRequestResponse>;
  get(ref: string, o?: { token?: string }): Promise<LightMyRequestResponse>;
  inject(o: InjectOptions): Promise<LightMyRequestResponse>;
  /** Moves the manual clock and runs what became due, as POST /presence/v1/clock/advance does. */
  advance(seconds: number): Promise<void>;
  close(): Promise<void>;
};

export function testConfig(overrides: Partial<Config> = {}): Config {
  return loadConfig({}, [], {
    port: 0, store: 'memory', clock: 'manual', clockStart: new Date(T0).toISOString(), logLevel: 'silent', demo: false,
    tokenSecret: TOKEN_SECRET, adminKey: ADMIN_KEY, publicUrl: 'http://presence.test', ...overrides,
  });
}

export async function makeFixture(overrides: Partial<Config> = {}): Promise<Fixture> {
  const config = testConfig(overrides);
  const clock = new ManualClock(T0);
  const deps = await createDeps(config, { clock });
  const { directory, presence } = deps;
  const account = await directory.createAccount({ id: 'acc-main', name: 'Main', plan: 'business' });
  const owner = await directory.createUser(account.id, { id: 'u-owner', email: 'Alice@Example.com', role: 'owner' });
  const old = await directory.createUser(account.id, { id: 'u-old', email: 'bob@example.com' });
  const offline = await directory.createUser(account.id, { id: 'u-offline', email: 'carol@example.com' });
  await presence.signIn(owner, 'desktop', '6.3.0', true);
  await presence.signIn(old, 'desktop', '5.2.4', true);
  const otherAccount = await directory.createAccount({ id: 'acc-other', name: 'Other', plan: 'business' });
  const stranger = await directory.createUser(otherAccount.id, { id: 'u-stranger', email: 'dave@other.example', role: 'owner' });
  await presence.signIn(stranger, 'desktop', '6.3.0', true);
  const ownerless = await directory.createAccount({ id: 'acc-ownerless', name: 'No owner', plan: 'business' });
  await directory.createUser(ownerless.id, { id: 'u-member', email: 'erin@ownerless.example' });
  const scopes = [...ADMIN_SCOPES, 'presence:admin'];
  const { app: created, clientSecret } = await directory.createApp(account.id, { clientId: 'client-main', clientSecret: 'client-main-secret-0123', scopes });
  const app = buildApp(deps);
  await app.ready();

  const token = async (o: TokenOptions = {}) => {
    const acc = o.account ?? account;
    const userId = o.user === undefined ? (acc.id === account.id ? owner.id : null) : o.user?.id ?? null;
    const { token: t } = await deps.tokens.issue({
      accountId: acc.id, userId, scopes: o.scopes ?? ADMIN_SCOPES, kind: o.user ? 'user' : 'account', clientId: o.user ? null : created.clientId, ttlSec: o.ttlSec,
    });
    return t;
  };
  const bearer = async (t?: string) => ({ authorization: `Bearer ${t ?? (await token())}` });

  return {
    app, deps, clock, config: deps.config, account, owner, old, offline, otherAccount, stranger, ownerless,
    client: { id: created.clientId, secret: clientSecret, scopes },
    token,
    async put(ref, body, o = {}) {
      const headers: Record<string, string> = { ...(await bearer(o.token)), ...(o.headers ?? {}) };
      if (typeof body === 'string' || Buffer.isBuffer(body)) return app.inject({ method: 'PUT', url: `/v2/users/${ref}/presence_status`, headers, payload: body });
      return app.inject({ method: 'PUT', url: `/v2/users/${ref}/presence_status`, headers: { 'content-type': 'application/json', ...headers }, payload: JSON.stringify(body) });
    },
    async get(ref, o = {}) {
      return app.inject({ method: 'GET', url: `/v2/users/${ref}/presence_status`, headers: await bearer(o.token) });
    },
    inject: (o) => app.inject(o),
    async advance(seconds) {
      clock.advance(seconds * 1000);
      await deps.runDueWork();
    },
    async close() {
      await app.close();
      await deps.close();
    },
  };
}

/** The Zoom error body, parsed, with a check that it has the documented shape. */
export function zoomError(res: LightMyRequestResponse): { code: number; message: string; errors?: { field: string; message: string }[] } {
  const body = res.json() as { code: unknown; message: unknown; errors?: unknown };
  if (typeof body.code !== 'number' || typeof body.message !== 'string') throw new Error(`not a Zoom error body: ${res.body}`);
  return body as { code: number; message: string; errors?: { field: string; message: string }[] };
}

export const STATUS_OF = async (f: Fixture, u: User) => (await f.get(u.id)).json().status as string;

/** A multipart/form-data body; a part with a filename is sent as a file part. */
export function multipart(parts: Array<[name: string, value: string, filename?: string]>, boundary = '----presence-test-boundary') {
  const body = parts.map(([name, value, filename]) =>
    `--${boundary}\r\nContent-Disposition: form-data; name="${name}"${filename ? `; filename="${filename}"\r\nContent-Type: text/plain` : ''}\r\n\r\n${value}\r\n`,
  ).join('') + `--${boundary}--\r\n`;
  return { payload: body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
