// Servers under test run as child processes, so the load generator never shares their event loop.
import { spawn } from 'node:child_process';

/** Spawns `node args…` and resolves once it prints the URL it listens on. */
export function startChild(name, args, { timeoutMs = 120_000 } = {}) {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`${name} did not start within ${timeoutMs} ms`)), timeoutMs);
    const fail = (e) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(e);
    };
    child.on('exit', (code) => fail(new Error(`${name} exited with ${code} before listening:\n${out}${err}`)));
    child.stdout.on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/\S+)/i.exec(out);
      if (!m) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      child.stdout.removeAllListeners('data');
      child.stdout.resume();
      resolve({
        name,
        url: m[1],
        pid: child.pid,
        /** SIGTERM (the servers finish in-flight work and close their store), then wait for the exit. */
        stop: () =>
          new Promise((res) => {
            if (child.exitCode !== null) return res();
            child.once('exit', () => res());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}
