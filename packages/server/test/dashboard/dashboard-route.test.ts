// GET /dashboard: the page and its files with their types and security headers, 304s, 404s and no way out.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { createDeps, type Deps } from '../../src/deps.js';
import { defaultDashboardDir } from '../../src/http/routes/dashboard.js';
import { testConfig } from '../support/fixture.js';

let app: FastifyInstance;
let deps: Deps;
before(async () => {
  deps = await createDeps(testConfig());
  app = buildApp(deps);
  await app.ready();
});
after(async () => {
  await app.close();
  await deps.close();
});

const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });

test('GET /dashboard answers the page as HTML with a strict CSP, nosniff and revalidation', async () => {
  for (const url of ['/dashboard', '/dashboard/', '/dashboard/index.html']) {
    const r = await get(url);
    assert.equal(r.statusCode, 200, url);
    assert.equal(r.headers['content-type'], 'text/html; charset=utf-8');
    assert.equal(r.headers['x-content-type-options'], 'nosniff');
    assert.equal(r.headers['cache-control'], 'no-cache');
    const csp = String(r.headers['content-security-policy']);
    assert.match(csp, /(^|; )default-src 'self'(;|$)/);
    assert.match(csp, /form-action 'none'/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/);
    assert.match(r.body, /<title>Presence · live dashboard<\/title>/);
    assert.equal(r.body, readFileSync(join(defaultDashboardDir(), 'index.html'), 'utf8'));
  }
});

test('every file the page and its modules name is served with its content type and the same headers', async () => {
  const page = (await get('/dashboard')).body;
  const queue = [...page.matchAll(/(?:src|href)="(\/dashboard\/[^"]+)"/g)].map((m) => m[1]!);
  assert.ok(queue.includes('/dashboard/app.js') && queue.includes('/dashboard/style.css'), queue.join(' '));
  const types: Record<string, string> = { js: 'text/javascript; charset=utf-8', css: 'text/css; charset=utf-8', svg: 'image/svg+xml' };
  const seen = new Set<string>();
  while (queue.length) {
    const url = queue.shift()!;
    if (seen.has(url)) continue;
    seen.add(url);
    const r = await get(url);
    assert.equal(r.statusCode, 200, url);
    assert.equal(r.headers['content-type'], types[url.split('.').pop()!], url);
    assert.equal(r.headers['x-content-type-options'], 'nosniff', url);
    assert.match(String(r.headers['content-security-policy']), /default-src 'self'/, url);
    assert.match(String(r.headers.etag), /^"[A-Za-z0-9_-]+"$/, url);
    // Module imports are resolved by the browser against the importing file's URL.
    for (const m of r.body.matchAll(/^import[^'"]*['"](\.\/[^'"]+)['"]/gm)) queue.push(new URL(m[1]!, `http://x${url}`).pathname);
  }
  assert.ok(seen.has('/dashboard/sse.js') && seen.has('/dashboard/view.js'), [...seen].join(' '));
});

test('an unchanged file answers 304 to If-None-Match, a changed tag gets the file again', async () => {
  const first = await get('/dashboard/app.js');
  const etag = String(first.headers.etag);
  const same = await get('/dashboard/app.js', { 'if-none-match': etag });
  assert.equal(same.statusCode, 304);
  assert.equal(same.body, '');
  assert.equal(same.headers.etag, etag);
  assert.equal((await get('/dashboard/app.js', { 'if-none-match': `"other", W/${etag}` })).statusCode, 304);
  const other = await get('/dashboard/app.js', { 'if-none-match': '"not-the-tag"' });
  assert.equal(other.statusCode, 200);
  assert.equal(other.body, first.body);
});

test('HEAD answers the headers of a file without its body', async () => {
  const r = await app.inject({ method: 'HEAD', url: '/dashboard/style.css' });
  assert.equal(r.statusCode, 200);
  assert.equal(r.headers['content-type'], 'text/css; charset=utf-8');
  assert.equal(r.body, '');
});

test('unknown dashboard files answer 404 in the API error shape, still with nosniff', async () => {
  for (const url of ['/dashboard/nope.js', '/dashboard/app.ts', '/dashboard/APP.JS', '/dashboard/sub/app.js', '/dashboard/.env', '/dashboard/app.js/']) {
    const r = await get(url);
    assert.equal(r.statusCode, 404, url);
    assert.equal(r.headers['x-content-type-options'], 'nosniff', url);
    assert.deepEqual(r.json(), { code: 404, message: `No such API: GET ${url}.` }, url);
  }
});

test('path traversal never reaches a file outside the dashboard', async () => {
  const attempts = [
    '/dashboard/../package.json',
    '/dashboard/%2e%2e/package.json',
    '/dashboard/%2E%2E%2Fpackage.json',
    '/dashboard/..%2f..%2fserver%2fpackage.json',
    '/dashboard/..%5c..%5cserver%5cpackage.json',
    '/dashboard/....//....//package.json',
    '/dashboard/%252e%252e%252fpackage.json',
    '/dashboard/index.html%00.js',
    '/dashboard//etc/passwd',
    '/dashboard/%2fetc%2fpasswd',
  ];
  for (const url of attempts) {
    const r = await get(url);
    assert.ok(r.statusCode === 404 || r.statusCode === 400, `${url} → ${r.statusCode}`);
    assert.doesNotMatch(r.body, /"dependencies"|root:x:0/, url);
    assert.match(String(r.headers['content-type']), /^application\/json/, url);
  }
});

/** A request line sent as is: no client in between resolves or re-encodes dot-segments. */
function rawGet(port: number, path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = connect(port, '127.0.0.1', () => s.end(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`));
    let out = '';
    s.setEncoding('latin1');
    s.on('data', (c: string) => (out += c));
    s.on('end', () => resolve(out));
    s.on('error', reject);
  });
}

test('over a real socket, dot-segments and encoded separators in the path reach no file either', async (t) => {
  const d = await createDeps(testConfig());
  const server = buildApp(d);
  t.after(async () => {
    await server.close();
    await d.close();
  });
  await server.listen({ host: '127.0.0.1', port: 0 });
  const { port } = server.server.address() as { port: number };
  for (const path of ['/dashboard/../../server/package.json', '/dashboard/..%2f..%2fserver%2fpackage.json', '/dashboard/./app.js/../../package.json', '/dashboard/%2e%2e%2f%2e%2e%2fpackage.json']) {
    const res = await rawGet(port, path);
    assert.match(res, /^HTTP\/1\.1 (404|400) /, path);
    assert.doesNotMatch(res, /"dependencies"/, path);
  }
  // The same socket path to a real file does answer, so the probe itself works.
  assert.match(await rawGet(port, '/dashboard/app.js'), /^HTTP\/1\.1 200 /);
});
