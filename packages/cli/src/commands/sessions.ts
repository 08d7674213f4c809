// `presence sessions`: a user's signed-in clients; starting and ending them moves the user between Available and Offline.
import { UsageError, bool, str } from '../args.js';
import type { Command } from '../command.js';
import { table } from '../output.js';

const CLIENT_TYPES = ['desktop', 'mobile', 'pad', 'pzr'] as const;
type ClientType = (typeof CLIENT_TYPES)[number];

const list: Command = {
  name: 'list',
  args: '<user>',
  summary: "List a user's client sessions",
  connects: true,
  min: 1,
  max: 1,
  async run(ctx, args) {
    const sessions = await ctx.admin().listSessions(args.positionals[0]!, { signal: ctx.signal });
    ctx.out.result(sessions, () =>
      sessions.length === 0
        ? 'No sessions (the user is Offline).'
        : table(
            ['ID', 'TYPE', 'VERSION', 'STARTED', 'LAST SEEN', 'KEEP ALIVE'],
            sessions.map((s) => [s.id, s.client_type, s.client_version, s.started_at, s.last_seen_at, s.keep_alive ? 'yes' : 'no']),
          ),
    );
  },
};

const start: Command = {
  name: 'start',
  args: '<user>',
  summary: 'Sign the user in on a client (the first session makes them Available)',
  details: ['The highest client version among the sessions decides which status changes are allowed (below 5.3.0: only → Do_Not_Disturb).'],
  connects: true,
  min: 1,
  max: 1,
  flags: [
    { name: 'client-version', value: '<version>', help: 'Client version, e.g. 6.3.0 (required)' },
    { name: 'client-type', value: '<type>', help: 'desktop (default), mobile, pad or pzr' },
    { name: 'keep-alive', help: 'Never time out for lack of heartbeats' },
  ],
  async run(ctx, args) {
    const version = str(args, 'client-version');
    if (!version) throw new UsageError('--client-version is required, e.g. --client-version 6.3.0.');
    const type = str(args, 'client-type') ?? 'desktop';
    if (!(CLIENT_TYPES as readonly string[]).includes(type)) throw new UsageError(`--client-type must be one of ${CLIENT_TYPES.join(', ')}, got '${type}'.`);
    const s = await ctx.admin().startSession(
      args.positionals[0]!,
      { client_version: version, client_type: type as ClientType, keep_alive: bool(args, 'keep-alive') },
      { signal: ctx.signal },
    );
    ctx.out.result(s, () => `Started session ${s.id} (${s.client_type} ${s.client_version}${s.keep_alive ? ', keep-alive' : ''}).`);
  },
};

const heartbeat: Command = {
  name: 'heartbeat',
  args: '<sessionId>',
  summary: 'Record a heartbeat, so the session does not time out',
  connects: true,
  min: 1,
  max: 1,
  async run(ctx, args) {
    const id = args.positionals[0]!;
    await ctx.admin().heartbeat(id, { signal: ctx.signal });
    ctx.out.result({ session_id: id, heartbeat: true }, () => `Heartbeat recorded for ${id}.`);
  },
};

const end: Command = {
  name: 'end',
  args: '<sessionId>',
  summary: 'Sign out of a session (the last one ending makes the user Offline)',
  connects: true,
  min: 1,
  max: 1,
  async run(ctx, args) {
    const id = args.positionals[0]!;
    await ctx.admin().endSession(id, { signal: ctx.signal });
    ctx.out.result({ session_id: id, ended: true }, () => `Ended session ${id}.`);
  },
};

export const sessionsCommand: Command = {
  name: 'sessions',
  summary: "Manage a user's client sessions (admin)",
  subcommands: [list, start, heartbeat, end],
};
