// PUT /v2/users/{userId}/presence_status: every accepted body encoding means the same thing.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { fixtureServer, multipart, zoomError, type Fixture, type FixtureServer } from '../support/fixture.js';

// One app per file; each test gets a fresh account and users on it.
let server: FixtureServer;
let f: Fixture;
before(async () => { server = await fixtureServer(); });
after(async () => { await server.close(); });
beforeEach(async () => { f = await server.next(); });

const statusOf = async (id: string) => (await f.get(id)).json().status;

test('accepts a JSON body', async () => {
  const res = await f.put(f.owner.id, { status: 'Away' });
  assert.equal(res.statusCode, 204, res.body);
  assert.equal(res.body, '');
  assert.equal(await statusOf(f.owner.id), 'Away');
});

test('accepts a JSON body with `; charset=utf-8`', async () => {
  const res = await f.put(f.owner.id, JSON.stringify({ status: 'Busy' }), { headers: { 'content-type': 'application/json; charset=utf-8' } });
  assert.equal(res.statusCode, 204, res.body);
  assert.equal(await statusOf(f.owner.id), 'Busy');
});

test('accepts a JSON body with `;charset=UTF-8` and no space', async () => {
  const res = await f.put(f.owner.id, JSON.stringify({ status: 'Busy' }), { headers: { 'content-type': 'application/json;charset=UTF-8' } });
  assert.equal(res.statusCode, 204, res.body);
});

test('accepts a multipart/form-data body with a boundary; form values are strings ("30" means 30)', async () => {
  const m = multipart([['status', 'Do_Not_Disturb'], ['duration', '30']]);
  const res = await f.put(f.owner.id, m.payload, { headers: m.headers });
  assert.equal(res.statusCode, 204, res.body);
  const got = (await f.get('me')).json();
  assert.equal(got.status, 'Do_Not_Disturb');
  assert.equal(got.remaining_time, 1800);
});

test('accepts an application/x-www-form-urlencoded body', async () => {
  const res = await f.put(f.owner.id, 'status=Do_Not_Disturb&duration=45', { headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  assert.equal(res.statusCode, 204, res.body);
  assert.equal((await f.get('me')).json().remaining_time, 45 * 60);
});

test('reads a multipart part that carries a filename as a field value', async () => {
  const m = multipart([['status', 'Presenting', 'status.txt']]);
  const res = await f.put(f.owner.id, m.payload, { headers: m.headers });
  assert.equal(res.statusCode, 204, res.body);
  assert.equal(await statusOf(f.owner.id), 'Presenting');
});

test('rejects a urlencoded field sent twice with 300, not as an array', async () => {
  const res = await f.put(f.owner.id, 'status=Away&status=Busy', { headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  assert.equal(res.statusCode, 400);
  const e = zoomError(res);
  assert.equal(e.code, 300);
  assert.equal(e.message, 'Validation Failed.');
  assert.equal(e.errors?.[0]?.field, 'status');
  assert.match(e.errors![0]!.message, /sent 2 times/);
  assert.equal(await statusOf(f.owner.id), 'Available');
});

test('rejects a multipart field sent twice with 300', async () => {
  const m = multipart([['status', 'Away'], ['duration', '5'], ['duration', '6']]);
  const res = await f.put(f.owner.id, m.payload, { headers: m.headers });
  assert.equal(res.statusCode, 400);
  assert.deepEqual(zoomError(res).errors?.map((e) => e.field), ['duration']);
});

test('rejects multipart without a boundary with 300, not 500', async () => {
  const res = await f.put(f.owner.id, 'status=Away', { headers: { 'content-type': 'multipart/form-data' } });
  assert.equal(res.statusCode, 400, res.body);
  assert.equal(zoomError(res).code, 300);
});

test('an empty body is a validation error naming status', async () => {
  const res = await f.put(f.owner.id, '', { headers: { 'content-type': 'application/json' } });
  assert.equal(res.statusCode, 400, res.body);
  assert.deepEqual(zoomError(res).errors, [{ field: 'status', message: 'status is required.' }]);
});

test('a multipart part without a name → 300, not a crash', async () => {
  for (const disposition of ['form-data', 'form-data; filename="x.txt"']) {
    const payload = `--x\r\nContent-Disposition: ${disposition}\r\n\r\nAway\r\n--x--\r\n`;
    const res = await f.put(f.owner.id, payload, { headers: { 'content-type': 'multipart/form-data; boundary=x' } });
    assert.equal(res.statusCode, 400, res.body);
    assert.deepEqual(zoomError(res).errors, [{ field: 'body', message: 'A multipart part has no name.' }]);
  }
  assert.equal((await f.get('me')).json().status, 'Available');
});

test('a compressed body (Content-Encoding other than identity) is refused with 415 naming the encoding, and changes nothing', async () => {
  const { gzipSync } = await import('node:zlib');
  const before = await statusOf(f.owner.id);
  for (const [encoding, payload] of [['gzip', gzipSync('{"status":"Busy"}')], ['br', Buffer.from('{"status":"Busy"}')], ['identity, gzip', gzipSync('{"status":"Busy"}')]] as const) {
    const res = await f.put(f.owner.id, payload, { headers: { 'content-type': 'application/json', 'content-encoding': encoding } });
    assert.equal(res.statusCode, 415, `${encoding}: ${res.body}`);
    const err = zoomError(res);
    assert.equal(err.code, 415);
    assert.ok(err.message.includes(`Content-Encoding: ${encoding}`), err.message);
  }
  assert.equal(await statusOf(f.owner.id), before);
  // identity is the absence of an encoding.
  const ok = await f.put(f.owner.id, JSON.stringify({ status: 'Busy' }), { headers: { 'content-type': 'application/json', 'content-encoding': 'Identity' } });
  assert.equal(ok.statusCode, 204, ok.body);
  assert.equal(await statusOf(f.owner.id), 'Busy');
});
