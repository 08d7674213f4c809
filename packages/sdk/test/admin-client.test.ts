// The SDK admin client for /presence/v1: paths, bodies, envelopes, errors and auth.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { PresenceApiError, createAdminClient } from '../src/index.js';
import { jsonResponse, noContent, scriptedFetch, tokenResponse } from './support/scripted-fetch.js';

const adminKey = 'admin-key-0123456789';
const auth = { type: 'admin-key', adminKey } as const;
const baseUrl = 'http://127.0.0.1:8080/';

test('sends the admin key as a bearer token to /presence/v1 under the origin', async () => {
  const fetch = scriptedFetch(() => jsonResponse(200, { ok: true, store: 'memory', clock: 'manual', now: '2026-12-03T17:00:00.000Z' }));
  const health = await createAdminClient({ baseUrl, auth, fetch }).health();
  assert.equal(health.clock, 'manual');
  assert.equal(fetch.calls[0]!.url, 'http://127.0.0.1:8080/presence/v1/health');
  assert.equal(fetch.calls[0]!.headers.get('authorization'), `Bearer ${adminKey}`);
});

test('path-encodes user references, so an email or an odd id stays one segment', async () => {
  const fetch = scriptedFetch(() => jsonResponse(200, { sessions: [] }));
  const admin = createAdminClient({ baseUrl, auth, fetch });
  await admin.listSessions('jane+x@example.com');
  await admin.listSessions('a/b?c');
  assert.deepEqual(fetch.calls.map((c) => c.url), [
    'http://127.0.0.1:8080/presence/v1/users/jane%2Bx%40example.com/sessions',
    'http://127.0.0.1:8080/presence/v1/users/a%2Fb%3Fc/sessions',
  ]);
});

test('list calls return the array inside the envelope', async () => {
  const users = [{ id: 'u1', account_id: 'a1', email: 'a@x.io', first_name: '', last_name: '', role: 'owner', status: 'Away', dnd_end_time: null }];
  const fetch = scriptedFetch((c) => {
    if (c.url.endsWith('/accounts')) return jsonResponse(200, { accounts: [{ id: 'a1', name: 'A', plan: 'pro' }] });
    if (c.url.endsWith('/users')) return jsonResponse(200, { users });
    if (c.url.includes('/deliveries')) return jsonResponse(200, { deliveries: [] });
    return jsonResponse(200, { webhooks: [] });
  });
  const admin = createAdminClient({ baseUrl, auth, fetch });
  assert.deepEqual(await admin.listAccounts(), [{ id: 'a1', name: 'A', plan: 'pro' }]);
  assert.deepEqual(await admin.listUsers('a1'), users);
  assert.deepEqual(await admin.listWebhooks('a1'), []);
  assert.deepEqual(await admin.listDeliveries('wh 1', { limit: 5 }), []);
  assert.equal(fetch.calls[3]!.url, 'http://127.0.0.1:8080/presence/v1/webhooks/wh%201/deliveries?limit=5');
});

test('creating sends the body as JSON, exactly in the server spelling', async () => {
  const fetch = scriptedFetch(() => jsonResponse(201, { id: 's1' }));
  const admin = createAdminClient({ baseUrl, auth, fetch });
  await admin.startSession('u1', { client_type: 'desktop', client_version: '6.3.0', keep_alive: true });
  await admin.advanceClock({ seconds: 90 });
  await admin.createWebhook('a1', { url: 'http://127.0.0.1:9/hook', secret_token: 'shh' });
  assert.deepEqual(fetch.calls.map((c) => [c.method, c.url, c.headers.get('content-type'), c.body]), [
    ['POST', 'http://127.0.0.1:8080/presence/v1/users/u1/sessions', 'application/json', '{"client_type":"desktop","client_version":"6.3.0","keep_alive":true}'],
    ['POST', 'http://127.0.0.1:8080/presence/v1/clock/advance', 'application/json', '{"seconds":90}'],
    ['POST', 'http://127.0.0.1:8080/presence/v1/accounts/a1/webhooks', 'application/json', '{"url":"http://127.0.0.1:9/hook","secret_token":"shh"}'],
  ]);
});

