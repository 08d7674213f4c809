import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPresenceClient, createServerToServerTokenProvider } from '../src/index.js';
import { fakeClock, jsonResponse, scriptedFetch, tokenResponse, type RecordedCall } from './support/scripted-fetch.js';

const TOKEN_URL = 'http://127.0.0.1:8080/oauth/token';
const API = 'http://127.0.0.1:8080/v2';
const creds = { accountId: 'acc 1', clientId: 'cid', clientSecret: 'csecret' };

const isTokenCall = (c: RecordedCall) => c.url.startsWith(TOKEN_URL);

test('requests a token with account_credentials and HTTP Basic client credentials', async () => {
  const fetch = scriptedFetch(() => tokenResponse('t1'));
  const provider = createServerToServerTokenProvider({ ...creds, tokenUrl: TOKEN_URL, fetch });
  assert.equal(await provider.getToken(), 't1');
  const [call] = fetch.calls;
  assert.equal(call!.method, 'POST');
  const url = new URL(call!.url);
  assert.equal(url.origin + url.pathname, TOKEN_URL);
  assert.equal(url.searchParams.get('grant_type'), 'account_credentials');
  assert.equal(url.searchParams.get('account_id'), 'acc 1');
  assert.equal(call!.headers.get('authorization'), `Basic ${Buffer.from('cid:csecret').toString('base64')}`);
});

test('caches the token and renews it five minutes ahead of expiry', async () => {
  const clock = fakeClock();
  let n = 0;
  const fetch = scriptedFetch(() => tokenResponse(`t${++n}`, 3600));
  const provider = createServerToServerTokenProvider({ ...creds, tokenUrl: TOKEN_URL, fetch, now: clock.now });
  assert.equal(await provider.getToken(), 't1');
  clock.advance(3600_000 - 5 * 60_000 - 1);
  assert.equal(await provider.getToken(), 't1');
  assert.equal(fetch.calls.length, 1);
  clock.advance(1);
  assert.equal(await provider.getToken(), 't2');
  assert.equal(fetch.calls.length, 2);
});

test('the refresh skew is configurable', async () => {
  const clock = fakeClock();
  let n = 0;
  const fetch = scriptedFetch(() => tokenResponse(`t${++n}`, 3600));
  const provider = createServerToServerTokenProvider({ ...creds, tokenUrl: TOKEN_URL, fetch, now: clock.now, refreshSkewMs: 60_000 });
  await provider.getToken();
  clock.advance(3600_000 - 60_001);
  assert.equal(await provider.getToken(), 't1');
  clock.advance(1);
  assert.equal(await provider.getToken(), 't2');
});

test('a token living shorter than the skew is still reused for half its life', async () => {
  const clock = fakeClock();
  let n = 0;
  const fetch = scriptedFetch(() => tokenResponse(`t${++n}`, 60));
  const provider = createServerToServerTokenProvider({ ...creds, tokenUrl: TOKEN_URL, fetch, now: clock.now });
  await provider.getToken();
  clock.advance(29_999);
  assert.equal(await provider.getToken(), 't1');
  clock.advance(1);
  assert.equal(await provider.getToken(), 't2');
});

test('100 concurrent calls share exactly one token request', async () => {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const fetch = scriptedFetch(async (call) => {
    if (isTokenCall(call)) {
      await gate;
      return tokenResponse('shared');
    }
    return jsonResponse(200, { status: 'Available' });
  });
  const client = createPresenceClient({ apiBaseUrl: API, tokenUrl: TOKEN_URL, auth: { type: 'server-to-server', ...creds }, fetch });
  const all = Promise.all(Array.from({ length: 100 }, (_, i) => client.getPresenceStatus(`user${i}`)));
  await new Promise((r) => setImmediate(r));
  release();
  const results = await all;
  assert.equal(results.length, 100);
  assert.equal(fetch.calls.filter(isTokenCall).length, 1);
  assert.ok(fetch.calls.filter((c) => !isTokenCall(c)).every((c) => c.headers.get('authorization') === 'Bearer shared'));
});

test('a failed early renewal falls back to the still-valid token', async () => {
  const clock = fakeClock();
  let n = 0;
  const fetch = scriptedFetch(() => (++n === 1 ? tokenResponse('t1') : new Response('', { status: 503 })));
  const provider = createServerToServerTokenProvider({ ...creds, tokenUrl: TOKEN_URL, fetch, now: clock.now });
  await provider.getToken();
  clock.advance(3600_000 - 60_000);
  assert.equal(await provider.getToken(), 't1');
  clock.advance(60_000);
  await assert.rejects(provider.getToken(), { status: 503 });
});

test('the token response details are kept, including api_url', async () => {
  const clock = fakeClock();
  const fetch = scriptedFetch(() =>
    jsonResponse(200, { access_token: 'a', token_type: 'bearer', expires_in: 3600, scope: 'user:read', api_url: 'https://api-eu.zoom.us' }),
  );
  const provider = createServerToServerTokenProvider({ ...creds, tokenUrl: TOKEN_URL, fetch, now: clock.now });
  await provider.getToken();
  assert.deepEqual(provider.current(), { accessToken: 'a', expiresAt: clock.now() + 3600_000, scope: 'user:read', apiUrl: 'https://api-eu.zoom.us' });
});
