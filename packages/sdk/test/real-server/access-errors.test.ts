// Who may call whom: 124, 1001, 4711 and 5411 from the real server, as complete PresenceApiErrors.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { PresenceClient } from '../../src/index.js';
import { countingAdminClient, countingFetch, expectApiError, startRealServer, type CountingFetch, type RealServer } from '../support/real-server.js';

let srv: RealServer;
before(async () => {
  srv = await startRealServer();
});
after(() => srv.close());

const adminClient = () => countingAdminClient(srv);

async function userClient(userId: string): Promise<{ client: PresenceClient; f: CountingFetch }> {
  const f = countingFetch();
  return { client: srv.client({ fetch: f, auth: { type: 'static', accessToken: await srv.userToken(userId) } }), f };
}

test('124: a static token the server never issued', async () => {
  const f = countingFetch();
  const client = srv.client({ fetch: f, auth: { type: 'static', accessToken: 'eyJhbGciOiJIUzI1NiJ9.e30.bm90LXNpZ25lZA' } });
  const err = await expectApiError(client.getPresenceStatus('me'), f, {
    status: 401, code: 124, codeName: 'invalid_token', message: 'Invalid access token.',
  });
  assert.ok(!JSON.stringify(err).includes('bm90LXNpZ25lZA'), 'the token is never echoed');
});

test('1001: an unknown user', async () => {
  const { client, f } = adminClient();
  await expectApiError(client.getPresenceStatus('nobody@acme.example'), f, {
    status: 404, code: 1001, codeName: 'user_not_found', message: 'User does not exist: nobody@acme.example.',
  });
});

test('1001: a user of another account does not exist for the caller', async () => {
  const { client, f } = adminClient();
  await expectApiError(client.updatePresenceStatus('zed', { status: 'Away' }), f, {
    status: 404, code: 1001, codeName: 'user_not_found', message: 'User does not exist: zed.',
  });
});

test('4711: an app with read scopes only trying to PUT', async () => {
  const f = countingFetch();
  const client = srv.client({ app: 'acme-reader', fetch: f });
  await expectApiError(client.updatePresenceStatus('bob', { status: 'Away' }), f, {
    status: 400, code: 4711, codeName: 'missing_scope',
    message: 'Invalid access token, does not contain scopes:[user:write,user:write:admin,user:update:presence_status,user:update:presence_status:admin].',
  });
  // The same app may read.
  assert.equal((await client.getPresenceStatus('bob')).status.kind, 'known');
});

test('5411: a user-level token updating another user', async () => {
  const { client, f } = await userClient('bob');
  await expectApiError(client.updatePresenceStatus('jane', { status: 'Away' }), f, {
    status: 400, code: 5411, codeName: 'unauthorized_request',
    message: 'Unauthorized request. You do not have permission to update the presence status of this user.',
  });
});

test('5411: a user-level token reading another user', async () => {
  const { client, f } = await userClient('bob');
  await expectApiError(client.getPresenceStatus('jane@acme.example'), f, {
    status: 400, code: 5411, codeName: 'unauthorized_request',
    message: 'Unauthorized request. You do not have permission to read the presence status of this user.',
  });
});
