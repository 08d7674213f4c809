import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { PresenceApiError, createPresenceClient } from '../src/index.js';
import { jsonResponse, scriptedFetch } from './support/scripted-fetch.js';

const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.secret-access-token.sig';
const SECRET = 'client-secret-do-not-print';

function allForms(err: PresenceApiError): string[] {
  return [err.message, err.toString(), JSON.stringify(err), inspect(err, { depth: 10, showHidden: true })];
}

async function failWith(res: () => Response, accessToken = TOKEN): Promise<PresenceApiError> {
  const client = createPresenceClient({ auth: { type: 'static', accessToken }, fetch: scriptedFetch(res), retry: { maxRetries: 0 } });
  const err = await client.getPresenceStatus('me').catch((e: unknown) => e);
  assert.ok(err instanceof PresenceApiError);
  return err;
}

test('the access token is absent from message, toString, JSON.stringify and util.inspect', async () => {
  const err = await failWith(() =>
    jsonResponse(401, {
      code: 124,
      message: `Invalid access token: ${TOKEN}`,
      errors: [{ field: 'Authorization', message: `Bearer ${TOKEN}` }],
    }),
  );
  assert.equal(err.code, 124);
  for (const form of allForms(err)) assert.ok(!form.includes(TOKEN), form);
  assert.match(err.message, /\[redacted\]/);
});

test('the client secret is absent from all four forms of a token endpoint error', async () => {
  const fetch = scriptedFetch(() => jsonResponse(401, { reason: `Invalid client_id or client_secret (${SECRET})`, error: 'invalid_client' }));
  const client = createPresenceClient({
    auth: { type: 'server-to-server', accountId: 'acc', clientId: 'cid', clientSecret: SECRET },
    fetch,
  });
  const err = await client.getPresenceStatus('me').catch((e: unknown) => e);
  assert.ok(err instanceof PresenceApiError);
  const basic = Buffer.from(`cid:${SECRET}`).toString('base64');
  for (const form of allForms(err)) {
    assert.ok(!form.includes(SECRET), form);
    assert.ok(!form.includes(basic), form);
  }
});

test('the error keeps no request headers', async () => {
  const err = await failWith(() => jsonResponse(404, { code: 1001, message: 'User does not exist: me.' }));
  const keys = Object.keys(err).join(',');
  assert.ok(!/header|request|authorization/i.test(keys), keys);
});

test('an HTML 502 from a proxy gives a sensible error without echoing the page', async () => {
  const err = await failWith(
    () => new Response(`<html><body>Bad gateway ${TOKEN}</body></html>`, { status: 502, statusText: 'Bad Gateway', headers: { 'content-type': 'text/html' } }),
  );
  assert.equal(err.status, 502);
  assert.equal(err.code, undefined);
  assert.match(err.message, /^HTTP 502 Bad Gateway with a non-JSON body \(text\/html/);
  for (const form of allForms(err)) assert.ok(!form.includes('<html>'));
});

test('an empty error body still says what happened', async () => {
  const err = await failWith(() => new Response('', { status: 503 }));
  assert.equal(err.status, 503);
  assert.match(err.message, /^HTTP 503.* with an empty body$/);
});

test('a JSON error body without a message falls back to the status line', async () => {
  const err = await failWith(() => jsonResponse(500, { code: 1 }));
  assert.equal(err.code, 1);
  assert.match(err.message, /^HTTP 500/);
});

test('missing headers leave trackingId and rateLimit undefined', async () => {
  const err = await failWith(() => new Response(JSON.stringify({ code: 1001, message: 'User does not exist: me.' }), { status: 404 }));
  assert.equal(err.trackingId, undefined);
  assert.equal(err.rateLimit, undefined);
  assert.deepEqual(err.errors, []);
});

test('the error is an Error named PresenceApiError', async () => {
  const err = await failWith(() => jsonResponse(404, { code: 1001, message: 'User does not exist: me.' }));
  assert.ok(err instanceof Error);
  assert.equal(err.name, 'PresenceApiError');
  assert.equal(err.toString(), 'PresenceApiError: User does not exist: me.');
  assert.equal(JSON.parse(JSON.stringify(err)).code, 1001);
});
