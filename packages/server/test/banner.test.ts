// The start-up banner tells the user where to find the admin key, or shows it when it exists nowhere else.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config.js';
import { createDeps } from '../src/deps.js';
import { banner } from '../src/demo.js';

const URL = 'http://127.0.0.1:8080';

test('with the memory store and no admin key set, the banner shows the key generated for this run', async (t) => {
  const deps = await createDeps(loadConfig({}, [], { store: 'memory', logLevel: 'silent', demo: false }));
  t.after(() => deps.close());
  const text = banner(URL, deps, undefined);
  assert.match(deps.config.adminKey, /\S{16,}/);
  assert.ok(text.includes(`Admin key (generated for this run, not saved): ${deps.config.adminKey}`), text);
});

test('with SQLite the banner names the file holding the generated key, and does not print it', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'presence-banner-'));
  const deps = await createDeps(loadConfig({}, [], { store: 'sqlite', dataDir: dir, logLevel: 'silent', demo: false }));
  t.after(async () => { await deps.close(); rmSync(dir, { recursive: true, force: true }); });
  const text = banner(URL, deps, undefined);
  assert.equal(readFileSync(join(dir, 'admin-key'), 'utf8').trim(), deps.config.adminKey);
  assert.ok(text.includes(`with the admin key in ${join(dir, 'admin-key')}`), text);
  assert.ok(!text.includes(deps.config.adminKey), 'the saved key is not printed');
});

test('a key the user set is neither printed nor said to be in a file', async (t) => {
  const deps = await createDeps(loadConfig({ PRESENCE_ADMIN_KEY: 'user-chosen-admin-key-42' }, [], { store: 'memory', logLevel: 'silent', demo: false }));
  t.after(() => deps.close());
  const text = banner(URL, deps, undefined);
  assert.ok(!text.includes('user-chosen-admin-key-42'));
  assert.match(text, /with the admin key you set \(PRESENCE_ADMIN_KEY or --admin-key\)/);
});
