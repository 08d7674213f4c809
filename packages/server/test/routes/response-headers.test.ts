// What every response carries: a unique x-zm-trackingid, Zoom's JSON content type, rate-limit headers, the error shape.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { makeFixture, zoomError, type Fixture } from '../support/fixture.js';

let f: Fixture;
before(async () => { f = await makeFixture({ userUpdateWindowSec: 0 }); });
after(async () => { await f.close(); });

async function assorted() {
  return [
    await f.get('me'),
    await f.put('me', { status: 'Away' }),
    await f.put('me', { status: 'nope' }),
    await f.get('no-such-user'),
    await f.inject({ method: 'GET', url: '/v2/users/me/presence_status' }),
    await f.inject({ method: 'POST', url: '/oauth/token' }),
    await f.inject({ method: 'GET', url: '/v2/nothing-here' }),
    await f.inject({ method: 'GET', url: '/presence/v1/health' }),
  ];
}

test('every response carries an x-zm-trackingid, unique per response', async () => {
  const ids = (await assorted()).map((r) => r.headers['x-zm-trackingid']);
  for (const id of ids) assert.match(String(id), /^v=2\.0;clid=presence;rid=\w+$/);
  assert.equal(new Set(ids).size, ids.length);
});

test('every response with a body has Content-Type: application/json;charset=UTF-8', async () => {
  for (const r of await assorted()) {
    if (r.statusCode === 204) {
      assert.equal(r.body, '');
      continue;
    }
    assert.equal(r.headers['content-type'], 'application/json;charset=UTF-8', `${r.statusCode} ${r.body}`);
    JSON.parse(r.body);
  }
});

test('errors are {code, message}; validation adds errors [{field, message}]', async () => {
  const notFound = await f.get('nobody');
  assert.deepEqual(Object.keys(notFound.json()).sort(), ['code', 'message']);
  const invalid = zoomError(await f.put('me', { status: 'Do_Not_Disturb', duration: 'x' }));
  assert.deepEqual(Object.keys(invalid).sort(), ['code', 'errors', 'message']);
  assert.deepEqual(invalid.errors, [{ field: 'duration', message: "Invalid duration 'x': duration must be a whole number of minutes between 1 and 1440." }]);
});

test('an unknown route answers 404 in the Zoom shape', async () => {
  const res = await f.inject({ method: 'DELETE', url: '/v2/users/me/presence_status' });
  assert.equal(res.statusCode, 404);
  assert.equal(zoomError(res).code, 404);
});

test('API responses carry X-RateLimit-Category Medium, Type, Limit and Remaining', async () => {
  for (const r of [await f.get('me'), await f.put('me', { status: 'Busy' }), await f.get('no-such-user')]) {
    assert.equal(r.headers['x-ratelimit-category'], 'Medium');
    assert.equal(r.headers['x-ratelimit-type'], 'QPS');
    assert.equal(r.headers['x-ratelimit-limit'], String(f.config.businessPerSecond));
    assert.match(String(r.headers['x-ratelimit-remaining']), /^\d+$/);
  }
});

test('a path with bad percent-encoding → 400 300 in the Zoom shape with a tracking id', async () => {
  const res = await f.inject({ method: 'GET', url: '/v2/users/%E0%A4%A/presence_status', headers: { authorization: `Bearer ${await f.token()}` } });
  assert.equal(res.statusCode, 400);
  assert.deepEqual(res.json(), { code: 300, message: 'Validation Failed.', errors: [{ field: 'path', message: 'The path is not valid percent-encoding.' }] });
  assert.match(String(res.headers['x-zm-trackingid']), /rid=\w+$/);
  assert.equal(res.headers['content-type'], 'application/json;charset=UTF-8');
});

test('a userId longer than the router accepts → 400 300, not Fastify’s 414 body', async () => {
  const res = await f.get('x'.repeat(600));
  assert.equal(res.statusCode, 400);
  assert.equal(zoomError(res).code, 300);
  assert.ok(res.headers['x-zm-trackingid']);
});
