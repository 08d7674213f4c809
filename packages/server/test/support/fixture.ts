// Test servers on a manual clock and a memory store. A fixture is one account with an owner on 6.x, a 5.2 user,
// a signed-out user and an admin-scoped app, plus another account and an account without an owner.
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/app.js';
import { ManualClock } from '../../src/clock.js';
import { loadConfig, type Config } from '../../src/config.js';
import { createDeps, type Deps } from '../../src/deps.js';
import type { Account, User } from '../../src/store/store.js';
import { hashSecret } from '../../src/secrets.js';

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

/** The fixture app's secret hashed once per process: scrypt is deliberately slow and every fixture needs the same one. */
const CLIENT_SECRET = 'client-main-secret-0123';
let clientSecretHash: string | undefined;

export type FixtureServer = {
  app: FastifyInstance;
  deps: Deps;
  clock: ManualClock;
  /** A fresh account with its users and app on this server; ids and emails are new for each call after the first. */
  next(): Promise<Fixture>;
  close(): Promise<void>;
};

/** One app and store shared by many fixtures: building a Fastify app is the costly part of a fixture. */
export async function fixtureServer(overrides: Partial<Config> = {}): Promise<FixtureServer> {
  const config = testConfig(overrides);
  const clock = new ManualClock(T0);
  const deps = await createDeps(config, { clock });
  const app = buildApp(deps);
  await app.ready();
  let n = 0;
  const server: FixtureServer = {
    app, deps, clock,
    next: () => populate(server, n++ === 0 ? '' : `-${n}`),
    async close() {
      await app.close();
      await deps.close();
    },
  };
  return server;
}

/** A fixture on its own app, for tests that need their own configuration or a store nobody else touches. */
export async function makeFixture(overrides: Partial<Config> = {}): Promise<Fixture> {
  const server = await fixtureServer(overrides);
  const f = await server.next();
  return { ...f, close: () => server.close() };
}

async function populate(server: FixtureServer, sfx: string): Promise<Fixture> {
  const { app, deps, clock } = server;
  const { directory, presence, store } = deps;
  const mail = (name: string, domain: string) => `${name}${sfx.replace('-', '')}@${domain}`;
  const account = await directory.createAccount({ id: `acc-main${sfx}`, name: 'Main', plan: 'business' });
  const owner = await directory.createUser(account.id, { id: `u-owner${sfx}`, email: mail('Alice', 'Example.com'), role: 'owner' });
  const old = await directory.createUser(account.id, { id: `u-old${sfx}`, email: mail('bob', 'example.com') });
  const offline = await directory.createUser(account.id, { id: `u-offline${sfx}`, email: mail('carol', 'example.com') });
  await presence.signIn(owner, 'desktop', '6.3.0', true);
  await presence.signIn(old, 'desktop', '5.2.4', true);
  const otherAccount = await directory.createAccount({ id: `acc-other${sfx}`, name: 'Other', plan: 'business' });
  const stranger = await directory.createUser(otherAccount.id, { id: `u-stranger${sfx}`, email: mail('dave', 'other.example'), role: 'owner' });
  await presence.signIn(stranger, 'desktop', '6.3.0', true);
  const ownerless = await directory.createAccount({ id: `acc-ownerless${sfx}`, name: 'No owner', plan: 'business' });
  await directory.createUser(ownerless.id, { id: `u-member${sfx}`, email: mail('erin', 'ownerless.example') });
  const scopes = [...ADMIN_SCOPES, 'presence:admin'];
  clientSecretHash ??= hashSecret(CLIENT_SECRET);
  const created = { clientId: `client-main${sfx}`, accountId: account.id, name: 'Fixture app', secretHash: clientSecretHash, scopes, createdAt: clock.now() };
  if ((await store.createApp(created)) !== 'created') throw new Error(`fixture app ${created.clientId} exists`);

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
    client: { id: created.clientId, secret: CLIENT_SECRET, scopes },
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
    // Closing one fixture of a shared server leaves the server to its owner.
    async close() {},
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
