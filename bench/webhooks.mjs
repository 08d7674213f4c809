// Webhook throughput: accepted PUTs → signed deliveries at a local receiver, against the same PUTs with no webhook.
// Usage: node bench/webhooks.mjs [--users 2000] [--puts 4000] [--connections 32] [--rounds 3] [--concurrency 8] [--sync FULL]
import { fork, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = dirname(fileURLToPath(import.meta.url));
const MAIN = join(here, '..', 'packages', 'server', 'dist', 'src', 'main.js');
const ADMIN_KEY = 'bench-admin-key-0123456789';
const SECRET = 'bench-webhook-secret-0123';
const APP = { client_id: 'bench-app', client_secret: 'bench-secret-0123456789abcdef', scopes: ['user:write:admin', 'user:read:admin'] };

const { values: o } = parseArgs({
  options: {
    users: { type: 'string', default: '2000' }, puts: { type: 'string', default: '4000' }, connections: { type: 'string', default: '32' },
    rounds: { type: 'string', default: '3' }, concurrency: { type: 'string', default: '8' }, sync: { type: 'string', default: 'FULL' },
  },
});
const cfg = { users: +o.users, puts: +o.puts, connections: +o.connections, rounds: +o.rounds, concurrency: +o.concurrency, sync: o.sync };

const tmp = mkdtempSync(join(tmpdir(), 'presence-bench-webhooks-'));
const kids = [];
process.on('exit', () => { for (const k of kids) k.kill('SIGKILL'); rmSync(tmp, { recursive: true, force: true }); });

function startServer() {
  const users = [{ id: 'owner', email: 'owner@bench.test', role: 'owner' }];
  for (let i = 0; i < cfg.users; i++) users.push({ id: `u${i}`, email: `u${i}@bench.test`, sessions: [{ client_type: 'desktop', client_version: '6.3.0' }] });
  writeFileSync(join(tmp, 'seed.json'), JSON.stringify({ accounts: [{ id: 'bench', name: 'Bench', plan: 'business', users, apps: [APP] }] }));
  const child = spawn(process.execPath, [
    MAIN, '--port', '0', '--store', 'sqlite', '--data-dir', join(tmp, 'data'), '--sqlite-synchronous', cfg.sync, '--log-level', 'silent',
    '--demo', 'false', '--admin-key', ADMIN_KEY, '--user-update-window-sec', '0', '--account-rate-limits', 'false',
    '--webhook-concurrency', String(cfg.concurrency), '--seed-file', join(tmp, 'seed.json'),
  ], { stdio: ['ignore', 'pipe', 'inherit'] });
  kids.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) { child.stdout.removeAllListeners('data'); child.stdout.resume(); resolve(m[1]); }
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
}

function startReceiver() {
  const child = fork(join(here, 'support', 'webhook-receiver.mjs'), { env: { ...process.env, BENCH_WEBHOOK_SECRET: SECRET } });
  kids.push(child);
  let onReset = () => {};
  const r = {
    url: '', stats: { received: 0 },
    reset: () => new Promise((res) => { onReset = res; child.send('reset'); }),
  };
  return new Promise((resolve) => child.on('message', (m) => {
    if (m.url) { r.url = m.url; resolve(r); }
    if (m.stats) r.stats = m.stats;
    if (m.reset) onReset();
  }));
}

const agent = new http.Agent({ keepAlive: true, maxSockets: cfg.connections });
function request(base, method, path, headers, body) {
  return new Promise((resolve, reject) => {
    const req = http.request(new URL(path, base), { method, agent, headers: { ...headers, ...(body ? { 'content-length': Buffer.byteLength(body) } : {}) } }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** `cfg.puts` PUTs over `cfg.connections` loops; each flips one user between Away and Available, so each is a change. */
async function putRun(base, token, state) {
  let next = 0;
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const loop = async () => {
    while (next < cfg.puts) {
      const i = next++ % cfg.users;
      state[i] = state[i] === 'Away' ? 'Available' : 'Away';
      const r = await request(base, 'PUT', `/v2/users/u${i}/presence_status`, headers, `{"status":"${state[i]}"}`);
      if (r.status !== 204) throw new Error(`PUT answered ${r.status}: ${r.text}`);
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: cfg.connections }, loop));
  return { t0, ms: performance.now() - t0 };
}

const base = await startServer();
const receiver = await startReceiver();
const tok = await request(base, 'POST', `/oauth/token?grant_type=account_credentials&account_id=bench`, {
  authorization: `Basic ${Buffer.from(`${APP.client_id}:${APP.client_secret}`).toString('base64')}`,
});
const token = JSON.parse(tok.text).access_token;
const state = new Array(cfg.users).fill('Available');
const admin = { 'x-presence-admin-key': ADMIN_KEY, 'content-type': 'application/json' };

console.log(`config: ${JSON.stringify(cfg)}; node ${process.version}; ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}`);
const rows = [];
let hookId = null;
for (let round = 1; round <= cfg.rounds; round++) {
  // Baseline: the same PUTs with no endpoint subscribed.
  if (hookId) await request(base, 'DELETE', `/presence/v1/webhooks/${hookId}`, admin);
  const plain = await putRun(base, token, state);
  rows.push({ round, phase: 'no webhook', putsPerSec: cfg.puts / (plain.ms / 1000) });

  await receiver.reset();
  const sub = await request(base, 'POST', '/presence/v1/accounts/bench/webhooks', admin, JSON.stringify({ url: receiver.url, secret_token: SECRET }));
  if (sub.status !== 201) throw new Error(`subscribe failed: ${sub.status} ${sub.text}`);
  hookId = JSON.parse(sub.text).id;
  const before = receiver.stats.received;
  const run = await putRun(base, token, state);
  while (receiver.stats.received < before + cfg.puts) await new Promise((r) => setTimeout(r, 5));
  const allMs = performance.now() - run.t0;
  rows.push({ round, phase: 'webhook', putsPerSec: cfg.puts / (run.ms / 1000), eventsPerSec: cfg.puts / (allMs / 1000), lagMs: allMs - run.ms });
}
await new Promise((r) => setTimeout(r, 300));
const s = receiver.stats;
const ok = s.duplicates === 0 && s.badSignatures === 0 && s.outOfOrder === 0 && s.received === cfg.puts * cfg.rounds;
for (const r of rows) {
  console.log(`round ${r.round} ${r.phase.padEnd(10)} PUT ${r.putsPerSec.toFixed(0).padStart(6)}/s` +
    (r.eventsPerSec ? `   webhook events ${r.eventsPerSec.toFixed(0).padStart(6)}/s   last event ${r.lagMs.toFixed(0)} ms after the last PUT` : ''));
}
const avg = (f) => rows.filter(f).reduce((a, r, _, all) => a + r.eventsPerSec / all.length, 0);
const base0 = rows.filter((r) => r.phase === 'no webhook').reduce((a, r, _, all) => a + r.putsPerSec / all.length, 0);
const withHook = rows.filter((r) => r.phase === 'webhook').reduce((a, r, _, all) => a + r.putsPerSec / all.length, 0);
console.log(`ratios (same run): PUT rate with a webhook / without = ${(withHook / base0).toFixed(2)}; webhook events/s / PUT rate without = ${(avg((r) => r.phase === 'webhook') / base0).toFixed(2)}`);
console.log(`receiver: ${s.received} events, ${s.duplicates} duplicate request ids, ${s.badSignatures} bad signatures, ${s.outOfOrder} out of order per user`);
process.exit(ok ? 0 : 1);
