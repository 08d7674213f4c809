// `presence status get|set`: reads and changes a user's status through the Zoom-compatible API.
import type { SettableStatusInput } from '@presence/sdk';
import { str } from '../args.js';
import type { Command } from '../command.js';
import { fields } from '../output.js';
import { humanSeconds } from './parse.js';

const get: Command = {
  name: 'get',
  args: '[user]',
  summary: "Show a user's status (id, email or me; default me)",
  details: ['Do-Not-Disturb shows end_time and remaining_time when the caller is the user itself (for an app: its account owner).'],
  connects: true,
  max: 1,
  async run(ctx, args) {
    const user = args.positionals[0] ?? 'me';
    const r = await ctx.presence(user).getPresenceStatus(user, { signal: ctx.signal });
    const raw = (r.raw ?? {}) as Record<string, unknown>;
    ctx.out.result(r.raw, () =>
      fields([
        ['status', r.status.kind === 'known' ? r.status.status : r.status.raw],
        ['end_time', typeof raw.end_time === 'string' ? raw.end_time : undefined],
        ['remaining_time', r.remainingTime === undefined ? undefined : `${r.remainingTime} s (${humanSeconds(r.remainingTime)})`],
      ]),
    );
  },
};

const set: Command = {
  name: 'set',
  args: '<user> <status>',
  summary: "Change a user's status",
  details: [
    'Statuses: Available, Away, Do_Not_Disturb, In_Calendar_Event, Presenting, In_A_Zoom_Meeting, On_A_Call,',
    'Out_of_Office, Busy. --duration (minutes, 1 to 1440, default 20) applies to Do_Not_Disturb.',
    'The server allows one update per user per minute and checks the user\'s client version.',
  ],
  connects: true,
  min: 2,
  max: 2,
  flags: [{ name: 'duration', value: '<minutes>', help: 'Do-Not-Disturb length in minutes (1-1440)' }],
  async run(ctx, args) {
    const [user, status] = args.positionals as [string, string];
    const d = str(args, 'duration');
    // Anything but digits goes to the server as text, so its own validation message is what the user sees.
    const duration = d === undefined ? undefined : /^\d+$/.test(d) ? Number(d) : (d as unknown as number);
    await ctx.presence(user).updatePresenceStatus(user, { status: status as SettableStatusInput, duration }, { signal: ctx.signal });
    ctx.out.result({ user, status, duration }, () => `${user} is now ${status}${duration !== undefined && status.startsWith('Do_No') ? ` for ${duration} minutes` : ''}.`);
  },
};

export const statusCommand: Command = {
  name: 'status',
  summary: "Read or change a user's presence status",
  subcommands: [get, set],
};
