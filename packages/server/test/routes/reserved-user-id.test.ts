// `me` names the caller in /v2/users/me, so no user may have it as an id.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN_KEY, makeFixture, zoomError, type Fixture } from '../support/fixture.js';

let f: Fixture;
before(async () => { f = await makeFixture(); });
after(async () => { await f.close(); });

const createUser = (body: Record<string, string>) => f.inject({
  method: 'POST', url: `/presence/v1/accounts/${f.account.id}/users`,
  headers: { 'x-presence-admin-key': ADMIN_KEY, 'content-type': 'application/json' },
  payload: JSON.stringify(body),
});

test('a user id "me" in any case is refused with 400/300 naming the id field', async () => {
  for (const [i, id] of ['me', 'ME', 'Me'].entries()) {
    const res = await createUser({ id, email: `me${i}@example.com` });
    assert.equal(res.statusCode, 400, res.body);
    const err = zoomError(res);
    assert.equal(err.code, 300);
    assert.equal(err.errors?.[0]?.field, 'id');
    assert.match(err.errors![0]!.message, /"me"/);
    assert.equal(await f.deps.store.findUserByEmail(`me${i}@example.com`), undefined);
  }
  // Ids that merely contain "me" are fine.
  assert.equal((await createUser({ id: 'meg', email: 'meg@example.com' })).statusCode, 201);
});
