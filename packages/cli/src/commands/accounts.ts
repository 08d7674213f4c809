// `presence accounts list`: every account the credentials can see (all of them with the admin key).
import type { Command } from '../command.js';
import { table } from '../output.js';

const list: Command = {
  name: 'list',
  summary: 'List accounts',
  connects: true,
  async run(ctx) {
    const accounts = await ctx.admin().listAccounts({ signal: ctx.signal });
    ctx.out.result(accounts, () => (accounts.length === 0 ? 'No accounts.' : table(['ID', 'NAME', 'PLAN'], accounts.map((a) => [a.id, a.name, a.plan]))));
  },
};

export const accountsCommand: Command = {
  name: 'accounts',
  summary: 'List accounts (admin)',
  subcommands: [list],
};
