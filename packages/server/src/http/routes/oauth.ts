// POST /oauth/token: Zoom's server-to-server OAuth (account_credentials grant).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Deps } from '../../deps.js';
import { ApiError } from '../../errors.js';
import { FormBody } from '../body.js';
import { JSON_TYPE } from '../error-handler.js';

function basicCredentials(req: FastifyRequest): { id: string; secret: string } | null {
  const h = req.headers.authorization;
  if (typeof h !== 'string') return null;
  const m = /^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(h);
  if (!m) return null;
  const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
  const i = decoded.indexOf(':');
  if (i <= 0) return null;
  return { id: decoded.slice(0, i), secret: decoded.slice(i + 1) };
}

/** Parameters may come in the query string or an urlencoded body; the body wins. */
function param(req: FastifyRequest, name: string): string | undefined {
  const body = req.body;
  if (body instanceof FormBody) {
    const v = body.fields.get(name);
    if (v?.length) return v[0];
  } else if (body && typeof body === 'object' && typeof (body as Record<string, unknown>)[name] === 'string') {
    return (body as Record<string, string>)[name];
  }
  const q = (req.query as Record<string, unknown>)[name];
  return typeof q === 'string' ? q : Array.isArray(q) && typeof q[0] === 'string' ? q[0] : undefined;
}

/** The origin the client used, when no public URL is configured; a malformed Host header falls back to the socket's address. */
function requestOrigin(req: FastifyRequest): string {
  const host = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/.test(req.host) ? req.host : `${req.socket.localAddress}:${req.socket.localPort}`;
  return `${req.protocol}://${host}`;
}

export function oauthRoutes(app: FastifyInstance, deps: Deps) {
  // The routes that issue app tokens also tie them to their app, so deleting the app revokes them.
  deps.directory.bindTokens(deps.tokens);
  app.post('/oauth/token', async (req, reply) => {
    const creds = basicCredentials(req);
    const appRec = creds ? await deps.directory.authenticateApp(creds.id, creds.secret) : undefined;
    if (!appRec) throw new ApiError('invalid_client');
    const grant = param(req, 'grant_type');
    if (grant !== 'account_credentials') throw new ApiError('unsupported_grant_type');
    const accountId = param(req, 'account_id');
    if (!accountId) throw new ApiError('invalid_request', { detail: "Request parameter 'account_id' is required" });
    if (accountId !== appRec.accountId) throw new ApiError('invalid_request', { detail: 'Account ID mismatch' });
    const owner = await deps.directory.ownerOf(accountId);
    const { token, expiresIn } = await deps.tokens.issue({
      accountId, userId: owner?.id ?? null, scopes: appRec.scopes, kind: 'account', clientId: appRec.clientId,
    });
    return reply.code(200).header('content-type', JSON_TYPE).header('cache-control', 'no-store').send({
      access_token: token,
      token_type: 'bearer',
      expires_in: expiresIn,
      scope: appRec.scopes.join(' '),
      api_url: deps.config.publicUrl || requestOrigin(req),
    });
  });
}
