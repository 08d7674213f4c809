// `presence webhooks`: the account's webhook endpoints and their deliveries.
import { UsageError, list as listFlag, str } from '../args.js';
import type { Command } from '../command.js';
import { fields, table } from '../output.js';
import { positiveInt } from './parse.js';

const add: Command = {
  name: 'add',
  args: '<url>',
  summary: 'Subscribe an endpoint; it must answer the URL-validation challenge',
  details: ['The secret token signs every delivery (x-zm-signature). To keep it out of the process list, set PRESENCE_WEBHOOK_SECRET instead of --secret.'],
  connects: true,
  min: 1,
  max: 1,
  flags: [
    { name: 'secret', value: '<token>', help: 'Secret token the endpoint verifies signatures with (PRESENCE_WEBHOOK_SECRET)' },
    { name: 'events', value: '<list>', repeat: true, help: 'Events to send (default user.presence_status_updated)' },
  ],
  async run(ctx, args) {
    const secret = str(args, 'secret') ?? ctx.environment.env.PRESENCE_WEBHOOK_SECRET;
    if (!secret) throw new UsageError('--secret <token> is required (or set PRESENCE_WEBHOOK_SECRET).');
    const w = await ctx.admin().createWebhook(ctx.accountId(), { url: args.positionals[0]!, secret_token: secret, events: listFlag(args, 'events') }, { signal: ctx.signal });
    ctx.out.result(w, () => fields([['added', w.id], ['url', w.url], ['status', w.status], ['events', w.events.join(', ')], ['validated_at', w.validated_at]]));
  },
};

const list: Command = {
  name: 'list',
  summary: "List the account's webhook endpoints",
  connects: true,
  async run(ctx) {
    const hooks = await ctx.admin().listWebhooks(ctx.accountId(), { signal: ctx.signal });
    ctx.out.result(hooks, () =>
      hooks.length === 0
        ? 'No webhooks.'
        : table(
            ['ID', 'STATUS', 'FAILURES', 'VALIDATED', 'URL'],
            hooks.map((w) => [w.id, w.status, String(w.consecutive_failures), w.validated_at ?? '-', w.url]),
          ),
    );
  },
};

const remove: Command = {
  name: 'remove',
  args: '<webhookId>',
  summary: 'Remove a webhook endpoint',
  connects: true,
  min: 1,
  max: 1,
  async run(ctx, args) {
    const id = args.positionals[0]!;
    await ctx.admin().deleteWebhook(id, { signal: ctx.signal });
    ctx.out.result({ removed: id }, () => `Removed webhook ${id}.`);
  },
};

const validate: Command = {
  name: 'validate',
  args: '<webhookId>',
  summary: 'Send the URL-validation challenge now (a pass re-enables a disabled endpoint)',
  connects: true,
  min: 1,
  max: 1,
  async run(ctx, args) {
    const w = await ctx.admin().validateWebhook(args.positionals[0]!, { signal: ctx.signal });
    ctx.out.result(w, () => fields([['validated', w.id], ['status', w.status], ['validated_at', w.validated_at]]));
  },
};

const deliveries: Command = {
  name: 'deliveries',
  args: '<webhookId>',
  summary: "List an endpoint's recent deliveries and their attempts",
  connects: true,
  min: 1,
  max: 1,
  flags: [{ name: 'limit', value: '<n>', help: 'How many, newest first' }],
  async run(ctx, args) {
    const limit = str(args, 'limit');
    const ds = await ctx.admin().listDeliveries(args.positionals[0]!, { limit: limit === undefined ? undefined : positiveInt(limit, '--limit') }, { signal: ctx.signal });
    ctx.out.result(ds, () =>
      ds.length === 0
        ? 'No deliveries.'
        : table(
            ['ID', 'EVENT', 'STATE', 'ATTEMPTS', 'LAST RESULT', 'NEXT ATTEMPT'],
            ds.map((d) => {
              const last = d.attempts.at(-1);
              const result = last ? (last.status_code !== null ? `HTTP ${last.status_code}` : (last.error ?? '?')) : '-';
              const event = typeof d.event === 'string' ? d.event : String(d.event?.event ?? '?');
              return [d.id, event, d.state, String(d.attempts.length), result, d.next_attempt_at ?? '-'];
            }),
          ),
    );
  },
};

const redeliver: Command = {
  name: 'redeliver',
  args: '<deliveryId>',
  summary: 'Send a delivery again',
  connects: true,
  min: 1,
  max: 1,
  async run(ctx, args) {
    const id = args.positionals[0]!;
    const d = await ctx.admin().redeliver(id, { signal: ctx.signal });
    ctx.out.result(d, () => `Queued ${id} for redelivery${d?.next_attempt_at ? ` at ${d.next_attempt_at}` : ''}.`);
  },
};

export const webhooksCommand: Command = {
  name: 'webhooks',
  summary: 'Manage webhook endpoints (admin)',
  subcommands: [add, list, remove, validate, deliveries, redeliver],
};
