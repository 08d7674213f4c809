// --help everywhere, unknown commands and options, and presence serve handing over to the server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SETTINGS } from '@presence/server';
import type { Command } from '../src/command.js';
import { ROOT, run } from '../src/main.js';
import { runCli } from './support/run-cli.js';

function capture() {
  const sink = { text: '', write: (s: string) => void (sink.text += s) };
  return sink;
}

async function inProcess(argv: string[]) {
  const stdout = capture();
  const stderr = capture();
  const code = await run(argv, {}, { stdout, stderr }, { cwd: '/nonexistent', home: '/nonexistent' });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

function walk(cmd: Command, path: string[] = [], out: string[][] = []): string[][] {
  for (const c of cmd.subcommands ?? []) {
    out.push([...path, c.name]);
    walk(c, [...path, c.name], out);
  }
  return out;
}

test('every command and subcommand answers --help with its usage and options', async () => {
  const paths = walk(ROOT).filter((p) => p[0] !== 'serve');
  assert.ok(paths.length >= 25, `only ${paths.length} commands`);
  for (const path of paths) {
    const r = await inProcess([...path, '--help']);
    assert.equal(r.code, 0, path.join(' '));
    assert.match(r.stdout, new RegExp(`^Usage: presence ${path.join(' ')}`), path.join(' '));
    assert.match(r.stdout, /--json/, path.join(' '));
    assert.equal(r.stderr, '');
  }
});

test('help <command> is the same as <command> --help', async () => {
  assert.deepEqual(await inProcess(['help', 'sessions', 'start']), await inProcess(['sessions', 'start', '--help']));
});

test('an unknown command exits 2 and suggests the closest one', async () => {
  const r = await runCli(['stauts', 'get']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /Unknown command 'stauts'\. Did you mean status\?/);
});

test('an unknown option exits 2 and names it', async () => {
  const r = await inProcess(['status', 'set', 'a@b.c', 'Away', '--durration', '5']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /Unknown option --durration\. Did you mean --duration\?/);
});

test('presence serve --help lists every server setting', async () => {
  const r = await runCli(['serve', '--help']);
  assert.equal(r.code, 0, r.stderr);
  for (const s of SETTINGS) assert.ok(r.stdout.includes(s.env), s.env);
});

test('presence serve with a bad setting exits non-zero with the reason', async () => {
  const r = await runCli(['serve', '--port', 'eighty']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /--port must be a whole number/);
});
