// buildApp(deps) → a Fastify instance with every route; never listens (tests use app.inject()).
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import { randomBytes } from 'node:crypto';
import type { Deps } from './deps.js';
import { registerBodyParsers } from './http/body.js';
import { installErrorHandler, onClientError, onFrameworkError, trackingId } from './http/error-handler.js';
import { zoomPresenceRoutes } from './http/routes/zoom-presence.js';
import { oauthRoutes } from './http/routes/oauth.js';
import { adminRoutes } from './http/routes/admin.js';
import { webhookRoutes } from './http/routes/webhooks.js';
import { streamRoutes } from './http/routes/stream.js';
import { dashboardRoutes } from './http/routes/dashboard.js';

export type RoutePlugin = (app: FastifyInstance, deps: Deps) => void;

export function buildApp(deps: Deps, extraRoutes: RoutePlugin[] = []): FastifyInstance {
  const { config } = deps;
  const boot = randomBytes(6).toString('hex');
  let n = 0;
  const app = Fastify({
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel, redact: ['req.headers.authorization', 'req.headers["x-presence-admin-key"]'] },
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: config.bodyLimitBytes,
    genReqId: () => `${boot}${(++n).toString(36).padStart(8, '0')}`,
    routerOptions: { maxParamLength: 512 },
    ajv: { customOptions: { allErrors: true, coerceTypes: false, removeAdditional: false } },
    frameworkErrors: onFrameworkError,
    clientErrorHandler: onClientError,
  });
  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-zm-trackingid', trackingId(req.id));
  });
  // A response finished while the server closes must not keep its connection open: close() would wait
  // for the client's keep-alive to lapse.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (_req, reply, payload) => {
    if (closing) reply.header('connection', 'close');
    return payload;
  });
  registerBodyParsers(app, config.bodyLimitBytes);
  installErrorHandler(app);
  zoomPresenceRoutes(app, deps);
  oauthRoutes(app, deps);
  adminRoutes(app, deps);
  webhookRoutes(app, deps);
  streamRoutes(app, deps);
  dashboardRoutes(app, deps);
  for (const r of extraRoutes) r(app, deps);
  return app;
}
