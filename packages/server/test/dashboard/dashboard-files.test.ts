// Which files the dashboard route serves: read once at start-up, only plain known files, found from any cwd.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { buildApp } from '../../src/app.js';
import { createDeps, type Deps } from '../../src/deps.js';
import { installErrorHandler } from '../../src/http/error-handler.js';
import { dashboardRoutes } from '../../src/http/routes/dashboard.js';
import { testConfig } from '../support/fixture.js';

async function appOn(dir: string, deps: Deps) {
  const app = Fastify();
  installErrorHandler(app);
  dashboardRoutes(app, deps, dir);
  await app.ready();
  return app;
}

test('only regular files of a known type directly in the directory are served: no symlinks, sub-directories or others', async (t) => {
  const deps = await createDeps(testConfig());
  const dir = mkdtempSync(join(tmpdir(), 'presence-dash-files-'));
  const outside = mkdtempSync(join(tmpdir(), 'presence-dash-outside-'));
  t.after(async () => {
    await deps.close();
    rmSync(dir, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>t</title>');
  writeFileSync(join(dir, 'app.js'), 'export {};');
  writeFileSync(join(dir, 'notes.txt'), 'private notes');
  writeFileSync(join(dir, '.secret.js'), 'hidden');
  writeFileSync(join(outside, 'secret.css'), 'body{/* outside */}');
  symlinkSync(join(outside, 'secret.css'), join(dir, 'linked.css'));
  mkdirSync(join(dir, 'sub'));
  writeFileSync(join(dir, 'sub', 'inner.js'), 'export {};');
  const app = await appOn(dir, deps);
  t.after(() => app.close());

  assert.equal((await app.inject('/dashboard')).statusCode, 200);
  assert.equal((await app.inject('/dashboard/app.js')).statusCode, 200);
  for (const url of ['/dashboard/notes.txt', '/dashboard/.secret.js', '/dashboard/linked.css', '/dashboard/sub/inner.js', '/dashboard/sub']) {
    assert.equal((await app.inject(url)).statusCode, 404, url);
  }
});

test('files are read once at start-up: a change on disk is not served until a restart', async (t) => {
  const deps = await createDeps(testConfig());
  const dir = mkdtempSync(join(tmpdir(), 'presence-dash-once-'));
  t.after(async () => {
    await deps.close();
    rmSync(dir, { recursive: true, force: true });
  });
  writeFileSync(join(dir, 'index.html'), 'first');
  const app = await appOn(dir, deps);
  t.after(() => app.close());
  writeFileSync(join(dir, 'index.html'), 'second');
  writeFileSync(join(dir, 'late.js'), 'export {};');
  assert.equal((await app.inject('/dashboard')).body, 'first');
  assert.equal((await app.inject('/dashboard/late.js')).statusCode, 404);
});

test('a missing dashboard directory leaves the server running and /dashboard answering 404', async (t) => {
  const deps = await createDeps(testConfig());
  t.after(() => deps.close());
  const app = await appOn(join(tmpdir(), 'presence-no-such-dashboard-dir'), deps);
  t.after(() => app.close());
  const r = await app.inject('/dashboard');
  assert.equal(r.statusCode, 404);
  assert.deepEqual(r.json(), { code: 404, message: 'No such API: GET /dashboard.' });
});

test('the dashboard is found next to the installed server package, whatever the working directory', async (t) => {
  const cwd = process.cwd();
  const elsewhere = mkdtempSync(join(tmpdir(), 'presence-cwd-'));
  process.chdir(elsewhere);
  t.after(() => {
    process.chdir(cwd);
    rmSync(elsewhere, { recursive: true, force: true });
  });
  const deps = await createDeps(testConfig());
  const app = buildApp(deps);
  t.after(async () => {
    await app.close();
    await deps.close();
  });
  const r = await app.inject('/dashboard/app.js');
  assert.equal(r.statusCode, 200);
  assert.match(r.body, /^\/\/ The dashboard:/);
});
