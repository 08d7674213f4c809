// `presence watch`: tails the live stream of status changes, resuming with Last-Event-ID after a drop.
import type { NormalizedPresence, PresenceStreamEvent } from '@presence/sdk';
import { str } from '../args.js';
import type { Command } from '../command.js';

const name = (s: NormalizedPresence | undefined) => (s === undefined ? '?' : s.kind === 'known' ? s.status : s.raw);

function clockTime(iso: string): string {
  const at = new Date(iso);
  const d = Number.isNaN(at.getTime()) ? new Date() : at;
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}

/** `17:02:11  alice@example.com  Available → Do_Not_Disturb  (update)` */
export function changeLine(e: Extract<PresenceStreamEvent, { type: 'presence' }>): string {
  return `${clockTime(e.dateTime)}  ${e.email || e.userId}  ${name(e.previousStatus)} → ${name(e.status)}  (${e.cause ?? 'change'})`;
}

function asJson(e: PresenceStreamEvent): Record<string, unknown> {
  if (e.type === 'unknown') return { type: 'unknown', id: e.id, event: e.event, data: e.data };
  const raw = e.raw !== null && typeof e.raw === 'object' ? (e.raw as Record<string, unknown>) : {};
  return { type: e.type, id: e.id, ...raw };
}

export const watch: Command = {
  name: 'watch',
  summary: 'Print status changes as they happen (Ctrl-C to stop)',
  details: [
    'Text: one line per change, e.g. 17:02:11  alice@example.com  Available → Do_Not_Disturb  (update).',
    '--json: one JSON object per line, the connection snapshot first. Drops are resumed with Last-Event-ID.',
  ],
  connects: true,
  flags: [{ name: 'last-event-id', value: '<id>', help: 'Resume after this event id instead of starting from now' }],
  async run(ctx, args) {
    const { out } = ctx;
    out.note(`Connecting to ${ctx.settings().url.value}…`);
    const events = ctx.streamClient().streamPresence({ signal: ctx.signal, lastEventId: str(args, 'last-event-id') });
    for await (const e of events) {
      if (out.json) {
        out.stream(asJson(e), '');
        continue;
      }
      if (e.type === 'snapshot') out.note(`Watching ${e.users.length} users. Ctrl-C to stop.`);
      else if (e.type === 'presence') out.line(changeLine(e));
    }
  },
};
