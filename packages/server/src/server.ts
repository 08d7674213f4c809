// Starting and stopping a whole server: deps, seed, demo, the HTTP app and the background sweep.
import type { FastifyInstance } from 'fastify';
import type { Config } from './config.js';
import { buildApp, type RoutePlugin } from './app.js';
import { createDeps, type Deps, type DepsOverrides } from './deps.js';
import { applySeed, readSeedFile } from './seed.js';
import { createDemo, loadDemo, type DemoInfo } from './demo.js';
import { probeListen } from './listen-errors.js';

export type RunningServer = { app: FastifyInstance; deps: Deps; url: string; demo: DemoInfo | undefined; close(): Promise<void> };

/** Plugins that other modules (webhooks, streams, dashboard) add to every server. */
export const plugins: { routes: RoutePlugin[]; start: Array<(deps: Deps, app: FastifyInstance) => Promise<(() => Promise<void>) | void>> } = { routes: [], start: [] };

export async function startServer(config: Config, o: DepsOverrides = {}): Promise<RunningServer> {
  await probeListen(config);
  const deps = await createDeps(config, o);
  if (config.seedFile) await applySeed(deps, readSeedFile(config.seedFile));
  const demo = config.demo ? (deps.freshStore ? await createDemo(deps) : await loadDemo(deps)) : undefined;
  const app = buildApp(deps, plugins.routes);
  const stops: Array<() => Promise<void>> = [];
  for (const s of plugins.start) {
    const stop = await s(deps, app);
    if (stop) stops.push(stop);
  }
  await app.listen({ host: config.host, port: config.port });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const local = host === '0.0.0.0' ? '127.0.0.1' : host === '[::]' ? '[::1]' : host;
  const url = config.publicUrl || `http://${local}:${port}`;

  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    deps.runDueWork().catch((e) => app.log.error({ err: e }, 'background sweep failed')).finally(() => (running = false));
  }, config.sweepIntervalMs);
  timer.unref();

  return {
    app, deps, url, demo,
    async close() {
      clearInterval(timer);
      // Connections that go idle after close() began (a response sent without `connection: close`) would
      // hold it until their keep-alive lapses: close them as they go idle.
      const sweep = setInterval(() => app.server.closeIdleConnections(), 200);
      try {
        await app.close();
      } finally {
        clearInterval(sweep);
      }
      app.server.closeIdleConnections();
      for (const s of stops) await s();
      await deps.close();
    },
  };
}
