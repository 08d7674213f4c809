// The README's configuration table is the SETTINGS table: a setting added without documenting it fails here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SETTINGS, loadConfig, ConfigError } from '../src/config.js';

const readme = readFileSync(fileURLToPath(new URL('../../../../README.md', import.meta.url)), 'utf8');

test('README lists every setting with its flag, environment variable and default', async () => {
  // @ts-expect-error plain .mjs script without types
  const { configTable } = await import('../../../../scripts/config-table.mjs');
  const block = /<!-- config:start -->\n([\s\S]*?)\n<!-- config:end -->/.exec(readme);
  assert.ok(block, 'README has a <!-- config:start --> … <!-- config:end --> block');
  assert.equal(block[1], configTable(), 'README table is stale: regenerate it with `node scripts/config-table.mjs`');
  assert.equal(SETTINGS.length, new Set(SETTINGS.map((s) => s.env)).size, 'environment variables are unique');
});

test('flags win over environment variables, which win over defaults', () => {
  const c = loadConfig({ PRESENCE_PORT: '9000', PRESENCE_HOST: '0.0.0.0' }, ['--port', '9100']);
  assert.equal(c.port, 9100);
  assert.equal(c.host, '0.0.0.0');
  assert.equal(c.userUpdateWindowSec, 60);
});

test('invalid settings are refused with a message naming the setting', () => {
  assert.throws(() => loadConfig({ PRESENCE_PORT: 'eighty' }), (e: Error) => e instanceof ConfigError && /PRESENCE_PORT/.test(e.message));
  assert.throws(() => loadConfig({}, ['--store', 'mongo']), (e: Error) => e instanceof ConfigError && /--store must be one of/.test(e.message));
  assert.throws(() => loadConfig({}, ['--no-such-flag']), (e: Error) => e instanceof ConfigError && /Unknown flag --no-such-flag/.test(e.message));
  assert.throws(() => loadConfig({ PRESENCE_TOKEN_SECRET: 'short' }), (e: Error) => e instanceof ConfigError && /at least 32/.test(e.message));
});
