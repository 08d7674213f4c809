// GET /dashboard: the live presence dashboard's static files, read once at start-up and served with strict headers.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../deps.js';
import { ApiError } from '../../errors.js';

export const DASHBOARD_PATH = '/dashboard';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/**
 * The page runs only its own files: no inline script or style, no other origin, no framing, and a form that
 * can never be submitted anywhere (so the token cannot end up in a URL even if the script fails to load).
 */
export const DASHBOARD_CSP = [
  "default-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "require-trusted-types-for 'script'",
].join('; ');

const SECURITY_HEADERS = {
  'content-security-policy': DASHBOARD_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
} as const;

type StaticFile = { body: Buffer; type: string; etag: string };

/** packages/dashboard next to the installed server package, wherever that is (never the working directory). */
export function defaultDashboardDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === '@presence/server') {
      return join(dir, '..', 'dashboard');
    }
    const up = dirname(dir);
    if (up === dir) throw new Error('dashboard: cannot find the @presence/server package root');
    dir = up;
  }
}

/**
 * The servable files of `dir`, by name. Only regular files directly in it with a known type: no
 * sub-directories and no symlinks, so no request can name anything outside the set read here.
 */
export function loadDashboardFiles(dir: string): Map<string, StaticFile> {
  const files = new Map<string, StaticFile>();
  if (!existsSync(dir)) return files;
  for (const d of readdirSync(dir, { withFileTypes: true })) {
    const type = TYPES[extname(d.name)];
    if (!d.isFile() || !type || !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(d.name)) continue;
    const body = readFileSync(join(dir, d.name));
    files.set(d.name, { body, type, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` });
  }
  return files;
}

const matchesEtag = (header: string | undefined, etag: string) =>
  header !== undefined && header.split(',').some((t) => { const v = t.trim(); return v === '*' || v === etag || v === `W/${etag}`; });

export function dashboardRoutes(app: FastifyInstance, _deps: Deps, dir: string = defaultDashboardDir()): void {
  const files = loadDashboardFiles(dir);
  if (!files.has('index.html')) app.log.warn({ dir }, 'dashboard: index.html not found; /dashboard will answer 404');

  const serve = (name: string, req: FastifyRequest, reply: FastifyReply) => {
    reply.headers(SECURITY_HEADERS);
    const f = files.get(name);
    if (!f) throw new ApiError('route_not_found', { method: req.method, path: req.url.split('?')[0]!.slice(0, 200) });
    // No build step means no hashed names: every load revalidates, and an unchanged file costs a 304.
    reply.header('cache-control', 'no-cache').header('etag', f.etag);
    if (matchesEtag(req.headers['if-none-match'], f.etag)) return reply.code(304).send();
    return reply.code(200).header('content-type', f.type).send(f.body);
  };

  app.get(DASHBOARD_PATH, (req, reply) => serve('index.html', req, reply));
  app.get(`${DASHBOARD_PATH}/*`, (req, reply) => {
    const rest = (req.params as { '*': string })['*'];
    // Names are looked up, never joined to a path; anything with a separator or dot-segment is simply unknown.
    return serve(rest === '' ? 'index.html' : rest, req, reply);
  });
}
