// HTTP benchmark: PUT and GET of the real server against a bare Fastify route, interleaved in one run.
// Usage: node bench/http.mjs [--connections 50] [--duration 8] [--slices 8] [--warmup 3] [--users 8000] [--window 0] [--json out.json] [--server path/to/main.js] [--profile dir]
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startChild } from './support/children.mjs';
import { runOnce, summarize, assertAll } from './support/load.mjs';
import { ADMIN_KEY, CLIENT_VERSION, writeSeed, adminToken, readStatuses, putLists, advance, getLists, changeCount, verifyPutRun } from './support/presence-fixture.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const MAIN = join(here, '..', 'packages', 'server', 'dist', 'src', 'main.js');
const BARE = join(here, 'support', 'bare-server.mjs');

const { values: opt } = parseArgs({
  options: {
    connections: { type: 'string', default: '50' },
    duration: { type: 'string', default: '8' },
    slices: { type: 'string', default: '8' },
    warmup: { type: 'string', default: '3' },
    users: { type: 'string', default: '8000' },
    // Per-user update window, seconds. 0 (the default here) lets the bench revisit users freely; with a
    // window, --users must exceed (PUTs per second × window) on every connection or 429s fail the run.
    window: { type: 'string', default: '0' },
    json: { type: 'string' },
    // Another build of the server to measure (e.g. a copy of packages/server/dist from an earlier commit).
    server: { type: 'string', default: MAIN },
    // Writes a V8 CPU profile of each Presence server process into this directory (node --cpu-prof).
    profile: { type: 'string' },
  },
});
const cfg = {
  connections: Number(opt.connections),
  duration: Number(opt.duration),
  slices: Number(opt.slices),
  warmup: Number(opt.warmup),
  users: Number(opt.users),
  windowSec: Number(opt.window),
};
const slice = cfg.duration / cfg.slices;

const tmp = mkdtempSync(join(tmpdir(), 'presence-bench-'));
const dataDir = join(tmp, 'data');
const dbPath = join(dataDir, 'presence.db');
const seedPath = join(tmp, 'seed.json');
const children = new Set();

function presenceArgs(sync, seed) {
  const prof = opt.profile ? ['--cpu-prof', '--cpu-prof-dir', opt.profile] : [];
  return [
    ...prof, opt.server, '--host', '127.0.0.1', '--port', '0', '--store', 'sqlite', '--data-dir', dataDir, '--sqlite-synchronous', sync,
    '--log-level', 'silent', '--demo', 'false', '--admin-key', ADMIN_KEY, '--user-update-window-sec', String(cfg.windowSec),
    '--account-rate-limits', 'true', '--business-per-second', '1000000', ...(seed ? ['--seed-file', seedPath] : []),
  ];
}
async function start(name, args) {
  const c = await startChild(name, args);
  children.add(c);
  return c;
}
async function stop(c) {
  await c.stop();
  children.delete(c);
}

/** A bare GET target: fixed request lists, nothing to check beyond status codes. */
const fixed = (label, url, lists) => ({ label, url, lists: () => lists, after: async () => {} });

/** Bare PUTs: the same requests as Presence gets (token included), so both parse the same bytes. */
function barePut(label, url, token) {
  const offsets = [];
  const state = new Array(cfg.users).fill('Available');
  return {
    label, url,
    lists: () => putLists(state, cfg.connections, token, offsets),
    async after(progress) {
      advance(offsets, progress);
    },
  };
}

/** Presence PUTs: lists built from the users' current statuses, every slice checked against the server. */
function presencePut(label, url, token, state) {
  let changesBefore = 0;
  return {
    label, url,
    lists() {
      changesBefore = changeCount(dbPath);
      return putLists(state.current, cfg.connections, token, state.offsets);
    },
    async after(progress, s) {
      state.current = await verifyPutRun(label, url, dbPath, state.current, changesBefore, progress, s.codes[204]);
      advance(state.offsets, progress);
    },
  };
}

const hint = `\nA 429 means a user was updated twice within the ${cfg.windowSec} s window: raise --users.`;
async function runSlice(t, seconds, expect) {
  const { result, progress } = await runOnce(t.url, t.lists(), { connections: cfg.connections, duration: seconds });
  const s = summarize(t.label, t.url, cfg.connections, [result]);
  assertAll(s, expect, hint);
  await t.after(progress, s);
  return result;
}

