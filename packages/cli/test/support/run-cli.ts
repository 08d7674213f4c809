// Runs `presence` as a child process, the way a user does, with a clean environment and home directory.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../../../bin/presence.js', import.meta.url));

export type CliResult = { code: number | null; stdout: string; stderr: string };
export type CliOptions = { env?: Record<string, string | undefined>; cwd?: string; home?: string };

/** A fresh, empty directory: no ./data, no profiles, unless the test puts them there. */
export function emptyDir(prefix = 'presence-cli-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

function childEnv(o: CliOptions): Record<string, string> {
  // Nothing inherited but PATH: a developer's own PRESENCE_* variables or profiles must not leak in.
  const env: Record<string, string | undefined> = { PATH: process.env.PATH, HOME: o.home ?? emptyDir('presence-home-'), TZ: 'UTC', ...o.env };
  return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined));
}

export function startCli(args: readonly string[], o: CliOptions = {}): ChildProcess {
  // Asynchronous on purpose: the server under test runs in this process and must keep answering.
  return spawn(process.execPath, [BIN, ...args], { cwd: o.cwd ?? emptyDir(), env: childEnv(o), stdio: ['ignore', 'pipe', 'pipe'] });
}

export function runCli(args: readonly string[], o: CliOptions = {}): Promise<CliResult> {
  const child = startCli(args, o);
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Collects a long-running child's output and waits for lines that match. */
export class Tail {
  out = '';
  err = '';
  private waiters: Array<() => void> = [];
  readonly exited: Promise<number | null>;

  constructor(readonly child: ChildProcess) {
    child.stdout!.setEncoding('utf8').on('data', (d: string) => this.push(() => (this.out += d)));
    child.stderr!.setEncoding('utf8').on('data', (d: string) => this.push(() => (this.err += d)));
    this.exited = new Promise((resolve) => child.once('close', (code) => resolve(code)));
  }

  private push(append: () => void) {
    append();
    for (const w of this.waiters.splice(0)) w();
  }

  /** Resolves with stdout once `test` accepts it; rejects with what was seen after `ms`. */
  async waitFor(test: (out: string, err: string) => boolean, ms = 10_000): Promise<string> {
    const deadline = Date.now() + ms;
    while (!test(this.out, this.err)) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out; stdout:\n${this.out}\nstderr:\n${this.err}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
    return this.out;
  }

  lines(): string[] {
    return this.out.split('\n').filter(Boolean);
  }
}
