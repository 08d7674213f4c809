// Declarative seed file: accounts with their users, apps and signed-in clients, applied idempotently.
import { readFileSync } from 'node:fs';
import { parseVersion } from '@presence/core';
import type { Deps } from './deps.js';
import { KNOWN_SCOPES } from './http/auth.js';
import { isReservedUserId, RESERVED_USER_ID_MESSAGE } from './directory-service.js';
import { normalizeEmail, type ClientType, type Plan } from './store/store.js';

export type SeedSession = { client_type: ClientType; client_version: string };
export type SeedUser = { id?: string; email: string; first_name?: string; last_name?: string; role?: 'owner' | 'member'; sessions?: SeedSession[] };
export type SeedApp = { client_id: string; client_secret: string; scopes: string[]; name?: string };
export type SeedAccount = { id: string; name: string; plan?: Plan; users?: SeedUser[]; apps?: SeedApp[] };
export type Seed = { accounts: SeedAccount[] };

export class SeedError extends Error {}

const CLIENT_TYPES = ['desktop', 'mobile', 'pad', 'pzr'];

function check(cond: unknown, where: string, what: string): asserts cond {
  if (!cond) throw new SeedError(`Seed file: ${where}: ${what}`);
}

/** Validates a parsed seed; messages name the exact place that is wrong. */
export function validateSeed(v: unknown): Seed {
  check(v && typeof v === 'object' && Array.isArray((v as Seed).accounts), '$', 'must be an object with an "accounts" array');
  // Each of these must be unique across the file; a repeat would otherwise be skipped silently.
  const seen = { account: new Map<string, string>(), user: new Map<string, string>(), email: new Map<string, string>(), app: new Map<string, string>() };
  const unique = (kind: keyof typeof seen, key: string, owner: string, where: string) => {
    const first = seen[kind].get(key);
    check(first === undefined, where, `${key} is also ${first}`);
    seen[kind].set(key, owner);
  };
  (v as Seed).accounts.forEach((a, i) => {
    const w = `accounts[${i}]`;
    check(a && typeof a === 'object', w, 'must be an object');
    check(typeof a.id === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(a.id), `${w}.id`, 'must be 1-64 letters, digits, _ or -');
    unique('account', a.id, w, `${w}.id`);
    check(typeof a.name === 'string' && a.name.length > 0, `${w}.name`, 'is required');
    check(a.plan === undefined || ['free', 'pro', 'business'].includes(a.plan), `${w}.plan`, 'must be free, pro or business');
    (a.users ?? []).forEach((u, j) => {
      const wu = `${w}.users[${j}]`;
      check(u && typeof u.email === 'string' && /^[^@\s]+@[^@\s]+$/.test(u.email), `${wu}.email`, 'must be an email address');
      check(u.id === undefined || (typeof u.id === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(u.id)), `${wu}.id`, 'must be 1-64 letters, digits, _ or -');
      check(u.id === undefined || !isReservedUserId(u.id), `${wu}.id`, RESERVED_USER_ID_MESSAGE);
      check(u.role === undefined || u.role === 'owner' || u.role === 'member', `${wu}.role`, 'must be owner or member');
      unique('email', normalizeEmail(u.email), wu, `${wu}.email`);
      if (u.id !== undefined) unique('user', u.id, wu, `${wu}.id`);
      (u.sessions ?? []).forEach((s, k) => {
        check(CLIENT_TYPES.includes(s?.client_type), `${wu}.sessions[${k}].client_type`, `must be one of ${CLIENT_TYPES.join(', ')}`);
        check(typeof s.client_version === 'string' && parseVersion(s.client_version), `${wu}.sessions[${k}].client_version`, 'must look like 5.17.11');
      });
    });
    (a.apps ?? []).forEach((p, j) => {
      const wp = `${w}.apps[${j}]`;
      check(typeof p?.client_id === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(p.client_id), `${wp}.client_id`, 'must be 1-64 letters, digits, _ or -');
      unique('app', p.client_id, wp, `${wp}.client_id`);
      check(typeof p.client_secret === 'string' && p.client_secret.length >= 16, `${wp}.client_secret`, 'must be at least 16 characters');
      check(Array.isArray(p.scopes) && p.scopes.every((s) => KNOWN_SCOPES.includes(s)), `${wp}.scopes`, `must list known scopes: ${KNOWN_SCOPES.join(', ')}`);
    });
  });
  return v as Seed;
}

export function readSeedFile(path: string): Seed {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new SeedError(`Cannot read seed file ${path}: ${(e as Error).message}`);
  }
  try {
    return validateSeed(JSON.parse(text));
  } catch (e) {
    if (e instanceof SeedError) throw e;
    throw new SeedError(`Seed file ${path} is not valid JSON: ${(e as Error).message}`);
  }
}

/** Creates what does not exist yet; existing accounts, users and apps are left as they are. */
export async function applySeed(deps: Deps, seed: Seed): Promise<{ accounts: number; users: number; apps: number }> {
  const { store, directory, presence } = deps;
  const n = { accounts: 0, users: 0, apps: 0 };
  for (const [i, a] of seed.accounts.entries()) {
    if (!(await store.getAccount(a.id))) {
      await directory.createAccount({ id: a.id, name: a.name, plan: a.plan });
      n.accounts++;
    }
    for (const [j, u] of (a.users ?? []).entries()) {
      const where = `accounts[${i}].users[${j}]`;
      const existing = (u.id ? await store.getUser(u.id) : undefined) ?? (await store.findUserByEmail(u.email));
      if (existing && existing.accountId !== a.id) throw new SeedError(`Seed file: ${where}: ${u.id ?? u.email} belongs to account ${existing.accountId}`);
      if (existing) continue;
      const user = await directory.createUser(a.id, { id: u.id, email: u.email, firstName: u.first_name, lastName: u.last_name, role: u.role });
      for (const s of u.sessions ?? []) await presence.signIn(user, s.client_type, s.client_version, true);
      n.users++;
    }
    for (const [j, p] of (a.apps ?? []).entries()) {
      const existing = await store.getApp(p.client_id);
      if (existing && existing.accountId !== a.id) throw new SeedError(`Seed file: accounts[${i}].apps[${j}]: ${p.client_id} belongs to account ${existing.accountId}`);
      if (existing) continue;
      await directory.createApp(a.id, { clientId: p.client_id, clientSecret: p.client_secret, scopes: p.scopes, name: p.name });
      n.apps++;
    }
  }
  return n;
}
