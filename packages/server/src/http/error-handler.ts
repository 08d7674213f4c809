// The only place that turns failures into HTTP responses: catalogue entry → status, body, headers.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ERROR_CATALOGUE, type ApiFailure, formatMessage } from '@presence/core';
import { ApiError } from '../errors.js';

export const JSON_TYPE = 'application/json;charset=UTF-8';
export const OAUTH_TOKEN_PATH = '/oauth/token';

export const trackingId = (requestId: string) => `v=2.0;clid=presence;rid=${requestId}`;

export function sendFailure(reply: FastifyReply, f: ApiFailure) {
  const entry = ERROR_CATALOGUE[f.name];
  const message = formatMessage(f.name, f.params);
  for (const [k, v] of Object.entries(f.headers ?? {})) reply.header(k, v);
  reply.code(entry.http).header('content-type', JSON_TYPE);
  if (entry.surface === 'oauth') return reply.send({ reason: message, error: entry.code });
  // OAuth clients read `error`, so body and content-type failures on the token endpoint keep the OAuth shape.
  if (reply.request.routeOptions.url === OAUTH_TOKEN_PATH) return reply.send({ reason: message, error: entry.http >= 500 ? 'server_error' : 'invalid_request' });
  return reply.send(f.errors?.length ? { code: entry.code, message, errors: f.errors } : { code: entry.code, message });
}

/** Fastify's own errors (body limits, content types, schema checks) in our catalogue's terms. */
function fromFastify(e: FastifyError, req: FastifyRequest): ApiFailure | null {
  switch (e.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { name: 'payload_too_large', params: { limit: req.routeOptions.bodyLimit ?? 0 } };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { name: 'unsupported_media_type', params: { contentType: String(req.headers['content-type'] || '(none)').slice(0, 100) } };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return { name: 'invalid_json' };
  }
  if (e.validation) {
    return {
      name: 'validation_failed',
      errors: e.validation.map((v) => ({
        field: (v.instancePath || `/${String((v.params as { missingProperty?: string }).missingProperty ?? '')}`).replace(/^\//, '').replace(/\//g, '.') || 'body',
        message: v.message ?? 'is invalid',
      })),
    };
  }
  const status = e.statusCode ?? 500;
  if (status >= 400 && status < 500) return { name: 'validation_failed', errors: [{ field: 'request', message: e.message }] };
  return null;
}

/** Fastify's `frameworkErrors`: failures before routing (bad percent-encoding, over-long path segment), when no hook has run. */
export function onFrameworkError(e: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  reply.header('x-zm-trackingid', trackingId(req.id));
  const message = e.code === 'FST_ERR_MAX_PARAM_LENGTH'
    ? 'A path segment is too long.'
    : e.code === 'FST_ERR_BAD_URL' ? 'The path is not valid percent-encoding.' : e.message;
  return sendFailure(reply, { name: 'validation_failed', errors: [{ field: 'path', message }] });
}

/**
 * Requests too broken for Fastify to route (a garbage request line, oversized headers) still get
 * Zoom's body shape and a tracking id; the connection is then closed, as the parser state is lost.
 */
export function onClientError(err: NodeJS.ErrnoException, socket: import('node:net').Socket) {
  if (!socket.writable) return socket.destroy();
  const name = err.code === 'HPE_HEADER_OVERFLOW' ? 'headers_too_large' : 'malformed_request';
  const entry = ERROR_CATALOGUE[name];
  const body = JSON.stringify({ code: entry.code, message: formatMessage(name) });
  const reason = entry.http === 431 ? 'Request Header Fields Too Large' : 'Bad Request';
  socket.end(
    `HTTP/1.1 ${entry.http} ${reason}\r\nx-zm-trackingid: ${trackingId(`c${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`)}\r\n` +
      `content-type: ${JSON_TYPE}\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}

export function installErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, req, reply) => {
    if (error instanceof ApiError) return sendFailure(reply, error.failure);
    const known = fromFastify(error, req);
    if (known) return sendFailure(reply, known);
    req.log.error({ err: error }, 'unhandled error');
    return sendFailure(reply, { name: 'internal_error', params: { trackingId: String(reply.getHeader('x-zm-trackingid') ?? '') } });
  });
  app.setNotFoundHandler((req, reply) =>
    sendFailure(reply, { name: 'route_not_found', params: { method: req.method, path: req.url.split('?')[0]!.slice(0, 200) } }),
  );
}