/** Warms both targets up, then measures them in alternating slices (A B B A …) so drift hits both alike. */
async function compare(a, b, expect) {
  process.stdout.write(`  ${a.label} vs ${b.label} …`);
  await runSlice(a, cfg.warmup, expect);
  await runSlice(b, cfg.warmup, expect);
  const ra = [];
  const rb = [];
  for (let k = 0; k < cfg.slices; k++) {
    const order = k % 2 === 0 ? [[a, ra], [b, rb]] : [[b, rb], [a, ra]];
    for (const [t, out] of order) out.push(await runSlice(t, slice, expect));
  }
  const sa = summarize(a.label, a.url, cfg.connections, ra);
  const sb = summarize(b.label, b.url, cfg.connections, rb);
  // Each pair of adjacent slices is one comparison; the median of them resists a burst of other load.
  const rate = (r) => r.totalCompletedRequests / r.duration;
  const pairs = ra.map((r, k) => rate(rb[k]) / rate(r)).sort((x, y) => x - y);
  const ratio = { median: pairs[Math.floor(pairs.length / 2)], min: pairs[0], max: pairs[pairs.length - 1], overall: sb.rps / sa.rps };
  console.log(` ${Math.round(sa.rps)} vs ${Math.round(sb.rps)} req/s; ratio median ${ratio.median.toFixed(2)} (pairs ${ratio.min.toFixed(2)}–${ratio.max.toFixed(2)})`);
  return [sa, sb, ratio];
}

try {
  writeSeed(seedPath, cfg.users);
  console.log(`Seeding ${cfg.users} users and starting the servers …`);
  const bare = await start('bare Fastify', [BARE]);
  // The seed is applied by the first (NORMAL) start; the FULL start reopens the same database.
  let presence = await start('Presence (NORMAL)', presenceArgs('NORMAL', true));
  const token = await adminToken(presence.url);
  const state = { current: await readStatuses(presence.url, cfg.users), offsets: [] };
  const bareP = barePut('bare PUT', bare.url, token);

  console.log('SQLite synchronous = NORMAL');
  const [bN, pN, rN] = await compare(bareP, presencePut('Presence PUT (NORMAL)', presence.url, token, state), 204);
  await stop(presence);

  presence = await start('Presence (FULL)', presenceArgs('FULL', false));
  console.log('SQLite synchronous = FULL (the default)');
  const [bF, pF, rF] = await compare(bareP, presencePut('Presence PUT (FULL)', presence.url, token, state), 204);
  const [bG, pG, rG] = await compare(
    fixed('bare GET', bare.url, getLists(cfg.users, cfg.connections, token)),
    fixed('Presence GET', presence.url, getLists(cfg.users, cfg.connections, token)),
    200,
  );

  const rows = [bN, pN, bF, pF, bG, pG];
  const ratios = { putFull: rF, putNormal: rN, get: rG };
  const revisit = cfg.users / Math.max(pF.rps, pN.rps);
  console.log(`
Command: node bench/http.mjs ${process.argv.slice(2).join(' ')}
Machine: ${cpus().length} CPUs (${cpus()[0]?.model.trim()}), Node ${process.version}.
Load: autocannon in this process, ${cfg.connections} connections, pipelining 1; per comparison ${cfg.warmup} s warm-up of each target,
then ${cfg.slices} alternating slices of ${slice} s each (${cfg.duration} s per target). Each server runs in its own process;
both get the same requests (paths, JSON bodies, the same Authorization header).
Presence: SQLite store in a fresh temp dir (WAL); ${cfg.users} users signed in on desktop ${CLIENT_VERSION}; account-level token
with user:write:admin and user:read:admin; per-user update window ${cfg.windowSec} s (each user is revisited about every ${revisit.toFixed(1)} s);
account limits on, business plan at 1,000,000 requests/s. PUT bodies flip each user between Away and Available;
after every slice each user's status and the change log are checked: every 204 is exactly one status change.

| target | req/s | p50 ms | p99 ms |
|---|---:|---:|---:|
${rows.map((r) => `| ${r.label} | ${Math.round(r.rps)} | ${r.p50} | ${r.p99} |`).join('\n')}

| ratio (same run) | median of slice pairs | pairs min–max | all slices | target |
|---|---:|---:|---:|---:|
${[['Presence PUT, synchronous FULL / bare PUT', ratios.putFull, '≥ 0.50'], ['Presence PUT, synchronous NORMAL / bare PUT', ratios.putNormal, '≥ 0.50'], ['Presence GET / bare GET', ratios.get, '≥ 0.80']]
    .map(([name, r, target]) => `| ${name} | ${r.median.toFixed(2)} | ${r.min.toFixed(2)}–${r.max.toFixed(2)} | ${r.overall.toFixed(2)} | ${target} |`).join('\n')}`);
  if (opt.json) writeFileSync(opt.json, JSON.stringify({ config: cfg, rows, ratios }, null, 2));
} finally {
  for (const c of children) await c.stop();
  rmSync(tmp, { recursive: true, force: true });
}
