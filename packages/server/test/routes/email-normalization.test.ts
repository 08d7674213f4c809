// Emails are compared in Unicode NFC, lower case: an accented address typed composed or decomposed is one user.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN_KEY, makeFixture, zoomError, type Fixture } from '../support/fixture.js';

let f: Fixture;
before(async () => { f = await makeFixture(); });
after(async () => { await f.close(); });

const NFC = 'zo\u00eb@ex\u00e4mple.com';
const NFD = NFC.normalize('NFD');

const createUser = (id: string, email: string) => f.inject({
  method: 'POST', url: `/presence/v1/accounts/${f.account.id}/users`,
  headers: { 'x-presence-admin-key': ADMIN_KEY, 'content-type': 'application/json' },
  payload: JSON.stringify({ id, email }),
});

test('a user created with an NFD email is found by both forms, and the NFC form cannot be created again', async () => {
  assert.notEqual(NFC, NFD);
  const created = await createUser('u-zoe', NFD);
  assert.equal(created.statusCode, 201, created.body);
  assert.equal(created.json().email, NFC);
  const again = await createUser('u-zoe2', NFC);
  assert.equal(again.statusCode, 409, again.body);
  assert.equal(zoomError(again).code, 1005);
  await f.deps.presence.signIn((await f.deps.store.getUser('u-zoe'))!, 'desktop', '6.3.0', true);
  const put = await f.put(encodeURIComponent(NFD), { status: 'Away' });
  assert.equal(put.statusCode, 204, put.body);
  for (const ref of [NFC, NFD, NFD.toUpperCase(), 'u-zoe']) {
    const res = await f.get(encodeURIComponent(ref));
    assert.equal(res.statusCode, 200, `${JSON.stringify(ref)}: ${res.body}`);
    assert.equal(res.json().status, 'Away');
    const admin = await f.inject({ method: 'GET', url: `/presence/v1/users/${encodeURIComponent(ref)}`, headers: { 'x-presence-admin-key': ADMIN_KEY } });
    assert.equal(admin.json().id, 'u-zoe', admin.body);
  }
});
