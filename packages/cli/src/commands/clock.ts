// `presence clock`: shows the server's time, and moves a manual clock forward so expiries happen now.
import { UsageError, str, type ParsedArgs } from '../args.js';
import type { Command } from '../command.js';
import type { Context } from '../context.js';
import { fields } from '../output.js';
import { seconds } from './parse.js';

const TO = { name: 'to', value: '<iso-time>', help: 'Advance to this time instead (e.g. 2026-12-03T18:00:00Z)' };

async function advance(ctx: Context, by: { seconds: number } | { to: string }) {
  const r = await ctx.admin().advanceClock(by, { signal: ctx.signal });
  ctx.out.result(r, () => fields([['now', r.now], ['dnd_expired', r.dnd_expired], ['sessions_timed_out', r.sessions_timed_out]]));
}

const advanceCommand: Command = {
  name: 'advance',
  args: '<seconds>',
  summary: 'Move a manual clock forward (90, 30m, 2h, 1d) and run everything that became due',
  connects: true,
  max: 1,
  flags: [TO],
  async run(ctx, args: ParsedArgs) {
    const to = str(args, 'to');
    const raw = args.positionals[0];
    if (to !== undefined) return advance(ctx, { to });
    if (raw === undefined) throw new UsageError('Give the seconds to advance (e.g. presence clock advance 90) or --to <iso-time>.');
    return advance(ctx, { seconds: seconds(raw, 'seconds') });
  },
};

export const clockCommand: Command = {
  name: 'clock',
  summary: "Show the server's clock, or advance it (manual clock only: presence serve --clock manual)",
  connects: true,
  flags: [TO],
  subcommands: [advanceCommand],
  async run(ctx, args) {
    const to = str(args, 'to');
    if (to !== undefined) return advance(ctx, { to });
    const c = await ctx.admin().getClock({ signal: ctx.signal });
    ctx.out.result(c, () => fields([['now', c.now], ['mode', c.mode]]));
  },
};
