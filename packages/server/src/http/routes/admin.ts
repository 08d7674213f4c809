// Extension API (/presence/v1): accounts, users, apps, client sessions, user tokens and the clock.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isoSeconds, parseVersion, presenceAt, INITIAL_PRESENCE, reportedStatus } from '@presence/core';
import type { Deps } from '../../deps.js';
import { ApiError } from '../../errors.js';
import { ManualClock } from '../../clock.js';
import type { Account, App, ClientSession, User } from '../../store/store.js';
import { KNOWN_SCOPES, SCOPES, type AdminPrincipal, authenticateAdmin, canSeeAccount } from '../auth.js';
import { JSON_TYPE } from '../error-handler.js';

export const PREFIX = '/presence/v1';

const str = (max = 200) => ({ type: 'string', minLength: 1, maxLength: max }) as const;
const id = { type: 'string', minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' } as const;
const email = { type: 'string', minLength: 3, maxLength: 320, pattern: '^[^@\\s]+@[^@\\s]+$' } as const;
const scopes = { type: 'array', maxItems: 20, uniqueItems: true, items: { type: 'string', enum: KNOWN_SCOPES } } as const;
const obj = (properties: Record<string, unknown>, required: string[] = []) =>
  ({ type: 'object', additionalProperties: false, properties, required }) as const;

const accountView = (a: Account) => ({ id: a.id, name: a.name, plan: a.plan, created_at: new Date(a.createdAt).toISOString() });
const appView = (a: App) => ({ client_id: a.clientId, account_id: a.accountId, name: a.name, scopes: a.scopes, created_at: new Date(a.createdAt).toISOString() });
const userView = (u: User) => ({ id: u.id, account_id: u.accountId, email: u.email, first_name: u.firstName, last_name: u.lastName, role: u.role });
const sessionView = (s: ClientSession) => ({
  id: s.id, user_id: s.userId, client_type: s.clientType, client_version: s.clientVersion,
  started_at: new Date(s.startedAt).toISOString(), last_seen_at: new Date(s.lastSeenAt).toISOString(), keep_alive: s.keepAlive,
});

export function adminRoutes(app: FastifyInstance, deps: Deps) {
  const { directory, presence, store, tokens, config, clock } = deps;
  const auth = (req: FastifyRequest) => authenticateAdmin(req, tokens, config.adminKey);
  const onlyAdmin = (p: AdminPrincipal) => {
    if (p.kind !== 'admin') throw new ApiError('missing_scope', { scopes: 'admin key' });
  };
  /** Another account's resources do not exist for an account-scoped caller. */
  const account = async (p: AdminPrincipal, accountId: string) => {
    if (!canSeeAccount(p, accountId)) throw new ApiError('account_not_found', { accountId });
    return directory.account(accountId);
  };
  const user = async (p: AdminPrincipal, ref: string) => {
    const u = await directory.user(ref, p.kind === 'account' ? p.accountId : undefined);
    return u;
  };
  const json = <T>(reply: import('fastify').FastifyReply, code: number, body: T) => reply.code(code).header('content-type', JSON_TYPE).send(body);

  app.get(`${PREFIX}/health`, async (_req, reply) => json(reply, 200, { ok: true, store: store.kind, clock: clock.manual ? 'manual' : 'system', now: new Date(clock.now()).toISOString() }));

  // Accounts
  app.post(`${PREFIX}/accounts`, { schema: { body: obj({ id, name: str(), plan: { type: 'string', enum: ['free', 'pro', 'business'] } }, ['name']) } }, async (req, reply) => {
    onlyAdmin(await auth(req));
    const b = req.body as { id?: string; name: string; plan?: 'free' | 'pro' | 'business' };
    return json(reply, 201, accountView(await directory.createAccount(b)));
  });
  app.get(`${PREFIX}/accounts`, async (req, reply) => {
    const p = await auth(req);
    const all = await directory.listAccounts();
    return json(reply, 200, { accounts: all.filter((a) => canSeeAccount(p, a.id)).map(accountView) });
  });
  app.get(`${PREFIX}/accounts/:accountId`, async (req, reply) => {
    const p = await auth(req);
    return json(reply, 200, accountView(await account(p, (req.params as { accountId: string }).accountId)));
  });
  app.delete(`${PREFIX}/accounts/:accountId`, async (req, reply) => {
    onlyAdmin(await auth(req));
    const accountId = (req.params as { accountId: string }).accountId;
    await directory.deleteAccount(accountId);
    deps.limits.forget(accountId);
    return reply.code(204).send();
  });

  // Users
  app.post(`${PREFIX}/accounts/:accountId/users`, {
    schema: { body: obj({ id, email, first_name: str(64), last_name: str(64), role: { type: 'string', enum: ['owner', 'member'] } }, ['email']) },
  }, async (req, reply) => {
    const p = await auth(req);
    const a = await account(p, (req.params as { accountId: string }).accountId);
    const b = req.body as { id?: string; email: string; first_name?: string; last_name?: string; role?: 'owner' | 'member' };
    const u = await directory.createUser(a.id, { id: b.id, email: b.email, firstName: b.first_name, lastName: b.last_name, role: b.role });
    return json(reply, 201, userView(u));
  });
  app.get(`${PREFIX}/accounts/:accountId/users`, async (req, reply) => {
    const p = await auth(req);
    const a = await account(p, (req.params as { accountId: string }).accountId);
    const [users, states] = await Promise.all([directory.listUsers(a.id), store.listPresence(a.id)]);
    const byUser = new Map(states.map((s) => [s.userId, s]));
    const now = clock.now();
    return json(reply, 200, {
      users: users.map((u) => {
        const s = presenceAt(byUser.get(u.id) ?? INITIAL_PRESENCE, now).state;
        return {
          ...userView(u),
          status: reportedStatus(s.status, config.documentedEnum),
          dnd_end_time: s.dndUntil === null ? null : isoSeconds(s.dndUntil),
          // When the current status began (null before any change): the dashboard's "since".
          status_since: s.changedAt > 0 ? isoSeconds(s.changedAt) : null,
        };
      }),
    });
  });
  app.get(`${PREFIX}/users/:userId`, async (req, reply) => {
    const p = await auth(req);
    return json(reply, 200, userView(await user(p, (req.params as { userId: string }).userId)));
  });
  app.delete(`${PREFIX}/users/:userId`, async (req, reply) => {
    const p = await auth(req);
    const u = await user(p, (req.params as { userId: string }).userId);
    await directory.deleteUser(u.id);
    return reply.code(204).send();
  });

  // Apps
  app.post(`${PREFIX}/accounts/:accountId/apps`, {
    schema: { body: obj({ name: str(), scopes, client_id: id, client_secret: { type: 'string', minLength: 16, maxLength: 200 } }, ['scopes']) },
  }, async (req, reply) => {
    const p = await auth(req);
    const a = await account(p, (req.params as { accountId: string }).accountId);
    const b = req.body as { name?: string; scopes: string[]; client_id?: string; client_secret?: string };
    const { app: created, clientSecret } = await directory.createApp(a.id, { name: b.name, scopes: b.scopes, clientId: b.client_id, clientSecret: b.client_secret });
    return json(reply, 201, { ...appView(created), client_secret: clientSecret });
  });
  app.get(`${PREFIX}/accounts/:accountId/apps`, async (req, reply) => {
    const p = await auth(req);
    const a = await account(p, (req.params as { accountId: string }).accountId);
    return json(reply, 200, { apps: (await directory.listApps(a.id)).map(appView) });
  });
  app.delete(`${PREFIX}/apps/:clientId`, async (req, reply) => {
    const p = await auth(req);
    const a = await directory.app((req.params as { clientId: string }).clientId);
    if (!canSeeAccount(p, a.accountId)) throw new ApiError('app_not_found', { clientId: a.clientId });
    await directory.deleteApp(a.clientId);
    return reply.code(204).send();
  });

  // Client sessions
  app.post(`${PREFIX}/users/:userId/sessions`, {
    schema: {
      body: obj({
        client_type: { type: 'string', enum: ['desktop', 'mobile', 'pad', 'pzr'] },
        client_version: { type: 'string', minLength: 1, maxLength: 40 },
        keep_alive: { type: 'boolean' },
      }, ['client_type', 'client_version']),
    },
  }, async (req, reply) => {
    const p = await auth(req);
    const u = await user(p, (req.params as { userId: string }).userId);
    const b = req.body as { client_type: ClientSession['clientType']; client_version: string; keep_alive?: boolean };
    if (!parseVersion(b.client_version)) {
      throw new ApiError('validation_failed', {}, { errors: [{ field: 'client_version', message: 'client_version must look like 5.17.11 (dot-separated numbers).' }] });
    }
    const s = await presence.signIn(u, b.client_type, b.client_version, b.keep_alive ?? false);
    return json(reply, 201, sessionView(s));
  });
  app.get(`${PREFIX}/users/:userId/sessions`, async (req, reply) => {
    const p = await auth(req);
    const u = await user(p, (req.params as { userId: string }).userId);
    return json(reply, 200, { sessions: (await store.listSessions(u.id)).map(sessionView) });
  });
  const session = async (p: AdminPrincipal, sessionId: string) => {
    const s = await store.getSession(sessionId);
    if (!s || !canSeeAccount(p, s.accountId)) throw new ApiError('session_not_found', { sessionId: sessionId.slice(0, 100) });
    return s;
  };
  app.post(`${PREFIX}/sessions/:sessionId/heartbeat`, async (req, reply) => {
    const s = await session(await auth(req), (req.params as { sessionId: string }).sessionId);
    if (!(await presence.heartbeat(s.id))) throw new ApiError('session_not_found', { sessionId: s.id });
    return reply.code(204).send();
  });
  app.delete(`${PREFIX}/sessions/:sessionId`, async (req, reply) => {
    const s = await session(await auth(req), (req.params as { sessionId: string }).sessionId);
    if (!(await presence.endSession(s.id, 'sign_out'))) throw new ApiError('session_not_found', { sessionId: s.id });
    return reply.code(204).send();
  });

  // User-level tokens (act as `me`)
  app.post(`${PREFIX}/tokens`, {
    schema: { body: obj({ user_id: { type: 'string', minLength: 1, maxLength: 320 }, scopes, ttl_seconds: { type: 'integer', minimum: 60, maximum: 86_400 } }, ['user_id']) },
  }, async (req, reply) => {
    const p = await auth(req);
    const b = req.body as { user_id: string; scopes?: string[]; ttl_seconds?: number };
    const u = await user(p, b.user_id);
    const granted = b.scopes ?? ['user:read:presence_status', 'user:update:presence_status'];
    if (p.kind === 'account' && granted.includes('presence:admin')) throw new ApiError('missing_scope', { scopes: 'admin key' });
    const { token, expiresIn } = await tokens.issue({ accountId: u.accountId, userId: u.id, scopes: granted, kind: 'user', clientId: null, ttlSec: b.ttl_seconds });
    return json(reply, 201, { access_token: token, token_type: 'bearer', expires_in: expiresIn, scope: granted.join(' '), user_id: u.id });
  });

  // Clock
  app.get(`${PREFIX}/clock`, async (req, reply) => {
    await auth(req);
    return json(reply, 200, { now: new Date(clock.now()).toISOString(), epoch_ms: clock.now(), mode: clock.manual ? 'manual' : 'system' });
  });
  app.post(`${PREFIX}/clock/advance`, {
    schema: {
      body: {
        type: 'object', additionalProperties: false,
        properties: { seconds: { type: 'number', minimum: 0, maximum: 31_536_000 }, to: { type: 'string', maxLength: 40 } },
        oneOf: [{ required: ['seconds'] }, { required: ['to'] }],
      },
    },
  }, async (req, reply) => {
    onlyAdmin(await auth(req));
    if (!(clock instanceof ManualClock)) throw new ApiError('clock_not_manual');
    const b = req.body as { seconds?: number; to?: string };
    let target = clock.now() + Math.round((b.seconds ?? 0) * 1000);
    if (b.to !== undefined) {
      target = Date.parse(b.to);
      if (Number.isNaN(target)) throw new ApiError('validation_failed', {}, { errors: [{ field: 'to', message: 'to must be an ISO-8601 time.' }] });
      if (target < clock.now()) throw new ApiError('validation_failed', {}, { errors: [{ field: 'to', message: 'The clock never moves backwards.' }] });
    }
    clock.set(target);
    // Everything due by the new time has happened before the answer.
    const swept = await deps.runDueWork();
    return json(reply, 200, { now: new Date(clock.now()).toISOString(), epoch_ms: clock.now(), dnd_expired: swept.expired, sessions_timed_out: swept.timedOut });
  });
}

export { SCOPES };
