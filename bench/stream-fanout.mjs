// Stream fan-out latency: from just before an accepted PUT to receipt of its presence event at every stream client.
// Usage (10,000 clients need ~10,100 descriptors in the server process: run `ulimit -n 20000` first):
//   npm run build && node bench/stream-fanout.mjs [--clients 1000,10000] [--events 100] [--warmup 10] [--gap 25]
//     [--store sqlite|memory] [--sync FULL|NORMAL] [--procs 2] [--users 50]
// Processes: this one (orchestrator: sends the PUTs, keeps the clock), one server, `--procs` client processes holding raw
// sockets. Timestamps are process.hrtime (CLOCK_MONOTONIC, shared by all processes). One event is in flight at a time.
// PROF=<dir> writes a CPU profile of the server process there.
import { execSync, fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const SELF = fileURLToPath(import.meta.url);
const DIST = new URL('../packages/server/dist/src/', import.meta.url);
const now = () => Number(process.hrtime.bigint()) / 1e6;
const role = process.argv[2];

/** The server, in-process so a bus wrapper can time the commit → fan-out steps. */
async function serverRole(cfg) {
  const { loadConfig, startServer } = await import(new URL('index.js', DIST).href);
  const { MemoryBus } = await import(new URL('bus/memory-bus.js', DIST).href);
  const inner = new MemoryBus();
  let marks = [];
  // The stream hub fans out (socket writes included) in an immediate queued during publish; this one is queued
  // after it, so it marks when the server is through with the event.
  const bus = { publish(ev) { const t = now(); inner.publish(ev); const m = [t, 0]; marks.push(m); setImmediate(() => (m[1] = now())); }, subscribe: (l) => inner.subscribe(l), close: () => inner.close() };
  const config = loadConfig({}, [
    '--port', '0', '--store', cfg.store, '--data-dir', cfg.dataDir, '--sqlite-synchronous', cfg.sync, '--log-level', 'silent',
    '--demo', 'false', '--user-update-window-sec', '0', '--account-rate-limits', 'false',
  ]);
  const server = await startServer(config, { bus });
  const { directory, presence, tokens } = server.deps;
  await directory.createAccount({ id: 'bench', name: 'Bench' });
  for (let i = 0; i < cfg.users; i++) {
    const u = await directory.createUser('bench', { id: `u${i}`, email: `u${i}@bench.example`, role: i === 0 ? 'owner' : 'member' });
    await presence.signIn(u, 'desktop', '6.3.0', true);
  }
  const { token } = await tokens.issue({ accountId: 'bench', userId: 'u0', scopes: ['user:read:admin', 'user:write:admin'], kind: 'account', clientId: null, ttlSec: 86_400 });
  let cpu = process.cpuUsage();
  process.on('message', async (m) => {
    if (m.type === 'reset') { marks = []; cpu = process.cpuUsage(); }
    if (m.type === 'marks') process.send({ type: 'marks', marks, cpu: process.cpuUsage(cpu) });
    if (m.type === 'stop') { await server.close(); process.exit(0); }
  });
  process.send({ type: 'ready', url: server.url, token });
}

/** Raw sockets reading the stream; records when each socket sees each presence event. */
async function clientsRole(cfg) {
  const { port, token } = cfg;
  const request = `GET /presence/v1/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\nAccept: text/event-stream\r\n\r\n`;
  const MARK = Buffer.from('event: presence');
  const SNAPSHOT = Buffer.from('event: snapshot');
  const NONE = Buffer.alloc(0);
  const socks = [];
  let phase = { recv: new Float64Array(0), per: 0, got: new Int32Array(0), expected: 0 };
  function open() {
    return new Promise((resolve, reject) => {
      const s = net.connect(port, '127.0.0.1');
      const st = { n: 0, tail: NONE, snapshot: false };
      const idx = socks.length;
      socks.push(st);
      s.setNoDelay(true);
      s.on('connect', () => s.write(request));
      s.on('error', reject);
      s.on('close', () => { if (phase.expected) { console.error(`client ${idx} closed by the server`); process.exit(1); } });
      s.on('data', (chunk) => {
        const t = now();
        // Kept cheap on purpose (these processes share the machine with the server): search bytes, no decoding.
        const buf = st.tail.length ? Buffer.concat([st.tail, chunk]) : chunk;
        if (!st.snapshot && buf.indexOf(SNAPSHOT) !== -1) { st.snapshot = true; resolve(); }
        for (let i = buf.indexOf(MARK); i !== -1; i = buf.indexOf(MARK, i + MARK.length)) {
          const k = st.n++;
          if (k >= phase.expected) continue;
          phase.recv[k * phase.per + idx] = t;
          if (++phase.got[k] === phase.per) process.send({ type: 'got', k });
        }
        // A chunk ending on a frame boundary (the usual case) leaves nothing to carry into the next one.
        const whole = buf.length >= 2 && buf[buf.length - 1] === 10 && buf[buf.length - 2] === 10;
        st.tail = whole ? NONE : Buffer.from(buf.subarray(Math.max(0, buf.length - MARK.length + 1)));
      });
    });
  }
  process.on('message', async (m) => {
    if (m.type === 'connect') {
      for (let left = m.add; left > 0; left -= 250) await Promise.all(Array.from({ length: Math.min(250, left) }, open));
      process.send({ type: 'connected', total: socks.length });
    }
    if (m.type === 'phase') {
      for (const st of socks) st.n = 0;
      phase = { recv: new Float64Array(m.events * socks.length), per: socks.length, got: new Int32Array(m.events), expected: m.events, cpu: process.cpuUsage() };
      process.send({ type: 'phased' });
    }
    if (m.type === 't0s') {
      const lat = new Float64Array(phase.recv.length);
      for (let i = 0; i < lat.length; i++) lat[i] = phase.recv[i] - m.t0s[Math.floor(i / phase.per)];
      phase.expected = 0;
      process.send({ type: 'lat', lat, cpu: process.cpuUsage(phase.cpu) });
    }
  });
  process.send({ type: 'up' });
}

async function orchestrate() {
  const { values: o } = parseArgs({
    args: process.argv.slice(2),
    options: {
      clients: { type: 'string', default: '1000,10000' }, events: { type: 'string', default: '100' }, warmup: { type: 'string', default: '10' },
      gap: { type: 'string', default: '25' }, store: { type: 'string', default: 'sqlite' }, sync: { type: 'string', default: 'FULL' },
      procs: { type: 'string', default: '2' }, users: { type: 'string', default: '50' },
    },
  });
  const cfg = { clients: o.clients.split(',').map(Number), events: +o.events, warmup: +o.warmup, gap: +o.gap, store: o.store, sync: o.sync, procs: +o.procs, users: +o.users };
  // The server process holds one descriptor per client: counts the limit cannot hold are skipped, and said so.
  const limit = Number(execSync('ulimit -n', { shell: '/bin/sh' }).toString().trim());
  const skipped = cfg.clients.filter((n) => n + 200 > limit);
  cfg.clients = cfg.clients.filter((n) => n + 200 <= limit);
  if (skipped.length) console.error(`open-file limit is ${limit}: skipping ${skipped.join(', ')} clients; run \`ulimit -n ${Math.max(...skipped) * 2}\` first to include them.`);
  if (!cfg.clients.length) process.exit(1);
  const tmp = mkdtempSync(join(tmpdir(), 'presence-bench-stream-'));
  const kids = [];
  process.on('exit', () => { for (const k of kids) k.kill('SIGKILL'); rmSync(tmp, { recursive: true, force: true }); });
  const spawn = (r, arg) => { const c = fork(SELF, [r, JSON.stringify(arg)], { serialization: 'advanced', stdio: 'inherit', execArgv: r === 'server' && process.env.PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.PROF] : [] }); kids.push(c); return c; };
  const next = (c, type) => new Promise((res) => { const on = (m) => { if (m.type === type) { c.off('message', on); res(m); } }; c.on('message', on); });

  const server = spawn('server', { store: cfg.store, sync: cfg.sync, dataDir: join(tmp, 'data'), users: cfg.users });
  const { url, token } = await next(server, 'ready');
  const port = Number(new URL(url).port);
  const clients = Array.from({ length: cfg.procs }, () => spawn('clients', { port, token }));
  await Promise.all(clients.map((c) => next(c, 'up')));
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const statuses = new Map();
  function put(user) {
    const status = statuses.get(user) === 'Away' ? 'Available' : 'Away';
    statuses.set(user, status);
    const body = JSON.stringify({ status });
    return new Promise((resolve, reject) => {
      const req = http.request(`${url}/v2/users/${user}/presence_status`, {
        method: 'PUT', agent, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      }, (res) => { res.resume(); res.on('end', () => (res.statusCode === 204 ? resolve(now()) : reject(new Error(`PUT answered ${res.statusCode}`)))); });
      req.on('error', reject);
      req.end(body);
    });
  }

  console.log('stream fan-out: one accepted PUT → its presence event at every connected stream client (one event in flight)');
  console.log(`node ${process.version}, ${cpus().length} × ${cpus()[0]?.model.trim()}, store ${cfg.store}${cfg.store === 'sqlite' ? ` (synchronous ${cfg.sync})` : ''},`
    + ` ${cfg.users} users in one account, every client streams the whole account (admin token), ${cfg.procs} client processes of raw sockets,`
    + ` ${cfg.events} events per row after ${cfg.warmup} warm-up, ${cfg.gap} ms between events; load average before: ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  const rows = [];
  let connected = 0;
  for (const n of cfg.clients) {
    const add = n - connected;
    const t = now();
    await Promise.all(clients.map((c, i) => { const share = Math.floor(add / cfg.procs) + (i < add % cfg.procs ? 1 : 0); c.send({ type: 'connect', add: share }); return next(c, 'connected'); }));
    connected = n;
    const connectS = (now() - t) / 1000;
    const total = cfg.warmup + cfg.events;
    await Promise.all(clients.map((c) => { c.send({ type: 'phase', events: total }); return next(c, 'phased'); }));
    server.send({ type: 'reset' });
    const t0s = new Float64Array(total);
    const replies = new Float64Array(total);
    for (let k = 0; k < total; k++) {
      const got = Promise.all(clients.map((c) => new Promise((res) => { const on = (m) => { if (m.type === 'got' && m.k === k) { c.off('message', on); res(); } }; c.on('message', on); })));
      t0s[k] = now();
      replies[k] = (await put(`u${k % cfg.users}`)) - t0s[k];
      await got;
      await new Promise((r) => setTimeout(r, cfg.gap));
    }
    const lats = await Promise.all(clients.map((c) => { c.send({ type: 't0s', t0s }); return next(c, 'lat'); }));
    server.send({ type: 'marks' });
    const { marks, cpu } = await next(server, 'marks');
    const row = summarize(n, connectS, cfg, lats.map((l) => l.lat), t0s, replies, marks);
    // CPU per event over the whole row (warm-up included), user + system, server and all client processes.
    row.cpuServer = (cpu.user + cpu.system) / 1000 / total;
    row.cpuServerSys = cpu.system / 1000 / total;
    row.cpuClients = lats.reduce((a, l) => a + l.cpu.user + l.cpu.system, 0) / 1000 / total;
    rows.push(row);
  }
  console.log(table(rows));
  server.send({ type: 'stop' });
  await new Promise((r) => server.once('exit', r));
  process.exit(0);
}

function pct(sorted, p) { return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]; }
const sortNum = (a) => Float64Array.from(a).sort();

function summarize(n, connectS, cfg, perProc, t0s, replies, marks) {
  const skip = cfg.warmup;
  const all = [];
  const last = [];
  for (let k = skip; k < t0s.length; k++) {
    let worst = 0;
    for (const lat of perProc) {
      const per = lat.length / t0s.length;
      for (let i = k * per; i < (k + 1) * per; i++) { all.push(lat[i]); if (lat[i] > worst) worst = lat[i]; }
    }
    last.push(worst);
  }
  const e2e = sortNum(all);
  const commit = sortNum(marks.slice(skip).map(([s], i) => s - t0s[i + skip]));
  const drained = sortNum(marks.slice(skip).map(([s, d]) => d - s));
  const reply = sortNum(replies.slice(skip));
  return { n, connectS, e2e, last: sortNum(last), commit, drained, reply, samples: all.length };
}

function table(rows) {
  const cols = [
    ['clients', (r) => String(r.n)],
    ['connect s', (r) => r.connectS.toFixed(1)],
    ['receipt p50', (r) => pct(r.e2e, 50)], ['p90', (r) => pct(r.e2e, 90)], ['p99', (r) => pct(r.e2e, 99)], ['max', (r) => r.e2e.at(-1)],
    ['all got it p50', (r) => pct(r.last, 50)], ['p99', (r) => pct(r.last, 99)],
    ['PUT→publish p50', (r) => pct(r.commit, 50)],
    ['server busy p50', (r) => pct(r.drained, 50)], ['p99', (r) => pct(r.drained, 99)],
    ['PUT reply p50', (r) => pct(r.reply, 50)],
    ['CPU/event server', (r) => r.cpuServer], ['(system)', (r) => r.cpuServerSys], ['clients', (r) => r.cpuClients],
  ];
  const cell = (v) => (typeof v === 'number' ? v.toFixed(1) : v);
  const widths = cols.map(([h], i) => Math.max(h.length, ...rows.map((r) => cell(cols[i][1](r)).length)));
  const line = (vals) => vals.map((v, i) => v.padStart(widths[i])).join('  ');
  const out = ['', line(cols.map(([h]) => h)), ...rows.map((r) => line(cols.map(([, f]) => cell(f(r)))))];
  out.push('(ms unless noted; receipt = every client × event, from just before the PUT; all got it = per event, the last client;',
    ' server busy = from publish until the server has written the event to every socket; CPU = ms per event, user + system)');
  if (rows.length > 1) {
    const [a, b] = [rows[0], rows.at(-1)];
    out.push(`ratio ${b.n}/${a.n} clients: receipt p50 ×${(pct(b.e2e, 50) / pct(a.e2e, 50)).toFixed(1)}, p99 ×${(pct(b.e2e, 99) / pct(a.e2e, 99)).toFixed(1)}; server busy p50 ×${(pct(b.drained, 50) / pct(a.drained, 50)).toFixed(1)}`);
  }
  return out.join('\n');
}

if (role === 'server') await serverRole(JSON.parse(process.argv[3]));
else if (role === 'clients') await clientsRole(JSON.parse(process.argv[3]));
else await orchestrate();
