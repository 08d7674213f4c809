// Server-to-server OAuth against a real Presence server: one token shared, renewed when it expires.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServerToServerTokenProvider, PresenceApiError } from '../../src/index.js';
import { countingFetch, rejectionOf, startRealServer, type RealServer } from '../support/real-server.js';

let srv: RealServer;
before(async () => {
  srv = await startRealServer();
});
after(() => srv.close());

const TOKEN = '/oauth/token';
const JANE = '/v2/users/me/presence_status';

test('the provider gets a token from /oauth/token with the account credentials and caches it', async () => {
  const f = countingFetch();
  const provider = createServerToServerTokenProvider({
    tokenUrl: `${srv.url}${TOKEN}`,
    accountId: 'acme',
    clientId: 'acme-admin',
    clientSecret: 'acme-admin-secret-0123456789',
    fetch: f,
    now: srv.now,
  });
  const first = await provider.getToken();
  const second = await provider.getToken();
  assert.equal(second, first);
  assert.equal(f.count('POST', TOKEN), 1);
  const current = provider.current();
  assert.equal(current?.accessToken, first);
  assert.equal(current?.expiresAt, srv.now() + 3600_000);
  assert.deepEqual(current?.scope.split(' ').sort(), ['user:read:admin', 'user:write:admin']);
  // The token the server issued is accepted by the server's own API.
  const res = await fetch(`${srv.url}${JANE}`, { headers: { authorization: `Bearer ${first}` } });
  assert.equal(res.status, 200);
});

test('100 concurrent getPresenceStatus calls cause exactly one token request', async () => {
  const f = countingFetch();
  const client = srv.client({ fetch: f });
  const readings = await Promise.all(Array.from({ length: 100 }, () => client.getPresenceStatus('me')));
  assert.equal(f.count('POST', TOKEN), 1);
  assert.equal(f.count('GET', JANE), 100);
  for (const r of readings) assert.deepEqual(r.status, { kind: 'known', status: 'Available', raw: 'Available' });
});

test('wrong client credentials surface as PresenceApiError 401 invalid_client, secret not echoed', async () => {
  const f = countingFetch();
  const client = srv.client({ fetch: f, auth: { type: 'server-to-server', accountId: 'acme', clientId: 'acme-admin', clientSecret: 'not-the-right-secret' } });
  const err = await rejectionOf(client.getPresenceStatus('me'));
  assert.equal(err.status, 401);
  assert.equal(err.oauthError, 'invalid_client');
  assert.equal(err.message, 'Invalid client_id or client_secret');
  assert.ok(!JSON.stringify(err).includes('not-the-right-secret'));
  // No API call is attempted without a token.
  assert.deepEqual(f.requests.map((r) => r.path), [TOKEN]);
});

test('a token the server has expired (clock > 1 h on) is renewed once and the call succeeds', async () => {
  const f = countingFetch();
  // The client keeps its own (real) clock, so it still believes the token fresh: only the server knows.
  const client = srv.client({ fetch: f });
  await client.getPresenceStatus('me');
  assert.equal(f.count('POST', TOKEN), 1);

  await srv.advance(3601);
  const reading = await client.getPresenceStatus('me');
  assert.equal(reading.status.kind === 'known' && reading.status.status, 'Available');
  assert.equal(f.count('POST', TOKEN), 2, 'one renewal after the 401');
  assert.equal(f.count('GET', JANE), 3, 'the first call, the rejected one and its single retry');

  // The renewed token is cached: the next call needs no token request.
  await client.getPresenceStatus('me');
  assert.equal(f.count('POST', TOKEN), 2);
});

test('a client sharing the server clock renews ahead of expiry and never sends an expired token', async () => {
  const f = countingFetch();
  const client = srv.client({ fetch: f, now: srv.now });
  await client.getPresenceStatus('me');
  // Inside the five-minute renewal margin, but the old token is still valid on the server.
  await srv.advance(3600 - 4 * 60);
  await client.getPresenceStatus('me');
  assert.equal(f.count('POST', TOKEN), 2);
  assert.equal(f.count('GET', JANE), 2, 'no 401 and no retry');
});

test('a static token the server has expired is reported as 124, not renewed', async () => {
  const token = await srv.userToken('bob');
  const f = countingFetch();
  const client = srv.client({ fetch: f, auth: { type: 'static', accessToken: token } });
  assert.equal((await client.getPresenceStatus('me')).status.kind, 'known');
  await srv.advance(3601);
  await assert.rejects(client.getPresenceStatus('me'), (e: unknown) => {
    assert.ok(e instanceof PresenceApiError);
    assert.equal(e.status, 401);
    assert.equal(e.code, 124);
    assert.equal(e.message, 'Invalid access token.');
    return true;
  });
  assert.equal(f.requests.length, 2);
});
