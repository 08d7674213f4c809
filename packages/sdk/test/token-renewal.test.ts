import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PresenceApiError, createPresenceClient, createServerToServerTokenProvider } from '../src/index.js';
import { jsonResponse, noContent, scriptedFetch, tokenResponse, type RecordedCall } from './support/scripted-fetch.js';

const TOKEN_URL = 'http://127.0.0.1:8080/oauth/token';
const API = 'http://127.0.0.1:8080/v2';
const creds = { accountId: 'acc 1', clientId: 'cid', clientSecret: 'csecret' };

const isTokenCall = (c: RecordedCall) => c.url.startsWith(TOKEN_URL);

test('a 401 with code 124 renews the token once and retries once', async () => {
  let n = 0;
  const fetch = scriptedFetch((call) => {
    if (isTokenCall(call)) return tokenResponse(`t${++n}`);
    return call.headers.get('authorization') === 'Bearer t1'
      ? jsonResponse(401, { code: 124, message: 'Invalid access token.' })
      : noContent();
  });
  const client = createPresenceClient({ apiBaseUrl: API, tokenUrl: TOKEN_URL, auth: { type: 'server-to-server', ...creds }, fetch });
  await client.updatePresenceStatus('me', { status: 'Away' });
  assert.deepEqual(
    fetch.calls.map((c) => (isTokenCall(c) ? 'token' : `${c.method} ${c.headers.get('authorization')}`)),
    ['token', 'PUT Bearer t1', 'token', 'PUT Bearer t2'],
  );
});

test('a second 401/124 after renewal is thrown, not retried again', async () => {
  let n = 0;
  const fetch = scriptedFetch((call) =>
    isTokenCall(call) ? tokenResponse(`t${++n}`) : jsonResponse(401, { code: 124, message: 'Invalid access token.' }),
  );
  const client = createPresenceClient({ apiBaseUrl: API, tokenUrl: TOKEN_URL, auth: { type: 'server-to-server', ...creds }, fetch });
  const err = await client.getPresenceStatus('me').catch((e: unknown) => e);
  assert.ok(err instanceof PresenceApiError);
  assert.equal(err.code, 124);
  assert.equal(fetch.calls.filter(isTokenCall).length, 2);
  assert.equal(fetch.calls.filter((c) => !isTokenCall(c)).length, 2);
});

test('a 401 without code 124 is not treated as an expired token', async () => {
  const fetch = scriptedFetch((call) => (isTokenCall(call) ? tokenResponse('t') : jsonResponse(401, { code: 999, message: 'Nope.' })));
  const client = createPresenceClient({ apiBaseUrl: API, tokenUrl: TOKEN_URL, auth: { type: 'server-to-server', ...creds }, fetch });
  await assert.rejects(client.getPresenceStatus('me'), { status: 401, code: 999 });
  assert.equal(fetch.calls.length, 2);
});

test('a static token rejected with 401/124 is thrown without retry', async () => {
  const fetch = scriptedFetch(() => jsonResponse(401, { code: 124, message: 'Invalid access token.' }));
  const client = createPresenceClient({ auth: { type: 'static', accessToken: 'fixed' }, fetch });
  await assert.rejects(client.getPresenceStatus('me'), { name: 'PresenceApiError', status: 401, code: 124 });
  assert.equal(fetch.calls.length, 1);
  assert.equal(fetch.calls[0]!.url, 'https://api.zoom.us/v2/users/me/presence_status');
});

test('wrong client credentials throw the OAuth reason', async () => {
  const fetch = scriptedFetch(() => jsonResponse(401, { reason: 'Invalid client_id or client_secret', error: 'invalid_client' }));
  const client = createPresenceClient({ auth: { type: 'server-to-server', ...creds }, fetch });
  const err = await client.getPresenceStatus('me').catch((e: unknown) => e);
  assert.ok(err instanceof PresenceApiError);
  assert.equal(err.status, 401);
  assert.equal(err.message, 'Invalid client_id or client_secret');
  assert.equal(err.oauthError, 'invalid_client');
  assert.equal(err.method, 'POST');
  assert.ok(fetch.calls[0]!.url.startsWith('https://zoom.us/oauth/token?'));
});

test('a token response without access_token is an error', async () => {
  const fetch = scriptedFetch(() => jsonResponse(200, { token_type: 'bearer' }));
  const provider = createServerToServerTokenProvider({ ...creds, tokenUrl: TOKEN_URL, fetch });
  await assert.rejects(provider.getToken(), { name: 'PresenceApiError', message: 'Token response has no access_token' });
});
