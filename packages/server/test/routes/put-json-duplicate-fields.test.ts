// Spec §2: a field sent twice is a validation error; in JSON too, where the parser would keep only the last value.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { fixtureServer, zoomError, type Fixture, type FixtureServer } from '../support/fixture.js';
import { duplicateTopLevelKeys } from '../../src/http/json-keys.js';

let server: FixtureServer;
let f: Fixture;
before(async () => { server = await fixtureServer(); });
after(async () => { await server.close(); });
beforeEach(async () => { f = await server.next(); });

const putJson = (text: string) => f.put(f.owner.id, text, { headers: { 'content-type': 'application/json' } });
const statusOf = async () => (await f.get(f.owner.id)).json().status;

test('a JSON status sent twice → 400/300 naming status, and nothing changes', async () => {
  const res = await putJson('{"status":"Away","status":"Busy"}');
  assert.equal(res.statusCode, 400, res.body);
  const e = zoomError(res);
  assert.equal(e.code, 300);
  assert.deepEqual(e.errors, [{ field: 'status', message: 'status was sent 2 times; send it once.' }]);
  assert.equal(await statusOf(), 'Available');
});

test('a JSON duration sent three times (once spelled with an escape) → 400/300 naming duration', async () => {
  const res = await putJson('{"status":"Do_Not_Disturb","duration":5, "dur\\u0061tion":6,"duration":7}');
  assert.equal(res.statusCode, 400, res.body);
  assert.deepEqual(zoomError(res).errors, [{ field: 'duration', message: 'duration was sent 3 times; send it once.' }]);
  assert.equal(await statusOf(), 'Available');
});

test('the same key inside a nested object, or a key-like text inside a string value, is not a duplicate', async () => {
  for (const text of [
    '{"status":"Away","extra":{"status":"Busy","status":"Away"}}',
    '{"note":"\\",\\"status\\":\\"Busy","status":"Away"}',
    '{"status":"Away","msg":"{\\"status\\":1}","list":[{"status":1},{"status":2}]}',
  ]) {
    f = await server.next(); // one update per user per window
    const res = await putJson(text);
    assert.equal(res.statusCode, 204, `${text}: ${res.body}`);
    assert.equal(await statusOf(), 'Away');
  }
});

test('a body without repeats is accepted as before', async () => {
  const res = await putJson(' {"status" : "Busy"} ');
  assert.equal(res.statusCode, 204, res.body);
  assert.equal(await statusOf(), 'Busy');
});

test('the scanner finds only top-level repeats, compares keys decoded, and skips strings and nesting', () => {
  assert.equal(duplicateTopLevelKeys('{"a":1,"b":2}'), null);
  assert.deepEqual([...duplicateTopLevelKeys('{"a":1,"b":[{"a":2}],"a":3,"b":4,"a":5}')!], [['a', 3], ['b', 2]]);
  assert.equal(duplicateTopLevelKeys('{"a":{"x":1,"x":2},"b":[["a"],{"a":1}]}'), null);
  assert.equal(duplicateTopLevelKeys('{"a":"\\\\","b":"a\\"b","c":"\\\\\\"a"}'), null);
  assert.deepEqual([...duplicateTopLevelKeys('{"\\u00e9":1,"é":2}')!], [['é', 2]]);
  assert.equal(duplicateTopLevelKeys('[{"a":1,"a":2}]'), null);
});
