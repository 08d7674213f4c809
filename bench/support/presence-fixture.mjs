// The benchmark's account (many signed-in users, an admin app), its request lists, and the checks
// that every accepted PUT really changed a user's status.
import { writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';

export const ACCOUNT = 'bench';
export const CLIENT_VERSION = '5.17.11';
export const ADMIN_KEY = 'bench-admin-key-0123456789';
const APP = { client_id: 'bench-app', client_secret: 'bench-secret-0123456789abcdef', scopes: ['user:write:admin', 'user:read:admin'] };

const userId = (i) => `u${i}`;
const path = (i) => `/v2/users/${userId(i)}/presence_status`;

/** One business account, an owner and `n` members, each signed in on a desktop client that may set any status. */
export function writeSeed(file, n) {
  const sessions = [{ client_type: 'desktop', client_version: CLIENT_VERSION }];
  const users = [{ id: 'owner', email: 'owner@bench.test', role: 'owner', sessions }];
  for (let i = 0; i < n; i++) users.push({ id: userId(i), email: `${userId(i)}@bench.test`, sessions });
  writeFileSync(file, JSON.stringify({ accounts: [{ id: ACCOUNT, name: 'Bench', plan: 'business', users, apps: [APP] }] }));
}

/** An account-level access token of the admin app, through Zoom's token endpoint. */
export async function adminToken(baseUrl) {
  const basic = Buffer.from(`${APP.client_id}:${APP.client_secret}`).toString('base64');
  const res = await fetch(`${baseUrl}/oauth/token`, {
    method: 'POST',
    headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: `grant_type=account_credentials&account_id=${ACCOUNT}`,
  });
  if (res.status !== 200) throw new Error(`token request failed: ${res.status} ${await res.text()}`);
  return (await res.json()).access_token;
}

/** Every user's status as the server reports it (extension API), indexed like the seed. */
export async function readStatuses(baseUrl, n) {
  const res = await fetch(`${baseUrl}/presence/v1/accounts/${ACCOUNT}/users`, { headers: { authorization: `Bearer ${ADMIN_KEY}` } });
  if (res.status !== 200) throw new Error(`listing users failed: ${res.status} ${await res.text()}`);
  const out = new Array(n);
  for (const u of (await res.json()).users) if (u.id.startsWith('u')) out[Number(u.id.slice(1))] = u.status;
  return out;
}

const other = (s) => (s === 'Away' ? 'Available' : 'Away');

/**
 * Connection k owns the users i ≡ k (mod connections) and cycles through them twice, starting at
 * `offsets[k]` (where its previous run stopped, so no user is revisited early): first setting the
 * status each does not have, then the one it had, so every PUT is a change (Away ↔ Available).
 */
export function putLists(state, connections, token, offsets = []) {
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const lists = [];
  for (let k = 0; k < connections; k++) {
    const owned = [];
    for (let i = k; i < state.length; i += connections) owned.push(i);
    const o = (offsets[k] ?? 0) % owned.length;
    const mine = [...owned.slice(o), ...owned.slice(0, o)];
    const entry = (i, s) => ({ method: 'PUT', path: path(i), headers: { ...headers }, body: `{"status":"${s}"}`, user: i, status: s });
    lists.push([...mine.map((i) => entry(i, other(state[i]))), ...mine.map((i) => entry(i, state[i]))]);
  }
  return lists;
}

/** Moves each connection's offset past the users it reached in a run (answered, or cut off in flight). */
export function advance(offsets, progress) {
  progress.forEach((p, k) => {
    offsets[k] = (offsets[k] ?? 0) + p.answered + (p.client.reqsMade > p.answered ? 1 : 0);
  });
}

/** GETs: connection k cycles through the users it owns. */
export function getLists(n, connections, token) {
  const lists = [];
  for (let k = 0; k < connections; k++) {
    const list = [];
    for (let i = k; i < n; i += connections) list.push({ method: 'GET', path: path(i), headers: { authorization: `Bearer ${token}` } });
    lists.push(list);
  }
  return lists;
}

/** The number of status changes in the server's change log (a row is written with each change). */
export function changeCount(dbPath) {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT count(*) AS n FROM events').get().n;
  } finally {
    db.close();
  }
}

/**
 * After a PUT run whose every response was 204: replays what each connection was answered, decides
 * for the PUT each connection still had in flight when the run stopped whether the server applied it,
 * and checks the result against every user's status on the server and the change log.
 * Returns the new state.
 */
export async function verifyPutRun(label, baseUrl, dbPath, before, changesBefore, progress, n204) {
  await new Promise((r) => setTimeout(r, 300)); // let cut-off requests finish their commit
  const after = await readStatuses(baseUrl, before.length);
  const expected = [...before];
  let answered = 0;
  let cutOffApplied = 0;
  for (const p of progress) {
    for (let j = 0; j < p.answered; j++) {
      const e = p.list[j % p.list.length];
      expected[e.user] = e.status;
    }
    answered += p.answered;
    if (p.client.reqsMade > p.answered) {
      const e = p.list[p.answered % p.list.length];
      if (after[e.user] === e.status) cutOffApplied++;
      expected[e.user] = after[e.user];
    }
  }
  if (answered !== n204) throw new Error(`${label}: connections saw ${answered} responses, autocannon counted ${n204}`);
  const wrong = expected.findIndex((s, i) => s !== after[i]);
  if (wrong !== -1) throw new Error(`${label}: u${wrong} is ${after[wrong]} on the server, the bench expected ${expected[wrong]}`);
  const changes = changeCount(dbPath) - changesBefore;
  if (changes !== n204 + cutOffApplied) throw new Error(`${label}: ${n204} × 204 (+${cutOffApplied} cut off) but ${changes} status changes logged`);
  return after;
}
