// POST /oauth/token: Zoom's server-to-server OAuth (account_credentials grant).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { decodeJwt } from 'jose';
import { makeFixture, type Fixture } from '../support/fixture.js';

let f: Fixture;
before(async () => { f = await makeFixture(); });
after(async () => { await f.close(); });

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
const auth = () => ({ authorization: basic(f.client.id, f.client.secret) });

async function tokenByQuery(query = `grant_type=account_credentials&account_id=${f.account.id}`, headers: Record<string, string> = auth()) {
  return f.inject({ method: 'POST', url: `/oauth/token?${query}`, headers });
}

test('issues a token for grant_type and account_id in the query string', async () => {
  const res = await tokenByQuery();
  assert.equal(res.statusCode, 200, res.body);
  assert.equal(res.headers['content-type'], 'application/json;charset=UTF-8');
  const body = res.json();
  assert.deepEqual(Object.keys(body).sort(), ['access_token', 'api_url', 'expires_in', 'scope', 'token_type']);
  assert.equal(body.token_type, 'bearer');
  assert.equal(body.expires_in, 3600);
  assert.equal(body.api_url, f.config.publicUrl);
  assert.equal(body.scope, f.client.scopes.join(' '));
  const claims = decodeJwt(body.access_token);
  assert.equal(claims.exp! - claims.iat!, 3600);
  assert.equal((await f.get('me', { token: body.access_token })).json().status, 'Available');
});

test('issues a token for an urlencoded body', async () => {
  const res = await f.inject({
    method: 'POST', url: '/oauth/token',
    headers: { ...auth(), 'content-type': 'application/x-www-form-urlencoded' },
    payload: `grant_type=account_credentials&account_id=${f.account.id}`,
  });
  assert.equal(res.statusCode, 200, res.body);
  assert.equal((await f.put(f.old.id, { status: 'Do_Not_Disturb' }, { token: res.json().access_token })).statusCode, 204);
});

test('tolerates an empty body sent with Content-Type: application/json', async () => {
  const res = await f.inject({
    method: 'POST', url: `/oauth/token?grant_type=account_credentials&account_id=${f.account.id}`,
    headers: { ...auth(), 'content-type': 'application/json' }, payload: '',
  });
  assert.equal(res.statusCode, 200, res.body);
});

test('a body the token endpoint cannot read keeps the OAuth error shape', async () => {
  for (const [type, payload, status] of [['text/plain', 'hello', 415], ['application/json', '{"grant_type":', 400]] as const) {
    const res = await f.inject({
      method: 'POST', url: `/oauth/token?grant_type=account_credentials&account_id=${f.account.id}`,
      headers: { ...auth(), 'content-type': type }, payload,
    });
    assert.equal(res.statusCode, status, res.body);
    assert.equal(res.json().error, 'invalid_request');
    assert.equal(typeof res.json().reason, 'string');
  }
});

test('the scope string is the app’s scopes, space-separated, and the token carries exactly them', async () => {
  const { access_token, scope } = (await tokenByQuery()).json();
  assert.deepEqual(scope.split(' '), f.client.scopes);
  assert.equal(decodeJwt(access_token).scope, scope);
});

test('several tokens are valid at once', async () => {
  const a = (await tokenByQuery()).json().access_token;
  await f.advance(1);
  const b = (await tokenByQuery()).json().access_token;
  assert.notEqual(a, b);
  assert.equal((await f.get('me', { token: a })).statusCode, 200);
  assert.equal((await f.get('me', { token: b })).statusCode, 200);
});

test('a wrong secret → 401 {"reason":"Invalid client_id or client_secret","error":"invalid_client"}', async () => {
  const expected = { reason: 'Invalid client_id or client_secret', error: 'invalid_client' };
  for (const headers of <Array<Record<string, string>>>[
    { authorization: basic(f.client.id, 'wrong-secret') },
    { authorization: basic('no-such-client', f.client.secret) },
    { authorization: basic(f.client.id, `${f.client.secret}x`) },
    { authorization: 'Basic !!!' },
    { authorization: `Basic ${Buffer.from('no-colon').toString('base64')}` },
    {},
  ]) {
    const res = await tokenByQuery(undefined, headers);
    assert.equal(res.statusCode, 401, JSON.stringify(headers));
    assert.deepEqual(res.json(), expected);
    assert.equal(res.headers['content-type'], 'application/json;charset=UTF-8');
  }
});

test('a correct secret still works after wrong ones (no lock-out, no cache poisoning)', async () => {
  await tokenByQuery(undefined, { authorization: basic(f.client.id, 'nope') });
  assert.equal((await tokenByQuery()).statusCode, 200);
  assert.equal((await tokenByQuery(undefined, { authorization: basic(f.client.id, 'nope') })).statusCode, 401);
});

test('an unsupported grant → 400 {"reason":"Unsupported grant type","error":"unsupported_grant_type"}', async () => {
  for (const q of [`grant_type=client_credentials&account_id=${f.account.id}`, `account_id=${f.account.id}`, 'grant_type=']) {
    const res = await tokenByQuery(q);
    assert.equal(res.statusCode, 400, q);
    assert.deepEqual(res.json(), { reason: 'Unsupported grant type', error: 'unsupported_grant_type' });
  }
});

test('a missing account_id → 400 invalid_request', async () => {
  const res = await tokenByQuery('grant_type=account_credentials');
  assert.equal(res.statusCode, 400);
  assert.deepEqual(res.json(), { reason: "Invalid request : Request parameter 'account_id' is required", error: 'invalid_request' });
});

test('an account_id that is not the app’s account → 400 invalid_request', async () => {
  const res = await tokenByQuery(`grant_type=account_credentials&account_id=${f.otherAccount.id}`);
  assert.equal(res.statusCode, 400);
  assert.deepEqual(res.json(), { reason: 'Invalid request : Account ID mismatch', error: 'invalid_request' });
});

test('an app deleted after its token was issued can no longer get tokens', async () => {
  assert.equal((await tokenByQuery()).statusCode, 200);
  const g = await makeFixture();
  try {
    await g.deps.directory.deleteApp(g.client.id);
    const res = await g.inject({ method: 'POST', url: `/oauth/token?grant_type=account_credentials&account_id=${g.account.id}`, headers: { authorization: basic(g.client.id, g.client.secret) } });
    assert.equal(res.statusCode, 401);
  } finally {
    await g.close();
  }
});
