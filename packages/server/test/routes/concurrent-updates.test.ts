// Concurrent updates of one user: the per-user window admits exactly one, and without a window none is lost.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Config } from '../../src/config.js';
import { makeFixture, type Fixture } from '../support/fixture.js';

async function withFixture(overrides: Partial<Config>, fn: (f: Fixture) => Promise<void>) {
  const dir = mkdtempSync(join(tmpdir(), 'presence-concurrent-'));
  const f = await makeFixture({ dataDir: dir, ...overrides });
  try {
    await fn(f);
  } finally {
    await f.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const STATUSES = ['Away', 'Busy', 'Presenting', 'Out_of_Office', 'On_A_Call', 'In_Calendar_Event', 'In_A_Zoom_Meeting', 'Do_Not_Disturb'];

for (const store of ['memory', 'sqlite'] as const) {
  test(`ten concurrent updates of one user within the window: exactly one 204, the rest 429 (${store})`, () => withFixture({ store }, async (f) => {
    const token = await f.token();
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => f.put(f.owner.id, { status: STATUSES[i % STATUSES.length] }, { token })));
    const codes = results.map((r) => r.statusCode).sort();
    assert.deepEqual(codes, [204, ...Array(9).fill(429)]);
    const winner = results.findIndex((r) => r.statusCode === 204);
    const expected = STATUSES[winner % STATUSES.length]!;
    const got = (await f.get('me')).json().status;
    assert.equal(got === 'In_A_Meeting' ? 'In_A_Zoom_Meeting' : got === 'In_A_Call' ? 'On_A_Call' : got === 'In_A_Calendar_Event' ? 'In_Calendar_Event' : got, expected);
    const updates = (await f.deps.store.readEvents(0, 1000)).filter((e) => e.userId === f.owner.id && e.cause === 'update');
    assert.equal(updates.length, 1);
  }));

  test(`concurrent updates with the window disabled are all applied, one event each, none lost (${store})`, () => withFixture({ store, userUpdateWindowSec: 0 }, async (f) => {
    const token = await f.token();
    const before = (await f.deps.store.getPresence(f.owner.id))!.version;
    const sequence = ['Away', 'Busy', 'Away', 'Busy', 'Away', 'Busy', 'Away', 'Busy'];
    const results = await Promise.all(sequence.map((status) => f.put(f.owner.id, { status }, { token })));
    assert.deepEqual(results.map((r) => r.statusCode), Array(sequence.length).fill(204));
    const after = (await f.deps.store.getPresence(f.owner.id))!;
    assert.equal(after.version, before + sequence.length, 'every update was its own committed version');
    const updates = (await f.deps.store.readEvents(0, 1000)).filter((e) => e.userId === f.owner.id && e.cause === 'update');
    // Each event's previousStatus is the status the one before it set: a chain with no gaps.
    let prev = 'Available';
    for (const e of updates) {
      assert.equal(e.previousStatus, prev);
      prev = e.status;
    }
    assert.equal(prev, after.status);
  }));
}