test('calls answered 204 resolve with nothing, a 202 with its body', async () => {
  const fetch = scriptedFetch((c) => (c.url.endsWith('/redeliver') ? jsonResponse(202, { id: 'd1', state: 'pending' }) : noContent()));
  const admin = createAdminClient({ baseUrl, auth, fetch });
  assert.equal(await admin.endSession('s1'), undefined);
  assert.equal(await admin.heartbeat('s1'), undefined);
  assert.deepEqual(await admin.redeliver('d1'), { id: 'd1', state: 'pending' });
  assert.deepEqual(fetch.calls.map((c) => c.method), ['DELETE', 'POST', 'POST']);
  // A POST without fields still carries an object: an empty JSON body is a 400 on Fastify servers.
  assert.equal(fetch.calls[1]!.body, '{}');
});

test('a failure throws PresenceApiError with the server code and message', async () => {
  const fetch = scriptedFetch(() => jsonResponse(404, { code: 9001, message: 'Session does not exist: nope.' }, { 'x-zm-trackingid': 't-1' }));
  const err = await createAdminClient({ baseUrl, auth, fetch }).endSession('nope').catch((e: unknown) => e);
  assert.ok(err instanceof PresenceApiError);
  assert.equal(err.status, 404);
  assert.equal(err.code, 9001);
  assert.equal(err.message, 'Session does not exist: nope.');
  assert.equal(err.trackingId, 't-1');
  assert.equal(err.method, 'DELETE');
});

test('the admin key never appears in an error, even when the server echoes it', async () => {
  const fetch = scriptedFetch(() => jsonResponse(401, { code: 124, message: `Invalid access token: ${adminKey}` }));
  const err = await createAdminClient({ baseUrl, auth, fetch }).getClock().catch((e: unknown) => e);
  assert.ok(err instanceof PresenceApiError);
  for (const text of [err.message, String(err), JSON.stringify(err), inspect(err)]) assert.ok(!text.includes(adminKey), text);
  // An admin key cannot be renewed, so there is no second attempt.
  assert.equal(fetch.calls.length, 1);
});

test('a 2xx answer that is not JSON is an error, not a crash', async () => {
  const fetch = scriptedFetch(() => new Response('<html>proxy</html>', { status: 200, headers: { 'content-type': 'text/html' } }));
  await assert.rejects(createAdminClient({ baseUrl, auth, fetch }).getClock(), PresenceApiError);
});

test('server-to-server auth gets its token from the same server and renews it once on 124', async () => {
  let tokens = 0;
  const fetch = scriptedFetch((c) => {
    if (c.url.startsWith('http://127.0.0.1:8080/oauth/token')) return tokenResponse(`tok-${++tokens}`);
    if (c.headers.get('authorization') === 'Bearer tok-1') return jsonResponse(401, { code: 124, message: 'Invalid access token.' });
    return jsonResponse(201, { access_token: 'user-token', token_type: 'bearer', expires_in: 3600, scope: 'user:read:presence_status', user_id: 'u1' });
  });
  const admin = createAdminClient({ baseUrl, auth: { type: 'server-to-server', accountId: 'a1', clientId: 'c1', clientSecret: 'secret-secret-123' }, fetch });
  const t = await admin.createUserToken({ user_id: 'alice@example.com', scopes: ['user:read:presence_status'] });
  assert.equal(t.access_token, 'user-token');
  assert.equal(tokens, 2);
  assert.equal(fetch.calls.at(-1)!.body, '{"user_id":"alice@example.com","scopes":["user:read:presence_status"]}');
});

test('an empty base URL is refused before any request', () => {
  assert.throws(() => createAdminClient({ baseUrl: '', auth }), TypeError);
});
