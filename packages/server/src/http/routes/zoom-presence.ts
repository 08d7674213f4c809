// GET and PUT /v2/users/{userId}/presence_status: Zoom's presence API, rule for rule.
import type { FastifyInstance } from 'fastify';
import { isoSeconds, parseDuration, parseSettableStatus, remainingSeconds, reportedStatus, type FieldError } from '@presence/core';
import type { Deps } from '../../deps.js';
import { ApiError } from '../../errors.js';
import type { Actor } from '../../presence-service.js';
import type { TokenClaims } from '../../tokens.js';
import { SCOPES, authenticate, hasAny, requireAny } from '../auth.js';
import { bodyFields } from '../body.js';
import { JSON_TYPE } from '../error-handler.js';

const userIdParam = { type: 'object', properties: { userId: { type: 'string', maxLength: 320 } }, required: ['userId'] } as const;

const actorOf = (c: TokenClaims, adminScopes: readonly string[]): Actor => ({
  accountId: c.accountId,
  userId: c.userId,
  mayActOnOthers: hasAny(c, adminScopes),
});

export function parseUpdateBody(body: unknown) {
  const f = bodyFields(body);
  const errors: FieldError[] = [];
  let status: ReturnType<typeof parseSettableStatus> | undefined;
  if (f.status === undefined || f.status === null || f.status === '') errors.push({ field: 'status', message: 'status is required.' });
  else if (typeof f.status !== 'string') errors.push({ field: 'status', message: 'status must be a string.' });
  else {
    status = parseSettableStatus(f.status);
    if (!status.ok) errors.push({ field: 'status', message: status.error.message });
  }
  // A duration is validated even when the status ignores it, so a client bug is reported, not hidden.
  const duration = parseDuration(f.duration);
  if (!duration.ok) errors.push({ field: 'duration', message: duration.error });
  if (errors.length || !status?.ok || !duration.ok) throw new ApiError('validation_failed', {}, { errors });
  return { status: status.value, duration: status.value === 'Do_Not_Disturb' ? duration.value : undefined };
}

export function zoomPresenceRoutes(app: FastifyInstance, deps: Deps) {
  const { tokens, presence, limits, config, clock } = deps;

  app.put('/v2/users/:userId/presence_status', { schema: { params: userIdParam } }, async (req, reply) => {
    const claims = await authenticate(req, tokens);
    requireAny(claims, SCOPES.write);
    await limits.take(claims.accountId, reply);
    const { status, duration } = parseUpdateBody(req.body);
    const { userId } = req.params as { userId: string };
    await presence.updateStatus(actorOf(claims, SCOPES.writeAdmin), userId, status, duration);
    return reply.code(204).send();
  });

  app.get('/v2/users/:userId/presence_status', { schema: { params: userIdParam } }, async (req, reply) => {
    const claims = await authenticate(req, tokens);
    requireAny(claims, [...SCOPES.read, ...SCOPES.write]);
    await limits.take(claims.accountId, reply);
    const { userId } = req.params as { userId: string };
    const view = await presence.getStatus(actorOf(claims, SCOPES.readAdmin), userId);
    const body: Record<string, unknown> = { status: reportedStatus(view.state.status, config.documentedEnum) };
    if (view.self && view.state.status === 'Do_Not_Disturb' && view.state.dndUntil !== null) {
      body.end_time = isoSeconds(view.state.dndUntil);
      body.remaining_time = remainingSeconds(view.state.dndUntil, clock.now());
    }
    return reply.code(200).header('content-type', JSON_TYPE).send(body);
  });
}
