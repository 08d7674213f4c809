// Extension API for webhooks (/presence/v1): subscriptions, validation, delivery log and redelivery.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../deps.js';
import { ApiError, validation } from '../../errors.js';
import { WEBHOOK_EVENTS } from '../../push/webhook-body.js';
import type { Delivery, WebhookEndpoint } from '../../store/webhook-store.js';
import { type AdminPrincipal, authenticateAdmin, canSeeAccount } from '../auth.js';
import { JSON_TYPE } from '../error-handler.js';
import { PREFIX } from './admin.js';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** Never includes the secret. */
export const webhookView = (e: WebhookEndpoint) => ({
  id: e.id, account_id: e.accountId, url: e.url, events: e.events, status: e.status, disabled_reason: e.disabledReason,
  validated_at: iso(e.validatedAt), next_validation_at: e.status === 'active' ? iso(e.validationDueAt) : null,
  consecutive_failures: e.consecutiveFailures, created_at: iso(e.createdAt),
});

export const deliveryView = (d: Delivery) => ({
  id: d.id, webhook_id: d.webhookId, request_id: d.requestId, event: JSON.parse(d.body) as unknown, state: d.state,
  attempts: d.attempts.map((a) => ({ at: iso(a.at), status_code: a.statusCode, error: a.error, duration_ms: a.durationMs })),
  next_attempt_at: iso(d.nextAttemptAt), created_at: iso(d.createdAt),
});

const createBody = {
  type: 'object', additionalProperties: false, required: ['url', 'secret_token'],
  properties: {
    url: { type: 'string', minLength: 1, maxLength: 2048 },
    secret_token: { type: 'string', minLength: 8, maxLength: 256 },
    events: { type: 'array', minItems: 1, maxItems: 10, uniqueItems: true, items: { type: 'string', enum: WEBHOOK_EVENTS } },
  },
} as const;

function checkUrl(raw: string): string {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw validation('url', 'url must be an absolute http:// or https:// URL.');
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw validation('url', 'url must use http:// or https://.');
  return u.href;
}

function parseLimit(raw: unknown): number {
  if (raw === undefined) return 50;
  const n = typeof raw === 'string' && /^\d{1,4}$/.test(raw) ? Number(raw) : NaN;
  if (!(n >= 1 && n <= 500)) throw validation('limit', 'limit must be a whole number from 1 to 500.');
  return n;
}

export function webhookRoutes(app: FastifyInstance, deps: Deps) {
  const { webhooks, directory, tokens, config } = deps;
  webhooks.useLogger(app.log);
  const auth = (req: FastifyRequest) => authenticateAdmin(req, tokens, config.adminKey);
  const json = (reply: FastifyReply, code: number, body: unknown) => reply.code(code).header('content-type', JSON_TYPE).send(body);
  /** Another account's webhooks and deliveries do not exist for an account-scoped caller. */
  const endpoint = async (p: AdminPrincipal, id: string) => {
    const e = await webhooks.endpoint(id);
    if (!canSeeAccount(p, e.accountId)) throw new ApiError('webhook_not_found', { webhookId: id.slice(0, 100) });
    return e;
  };
  const account = async (p: AdminPrincipal, accountId: string) => {
    if (!canSeeAccount(p, accountId)) throw new ApiError('account_not_found', { accountId: accountId.slice(0, 100) });
    return directory.account(accountId);
  };

  app.post(`${PREFIX}/accounts/:accountId/webhooks`, { schema: { body: createBody } }, async (req, reply) => {
    const p = await auth(req);
    const a = await account(p, (req.params as { accountId: string }).accountId);
    const b = req.body as { url: string; secret_token: string; events?: string[] };
    const url = checkUrl(b.url);
    const e = await webhooks.create(a.id, { url, secret: b.secret_token, events: b.events ?? [...WEBHOOK_EVENTS] });
    return json(reply, 201, webhookView(e));
  });
  app.get(`${PREFIX}/accounts/:accountId/webhooks`, async (req, reply) => {
    const p = await auth(req);
    const a = await account(p, (req.params as { accountId: string }).accountId);
    return json(reply, 200, { webhooks: (await webhooks.list(a.id)).map(webhookView) });
  });
  app.delete(`${PREFIX}/webhooks/:webhookId`, async (req, reply) => {
    const e = await endpoint(await auth(req), (req.params as { webhookId: string }).webhookId);
    await webhooks.remove(e.id);
    return reply.code(204).send();
  });
  app.post(`${PREFIX}/webhooks/:webhookId/validate`, async (req, reply) => {
    const e = await endpoint(await auth(req), (req.params as { webhookId: string }).webhookId);
    const { endpoint: after, result } = await webhooks.validate(e.id);
    if (!result.ok) throw new ApiError('webhook_validation_failed', { detail: result.reason });
    return json(reply, 200, webhookView(after));
  });
  app.get(`${PREFIX}/webhooks/:webhookId/deliveries`, async (req, reply) => {
    const e = await endpoint(await auth(req), (req.params as { webhookId: string }).webhookId);
    const limit = parseLimit((req.query as { limit?: unknown }).limit);
    return json(reply, 200, { deliveries: (await webhooks.deliveries(e.id, limit)).map(deliveryView) });
  });
  app.post(`${PREFIX}/deliveries/:deliveryId/redeliver`, async (req, reply) => {
    const p = await auth(req);
    const id = (req.params as { deliveryId: string }).deliveryId;
    const d = await webhooks.delivery(id);
    const e = await webhooks.endpoint(d.webhookId).catch(() => null);
    if (!e || !canSeeAccount(p, e.accountId)) throw new ApiError('delivery_not_found', { deliveryId: id.slice(0, 100) });
    return json(reply, 202, deliveryView(await webhooks.redeliver(d.id)));
  });
}
