// One-line messages for the ways listening can fail, naming the flag that fixes it.
import net from 'node:net';
import type { Config } from './config.js';

const LISTEN_CODES = new Set(['EADDRINUSE', 'EADDRNOTAVAIL', 'EACCES']);

/** The message for a listen error, or undefined when `e` is not one. */
export function listenErrorMessage(e: unknown, c: Pick<Config, 'host' | 'port'>): string | undefined {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (!code || !LISTEN_CODES.has(code)) return undefined;
  if (code === 'EADDRINUSE') return `port ${c.port} is in use; pick another with --port`;
  if (code === 'EADDRNOTAVAIL') return `address ${c.host} is not an address of this machine; pick another with --host (127.0.0.1, or 0.0.0.0 for every interface)`;
  return `not allowed to listen on ${c.host} port ${c.port} (ports below 1024 need privileges); pick another with --port`;
}

/**
 * Fails early, before any file is created, when the address cannot be listened on: a start that fails
 * should not leave a new database and demo account behind. (Racy by nature; the real listen still decides.)
 */
export async function probeListen(c: Pick<Config, 'host' | 'port'>): Promise<void> {
  if (c.port === 0) return;
  const probe = net.createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', reject);
    probe.listen({ host: c.host, port: c.port, exclusive: true }, () => resolve());
  });
  await new Promise((resolve) => probe.close(resolve));
}
