// GET /presence/v1/stream: live presence changes as server-sent events (an extension, not on Zoom).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Deps } from '../../deps.js';
import { ApiError, validation } from '../../errors.js';
import { type Audience, SSE_HEADERS } from '../../push/sse.js';
import { StreamHub } from '../../push/stream-hub.js';
import { safeEqual } from '../../secrets.js';
import { SCOPES, bearer, hasAny, requireAny } from '../auth.js';

const PATH = '/presence/v1/stream';
const ANY_PRESENCE_SCOPE = [...SCOPES.read, ...SCOPES.write];
const WHOLE_ACCOUNT_SCOPES = [...SCOPES.readAdmin, ...SCOPES.presenceAdmin];

const querySchema = {
  type: 'object',
  properties: {
    account_id: { type: 'string', minLength: 1, maxLength: 64 },
    last_event_id: { type: 'string', maxLength: 64 },
  },
} as const;

type Query = { account_id?: string; last_event_id?: string };

/**
 * Who the caller may watch. The admin key names one account with `?account_id=`; a token watches its own
 * account (admin scopes) or only its own user. Another account never exists for a token.
 */
async function audienceOf(req: FastifyRequest, deps: Deps): Promise<Audience> {
  const { account_id: accountId } = req.query as Query;
  const key = req.headers['x-presence-admin-key'];
  const t = bearer(req) ?? (typeof key === 'string' ? key : null);
  if (!t) throw new ApiError('invalid_token');
  if (!t.includes('.') && safeEqual(t, deps.config.adminKey)) {
    if (!accountId) throw validation('account_id', 'account_id is required when streaming with the admin key.');
    if (!(await deps.store.getAccount(accountId))) throw new ApiError('account_not_found', { accountId });
    return { accountId, userId: null, expiresAt: Number.POSITIVE_INFINITY };
  }
  const claims = await deps.tokens.verify(t);
  if (!claims) throw new ApiError('invalid_token');
  requireAny(claims, ANY_PRESENCE_SCOPE);
  if (accountId !== undefined && accountId !== claims.accountId) throw new ApiError('account_not_found', { accountId });
  const whole = hasAny(claims, WHOLE_ACCOUNT_SCOPES);
  // A non-admin token without a user of its own watches nobody: an empty snapshot, no events.
  return { accountId: claims.accountId, userId: whole ? null : (claims.userId ?? ''), expiresAt: claims.exp * 1000 };
}

export function streamRoutes(app: FastifyInstance, deps: Deps): StreamHub {
  const { config } = deps;
  const hub = new StreamHub(deps.store, deps.bus, deps.clock, {
    bufferSize: config.streamBufferSize,
    heartbeatMs: config.streamHeartbeatSec * 1000,
    maxQueueBytes: config.streamClientQueueBytes,
    retryMs: config.streamRetryMs,
    documentedEnum: config.documentedEnum,
  }, app.log);
  // Before the server stops accepting: open streams would otherwise keep close() waiting forever.
  app.addHook('preClose', async () => hub.close());

  app.get(PATH, { schema: { querystring: querySchema } }, async (req, reply) => {
    const audience = await audienceOf(req, deps);
    const header = req.headers['last-event-id'];
    const lastEventId = typeof header === 'string' ? header : (req.query as Query).last_event_id;
    // HEAD (which Fastify answers with this handler) has no body to stream: the headers alone, then done.
    if (req.method === 'HEAD') return reply.code(200).headers(SSE_HEADERS).send();
    reply.hijack();
    const res = reply.raw;
    // The body ends when the connection does: each frame is then one plain socket write, without chunk
    // framing repeated for every client of every event.
    res.removeHeader('transfer-encoding');
    res.writeHead(200, { ...reply.getHeaders(), ...SSE_HEADERS, connection: 'close' } as Record<string, string>);
    res.flushHeaders();
    await hub.open(res, audience, lastEventId);
  });
  return hub;
}
