import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ERROR_CODES, PresenceApiError, createPresenceClient } from '../src/index.js';
import { jsonResponse, scriptedFetch } from './support/scripted-fetch.js';

const MESSAGES: Record<number, string> = {
  124: 'Invalid access token.',
  300: 'Validation Failed.',
  429: 'You have reached the maximum per-second rate limit for this API. Try again later.',
  1001: 'User does not exist: abc.',
  4711: 'Invalid access token, does not contain scopes:[user:read].',
  5301: 'Request to update the presence status of this user failed.',
  5411: 'Unauthorized request. You do not have permission to update the presence status of this user.',
};

test('ERROR_CODES lists the codes the SDK knows with their HTTP status', () => {
  assert.deepEqual(
    ERROR_CODES.map((e) => [e.code, e.httpStatus, e.name]),
    [
      [124, 401, 'invalid_token'],
      [300, 400, 'validation_failed'],
      [429, 429, 'rate_limited'],
      [1001, 404, 'user_not_found'],
      [4711, 400, 'missing_scope'],
      [5301, 400, 'presence_request_failed'],
      [5411, 400, 'unauthorized_request'],
    ],
  );
});

for (const entry of ERROR_CODES) {
  test(`a ${entry.httpStatus} with code ${entry.code} becomes PresenceApiError ${entry.name}`, async () => {
    const fetch = scriptedFetch(() =>
      jsonResponse(entry.httpStatus, { code: entry.code, message: MESSAGES[entry.code] }, { 'x-zm-trackingid': 'v=2.0;trk' }),
    );
    const client = createPresenceClient({ auth: { type: 'static', accessToken: 'tok' }, fetch, retry: { maxRetries: 0 } });
    const err = await client.getPresenceStatus('abc').catch((e: unknown) => e);
    assert.ok(err instanceof PresenceApiError);
    assert.equal(err.status, entry.httpStatus);
    assert.equal(err.code, entry.code);
    assert.equal(err.codeName, entry.name);
    assert.equal(err.message, MESSAGES[entry.code]);
    assert.equal(err.trackingId, 'v=2.0;trk');
    assert.equal(err.method, 'GET');
  });
}

test('validation failures carry their field errors', async () => {
  const fetch = scriptedFetch(() =>
    jsonResponse(400, {
      code: 300,
      message: 'Validation Failed.',
      errors: [{ field: 'duration', message: 'Duration must be an integer from 1 to 1440.' }],
    }),
  );
  const client = createPresenceClient({ auth: { type: 'static', accessToken: 'tok' }, fetch });
  const err = await client.updatePresenceStatus('me', { status: 'Do_Not_Disturb', duration: 0 }).catch((e: unknown) => e);
  assert.ok(err instanceof PresenceApiError);
  assert.equal(err.code, 300);
  assert.deepEqual(err.errors, [{ field: 'duration', message: 'Duration must be an integer from 1 to 1440.' }]);
});

test('an unknown code is kept, without a name', async () => {
  const fetch = scriptedFetch(() => jsonResponse(400, { code: 9999, message: 'Something new.' }));
  const client = createPresenceClient({ auth: { type: 'static', accessToken: 'tok' }, fetch });
  const err = (await client.getPresenceStatus('me').catch((e: unknown) => e)) as PresenceApiError;
  assert.equal(err.code, 9999);
  assert.equal(err.codeName, undefined);
  assert.equal(err.message, 'Something new.');
});

test('rate-limit headers are read into rateLimit', async () => {
  const fetch = scriptedFetch(() =>
    jsonResponse(404, { code: 1001, message: 'User does not exist: x.' }, {
      'X-RateLimit-Category': 'Medium',
      'X-RateLimit-Type': 'QPS',
      'X-RateLimit-Limit': '20',
      'X-RateLimit-Remaining': '19',
    }),
  );
  const client = createPresenceClient({ auth: { type: 'static', accessToken: 'tok' }, fetch });
  const err = (await client.getPresenceStatus('x').catch((e: unknown) => e)) as PresenceApiError;
  assert.deepEqual(err.rateLimit, {
    category: 'Medium',
    type: 'QPS',
    limit: 20,
    remaining: 19,
    retryAfter: undefined,
    retryAfterMs: undefined,
    retryAt: undefined,
  });
});
