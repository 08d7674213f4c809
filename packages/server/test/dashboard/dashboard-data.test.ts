// What the dashboard reads besides the stream: "since" in the users list, and the banner line that points to it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { banner } from '../../src/demo.js';
import { ADMIN_KEY, makeFixture } from '../support/fixture.js';

test('the users list says since when each status holds, and null for a user whose status never changed', async (t) => {
  const f = await makeFixture({ userUpdateWindowSec: 0 });
  t.after(() => f.close());
  const list = async () => {
    const r = await f.inject({ method: 'GET', url: `/presence/v1/accounts/${f.account.id}/users`, headers: { authorization: `Bearer ${ADMIN_KEY}` } });
    assert.equal(r.statusCode, 200);
    return new Map((r.json().users as Array<{ id: string; status_since: string | null }>).map((u) => [u.id, u.status_since]));
  };
  const signedInAt = (await list()).get(f.owner.id);
  assert.equal(signedInAt, '2026-12-03T17:00:00Z');
  assert.equal((await list()).get(f.offline.id), null);

  await f.advance(90);
  assert.equal((await f.put(f.owner.id, { status: 'Away' })).statusCode, 204);
  assert.equal((await list()).get(f.owner.id), '2026-12-03T17:01:30Z');
  await f.advance(30);
  // Setting the same status again does not restart it.
  assert.equal((await f.put(f.owner.id, { status: 'Away' })).statusCode, 204);
  assert.equal((await list()).get(f.owner.id), '2026-12-03T17:01:30Z');
});

test('the start-up banner says where the dashboard is', async (t) => {
  const f = await makeFixture();
  t.after(() => f.close());
  assert.match(banner('http://127.0.0.1:8080', f.deps, undefined), /^Dashboard: http:\/\/127\.0\.0\.1:8080\/dashboard$/m);
});
