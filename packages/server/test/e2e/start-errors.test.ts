// Start-up failures a user can cause: one line naming the fix, exit code 1, and nothing left in a new data directory.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/main.js';

/** Runs main() and returns what it printed on stderr and the exit code it set. */
async function run(argv: string[], env: Record<string, string> = {}) {
  const errors: string[] = [];
  const original = console.error;
  console.error = (...a: unknown[]) => void errors.push(a.join(' '));
  try {
    await main(argv, env);
  } finally {
    console.error = original;
  }
  const code = process.exitCode;
  process.exitCode = 0;
  return { stderr: errors.join('\n'), code };
}

test('a port in use: one line naming --port, exit 1, and no database or demo left in the new data directory', async (t) => {
  const busy = net.createServer();
  await new Promise<void>((r) => busy.listen(0, '127.0.0.1', r));
  const port = (busy.address() as net.AddressInfo).port;
  const dir = join(mkdtempSync(join(tmpdir(), 'presence-start-')), 'data');
  t.after(() => { busy.close(); rmSync(join(dir, '..'), { recursive: true, force: true }); });
  const r = await run(['--host', '127.0.0.1', '--port', String(port), '--data-dir', dir, '--log-level', 'silent']);
  assert.equal(r.stderr, `presence: port ${port} is in use; pick another with --port`);
  assert.equal(r.code, 1);
  assert.equal(existsSync(dir), false, 'the data directory was not created');
});

test("an address that is not this machine's: one line naming --host, exit 1", async () => {
  const r = await run(['--host', '10.255.255.1', '--port', '18080', '--store', 'memory', '--log-level', 'silent']);
  assert.match(r.stderr, /^presence: address 10\.255\.255\.1 is not an address of this machine; pick another with --host/);
  assert.equal(r.stderr.split('\n').length, 1);
  assert.equal(r.code, 1);
});

test('config messages name the flag when the value came from a flag, the variable when it came from the environment', async () => {
  const cases: Array<[string[], Record<string, string>, string]> = [
    [['--token-secret', 'short'], {}, '--token-secret must be at least 32 characters.'],
    [[], { PRESENCE_TOKEN_SECRET: 'short' }, 'PRESENCE_TOKEN_SECRET must be at least 32 characters.'],
    [['--admin-key', 'short'], {}, '--admin-key must be at least 16 characters.'],
    [[], { PRESENCE_ADMIN_KEY: 'short' }, 'PRESENCE_ADMIN_KEY must be at least 16 characters.'],
    [['--clock-start', 'yesterday'], {}, "--clock-start must be an ISO-8601 time, got 'yesterday'."],
    [[], { PRESENCE_CLOCK_START: 'yesterday' }, "PRESENCE_CLOCK_START must be an ISO-8601 time, got 'yesterday'."],
  ];
  for (const [argv, env, message] of cases) {
    const r = await run([...argv, '--store', 'memory'], env);
    assert.equal(r.stderr, `presence: ${message}`);
    assert.equal(r.code, 1);
  }
});
