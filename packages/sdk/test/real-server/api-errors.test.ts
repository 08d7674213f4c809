// Every error code the real server answers on the Zoom routes surfaces as a complete PresenceApiError.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { PresenceApiError, type FieldError, type PresenceClient, type SettableStatusInput } from '../../src/index.js';
import { countingFetch, startRealServer, type CountingFetch, type RealServer } from '../support/real-server.js';

let srv: RealServer;
before(async () => {
  srv = await startRealServer();
});
after(() => srv.close());

type Expected = { status: number; code: number; codeName: string; message: string; errors?: FieldError[] };
const trackingIds = new Set<string>();

/** Asserts the rejection field by field and that exactly one API request went out (no retry). */
async function expectApiError(call: Promise<unknown>, f: CountingFetch, want: Expected): Promise<PresenceApiError> {
  const err = await call.then(
    () => assert.fail('expected the call to fail'),
    (e: unknown) => e,
  );
  assert.ok(err instanceof PresenceApiError, `not a PresenceApiError: ${String(err)}`);
  assert.equal(err.status, want.status);
  assert.equal(err.code, want.code);
  assert.equal(err.codeName, want.codeName);
  assert.equal(err.message, want.message);
  assert.deepEqual(err.errors, want.errors ?? []);
  assert.match(err.trackingId ?? '', /\S/, 'x-zm-trackingid is reported');
  assert.ok(!trackingIds.has(err.trackingId!), 'tracking ids are unique per request');
  trackingIds.add(err.trackingId!);
  assert.equal(f.requests.filter((r) => r.path.startsWith('/v2/')).length, 1, 'sent once, not retried');
  return err;
}

function adminClient(): { client: PresenceClient; f: CountingFetch } {
  const f = countingFetch();
  return { client: srv.client({ app: 'acme-admin', fetch: f }), f };
}

async function userClient(userId: string): Promise<{ client: PresenceClient; f: CountingFetch }> {
  const f = countingFetch();
  return { client: srv.client({ fetch: f, auth: { type: 'static', accessToken: await srv.userToken(userId) } }), f };
}

const RANGE = 'duration must be a whole number of minutes between 1 and 1440.';

test('124: a static token the server never issued', async () => {
  const f = countingFetch();
  const client = srv.client({ fetch: f, auth: { type: 'static', accessToken: 'eyJhbGciOiJIUzI1NiJ9.e30.bm90LXNpZ25lZA' } });
  const err = await expectApiError(client.getPresenceStatus('me'), f, {
    status: 401, code: 124, codeName: 'invalid_token', message: 'Invalid access token.',
  });
  assert.ok(!JSON.stringify(err).includes('bm90LXNpZ25lZA'), 'the token is never echoed');
});

for (const duration of [0, 1441, 20.5, -5]) {
  test(`300: duration ${duration} is a validation error stating the range`, async () => {
    const { client, f } = adminClient();
    await expectApiError(client.updatePresenceStatus('bob', { status: 'Do_Not_Disturb', duration }), f, {
      status: 400, code: 300, codeName: 'validation_failed', message: 'Validation Failed.',
      errors: [{ field: 'duration', message: `Invalid duration '${duration}': ${RANGE}` }],
    });
  });
}

test('300: an invalid duration with a status that ignores it is still reported', async () => {
  const { client, f } = adminClient();
  await expectApiError(client.updatePresenceStatus('bob', { status: 'Available', duration: 0 }), f, {
    status: 400, code: 300, codeName: 'validation_failed', message: 'Validation Failed.',
    errors: [{ field: 'duration', message: `Invalid duration '0': ${RANGE}` }],
  });
});

test('300: an unknown status names the closest value and lists the allowed ones', async () => {
  const { client, f } = adminClient();
  const err = await expectApiError(client.updatePresenceStatus('bob', { status: 'Do_Not_Disturbb' as SettableStatusInput }), f, {
    status: 400, code: 300, codeName: 'validation_failed', message: 'Validation Failed.',
    errors: [{
      field: 'status',
      message: "Invalid status 'Do_Not_Disturbb'. Did you mean Do_Not_Disturb? Allowed values: Available, Away, Do_Not_Disturb, In_Calendar_Event, Presenting, In_A_Zoom_Meeting, On_A_Call, Out_of_Office, Busy.",
    }],
  });
  assert.equal(err.method, 'PUT');
  assert.equal(err.url, `${srv.url}/v2/users/bob/presence_status`);
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

test('5301: updating a user with no signed-in client', async () => {
  const { client, f } = adminClient();
  await expectApiError(client.updatePresenceStatus('dave', { status: 'Available' }), f, {
    status: 400, code: 5301, codeName: 'presence_request_failed', message: 'Request to update the presence status of this user failed.',
  });
});

test('5301: a 5.2 client may not move from Available to Away, but may go to Do_Not_Disturb', async () => {
  const { client, f } = adminClient();
  await expectApiError(client.updatePresenceStatus('carol', { status: 'Away' }), f, {
    status: 400, code: 5301, codeName: 'presence_request_failed', message: 'Request to update the presence status of this user failed.',
  });
  await client.updatePresenceStatus('carol', { status: 'Do_Not_Disturb', duration: 5 });
  assert.equal((await client.getPresenceStatus('carol')).status.raw, 'Do_Not_Disturb');
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

test('a duration JSON cannot carry (NaN, Infinity) is refused before sending, not turned into the default', async () => {
  const { client, f } = adminClient();
  for (const duration of [NaN, Infinity, -Infinity]) {
    await assert.rejects(client.updatePresenceStatus('bob', { status: 'Do_Not_Disturb', duration }), TypeError);
  }
  assert.equal(f.requests.length, 0);
  assert.equal((await client.getPresenceStatus('bob')).status.raw, 'Available');
});
