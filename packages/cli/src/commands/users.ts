// `presence users list|add|remove`: the account's users, with their current status.
import { UsageError, str } from '../args.js';
import type { Command } from '../command.js';
import { fields, table } from '../output.js';

const list: Command = {
  name: 'list',
  summary: "List the account's users and their statuses",
  connects: true,
  async run(ctx) {
    const users = await ctx.admin().listUsers(ctx.accountId(), { signal: ctx.signal });
    ctx.out.result(users, () =>
      users.length === 0
        ? 'No users.'
        : table(['EMAIL', 'ID', 'ROLE', 'STATUS', 'DND UNTIL'], users.map((u) => [u.email, u.id, u.role, u.status, u.dnd_end_time ?? ''])),
    );
  },
};

const ROLES = ['owner', 'member'] as const;

const add: Command = {
  name: 'add',
  args: '<email>',
  summary: 'Add a user to the account',
  connects: true,
  min: 1,
  max: 1,
  flags: [
    { name: 'first-name', value: '<name>', help: 'First name' },
    { name: 'last-name', value: '<name>', help: 'Last name' },
    { name: 'role', value: '<owner|member>', help: 'Role (default member)' },
    { name: 'id', value: '<id>', help: 'User id (default: generated)' },
  ],
  async run(ctx, args) {
    const role = str(args, 'role');
    if (role !== undefined && !(ROLES as readonly string[]).includes(role)) throw new UsageError(`--role must be owner or member, got '${role}'.`);
    const u = await ctx.admin().createUser(
      ctx.accountId(),
      { email: args.positionals[0]!, first_name: str(args, 'first-name'), last_name: str(args, 'last-name'), role: role as (typeof ROLES)[number] | undefined, id: str(args, 'id') },
      { signal: ctx.signal },
    );
    ctx.out.result(u, () => fields([['added', u.email], ['id', u.id], ['role', u.role]]));
  },
};

const remove: Command = {
  name: 'remove',
  args: '<user>',
  summary: 'Remove a user (id or email), with their sessions and status',
  connects: true,
  min: 1,
  max: 1,
  async run(ctx, args) {
    const user = args.positionals[0]!;
    await ctx.admin().deleteUser(user, { signal: ctx.signal });
    ctx.out.result({ removed: user }, () => `Removed ${user}.`);
  },
};

export const usersCommand: Command = {
  name: 'users',
  summary: "Manage the account's users (admin)",
  subcommands: [list, add, remove],
};
