// Runs the real server binary as a child process (SQLite in a temp dir) so tests can SIGKILL it.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../../../src/main.js', import.meta.url));
export const CHILD_ADMIN_KEY = 'crash-test-admin-key-0123';

export type Child = {
  url: string;
  proc: ChildProcess;
  /** Calls the extension or Zoom API with the admin key, or the given bearer token. */
  call(method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; json: any }>;
  kill(signal?: NodeJS.Signals): Promise<void>;
};

export async function startChild(dataDir: string, args: string[] = []): Promise<Child> {
  const proc = spawn(process.execPath, [
    MAIN, '--port', '0', '--store', 'sqlite', '--data-dir', dataDir, '--demo', 'false', '--log-level', 'silent',
    '--admin-key', CHILD_ADMIN_KEY, '--token-secret', 'crash-test-token-secret-0123456789abcdef', ...args,
  ], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  proc.stderr!.on('data', (c) => (err += c));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}${err}`)), 10_000);
    proc.stdout!.on('data', (c) => {
      out += c;
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) { clearTimeout(timer); resolve(m[1]!); }
    });
    proc.on('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited with ${code}: ${err}`)); });
  });
  proc.stdout!.resume();
  return {
    url, proc,
    async call(method, path, body, token) {
      const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : { 'x-presence-admin-key': CHILD_ADMIN_KEY };
      if (body !== undefined) headers['content-type'] = 'application/json';
      const res = await fetch(`${url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await res.text();
      return { status: res.status, json: text ? JSON.parse(text) : null };
    },
    async kill(signal = 'SIGKILL') {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      const exited = new Promise((res) => proc.once('exit', res));
      proc.kill(signal);
      await exited;
    },
  };
}
