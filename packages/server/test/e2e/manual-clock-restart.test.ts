// The manual clock with a SQLite store carries on across restarts, so it never runs backwards against saved state.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../../src/config.js';
import { startServer } from '../../src/server.js';

const ADMIN_KEY = 'clock-restart-admin-key-0123';
const START = '2026-12-03T17:00:00.000Z';

function tempDir(t: import('node:test').TestContext): string {
  const dir = mkdtempSync(join(tmpdir(), 'presence-clock-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const start = (dataDir: string, clockStart = '') => startServer(loadConfig({}, [], {
  host: '127.0.0.1', port: 0, store: 'sqlite', dataDir, clock: 'manual', clockStart, adminKey: ADMIN_KEY, logLevel: 'silent', demo: false,
}));

async function api(url: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${url}/presence/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${ADMIN_KEY}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, body: await res.json() as { now: string; epoch_ms: number } };
}

test('a restarted manual clock shows the time it was advanced to, not the start time again', async (t) => {
  const dir = tempDir(t);
  const first = await start(dir, START);
  const advanced = await api(first.url, 'POST', '/clock/advance', { seconds: 40 * 60 });
  assert.equal(advanced.status, 200);
  assert.equal(advanced.body.now, '2026-12-03T17:40:00.000Z');
  await first.close();
  assert.ok(existsSync(join(dir, 'clock.json')));

  const second = await start(dir);
  t.after(() => second.close());
  const clock = await api(second.url, 'GET', '/clock');
  assert.equal(clock.status, 200);
  assert.equal(clock.body.now, '2026-12-03T17:40:00.000Z');
});

test('an explicit start may move a saved manual clock forward but not back', async (t) => {
  const dir = tempDir(t);
  const first = await start(dir, START);
  await api(first.url, 'POST', '/clock/advance', { seconds: 3600 });
  await first.close();

  await assert.rejects(start(dir, START), (e: Error) => e instanceof ConfigError && /before the time saved in .*clock\.json \(2026-12-03T18:00:00\.000Z\)/.test(e.message));
  const later = await start(dir, '2026-12-04T09:00:00Z');
  t.after(() => later.close());
  assert.equal((await api(later.url, 'GET', '/clock')).body.now, '2026-12-04T09:00:00.000Z');
});

test('the memory store keeps no clock file: its state goes with the process', async (t) => {
  const dir = tempDir(t);
  const s = await startServer(loadConfig({}, [], {
    host: '127.0.0.1', port: 0, store: 'memory', dataDir: dir, clock: 'manual', clockStart: START, adminKey: ADMIN_KEY, logLevel: 'silent', demo: false,
  }));
  await api(s.url, 'POST', '/clock/advance', { seconds: 60 });
  await s.close();
  assert.equal(existsSync(join(dir, 'clock.json')), false);
});
