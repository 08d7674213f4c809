// `presence serve`: runs the server itself, with the server's own flags and environment variables.
import type { Command } from '../command.js';

export const serve: Command = {
  name: 'serve',
  args: '[flags]',
  summary: 'Run a Presence server (presence serve --help lists every setting)',
  async run(ctx, args) {
    // Loaded on demand: the other commands should not pay for starting Fastify and SQLite.
    const { main } = await import('@presence/server');
    await main(args.positionals, ctx.environment.env);
  },
};
