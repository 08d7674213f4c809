// The server's entry point: the only file that reads process.env and argv, listens and handles signals.
import { ConfigError, loadConfig, settingsHelp } from './config.js';
import { SeedError } from './seed.js';
import { startServer } from './server.js';
import { banner } from './demo.js';
import { listenErrorMessage } from './listen-errors.js';

export async function main(argv: string[], env: Record<string, string | undefined>): Promise<void> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(`Usage: presence serve [flags]\n\nEvery flag has an environment variable; flags win.\n\n${settingsHelp()}`);
    return;
  }
  let server;
  let config;
  try {
    config = loadConfig(env, argv);
    server = await startServer(config);
  } catch (e) {
    const listen = config && listenErrorMessage(e, config);
    if (listen || e instanceof ConfigError || e instanceof SeedError) {
      console.error(`presence: ${listen ?? (e as Error).message}`);
      process.exitCode = 1;
      return;
    }
    throw e;
  }
  console.log(banner(server.url, server.deps, server.demo));
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: finishing in-flight requests and closing the store…`);
    await server.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main(process.argv.slice(2), process.env).catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
