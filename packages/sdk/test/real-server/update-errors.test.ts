// Updates the real server refuses (300 validation, 5301 not possible now) as complete PresenceApiErrors.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { SettableStatusInput } from '../../src/index.js';
import { countingAdminClient, expectApiError, startRealServer, type RealServer } from '../support/real-server.js';

let srv: RealServer;
before(async () => {
  srv = await startRealServer();
});
after(() => srv.close());

const adminClient = () => countingAdminClient(srv);

const RANGE = 'duration must be a whole number of minutes between 1 and 1440.';

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

test('a duration JSON cannot carry (NaN, Infinity) is refused before sending, not turned into the default', async () => {
  const { client, f } = adminClient();
  for (const duration of [NaN, Infinity, -Infinity]) {
    await assert.rejects(client.updatePresenceStatus('bob', { status: 'Do_Not_Disturb', duration }), TypeError);
  }
  assert.equal(f.requests.length, 0);
  assert.equal((await client.getPresenceStatus('bob')).status.raw, 'Available');
});
