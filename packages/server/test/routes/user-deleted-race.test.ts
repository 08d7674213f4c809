// A user deleted while a change for them is in flight: the change answers 1001, never a 5xx, on every store.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Config } from '../../src/config.js';
import { makeFixture, type Fixture } from '../support/fixture.js';

/** Deletes `userId` right after the service has read its sessions: the deletion lands between read and commit. */
function deleteDuringRead(f: Fixture, userId: string) {
  const store = f.deps.store;
  const listSessions = store.listSessions.bind(store);
  let armed = true;
  store.listSessions = async (id: string) => {
    const r = await listSessions(id);
    if (armed && id === userId) {
      armed = false;
      assert.equal(await store.deleteUser(id), true);
    }
    return r;
  };
}

async function withFixture(store: 'memory' | 'sqlite', fn: (f: Fixture) => Promise<void>) {
  const dir = mkdtempSync(join(tmpdir(), 'presence-race-'));
  const f = await makeFixture({ store, dataDir: dir } as Partial<Config>);
  try {
    await fn(f);
  } finally {
    await f.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

for (const store of ['memory', 'sqlite'] as const) {
  test(`an update whose user is deleted before it commits → 404 1001 (${store})`, () => withFixture(store, async (f) => {
    deleteDuringRead(f, f.old.id);
    const res = await f.put(f.old.id, { status: 'Do_Not_Disturb' });
    assert.deepEqual([res.statusCode, res.json()], [404, { code: 1001, message: `User does not exist: ${f.old.id}.` }]);
    assert.equal(await f.deps.store.getPresence(f.old.id), undefined);
  }));

  test(`a first sign-in whose user is deleted before it commits → 404 1001 (${store})`, () => withFixture(store, async (f) => {
    deleteDuringRead(f, f.offline.id);
    const res = await f.inject({
      method: 'POST', url: `/presence/v1/users/${f.offline.id}/sessions`,
      headers: { authorization: `Bearer ${f.config.adminKey}` }, payload: { client_type: 'desktop', client_version: '6.0.0' },
    });
    assert.deepEqual([res.statusCode, res.json()], [404, { code: 1001, message: `User does not exist: ${f.offline.id}.` }]);
    assert.deepEqual(await f.deps.store.listSessions(f.offline.id), []);
  }));
}
