// Do-Not-Disturb expiry is a real state change at end_time, driven by the manual clock.
import { test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeFixture, type Fixture } from '../support/fixture.js';

let f: Fixture;
beforeEach(async () => { f = await makeFixture(); });
afterEach(async () => { await f.close(); });

const expiries = async () => (await f.deps.store.readEvents(0, 1000)).filter((e) => e.cause === 'dnd_expiry');

test('DND expiry on the manual clock returns the previous status', async () => {
  assert.equal((await f.put('me', { status: 'Away' })).statusCode, 204);
  await f.advance(60);
  assert.equal((await f.put('me', { status: 'Do_Not_Disturb', duration: 1 })).statusCode, 204);
  await f.advance(59);
  assert.equal((await f.get('me')).json().status, 'Do_Not_Disturb');
  await f.advance(1);
  assert.deepEqual((await f.get('me')).json(), { status: 'Away' });
  const rec = await f.deps.store.getPresence(f.owner.id);
  assert.deepEqual([rec?.status, rec?.dndUntil, rec?.dndPrevious], ['Away', null, null]);
});

test('a DND expiry emits exactly one change event, even when read before the sweep', async () => {
  const seen: string[] = [];
  f.deps.bus.subscribe((e) => seen.push(`${e.cause}:${e.previousStatus}→${e.status}`));
  await f.put('me', { status: 'Do_Not_Disturb', duration: 1 });
  f.clock.advance(61_000);
  assert.equal((await f.get('me')).json().status, 'Available', 'a read after end_time sees the expiry at once');
  await f.deps.runDueWork();
  await f.deps.runDueWork();
  assert.equal((await f.get('me')).json().status, 'Available');
  assert.deepEqual(seen, ['update:Available→Do_Not_Disturb', 'dnd_expiry:Do_Not_Disturb→Available']);
  const [e] = await expiries();
  assert.equal(e?.at, Date.parse('2026-12-03T17:01:00Z'), 'the event is dated at end_time, not when the sweep ran');
});

test('a newer status is never overwritten by a stale expiry', async () => {
  await f.put('me', { status: 'Do_Not_Disturb', duration: 2 });
  await f.advance(60);
  assert.equal((await f.put('me', { status: 'Busy' })).statusCode, 204);
  await f.advance(120);
  assert.equal((await f.get('me')).json().status, 'Busy');
  assert.deepEqual(await expiries(), []);
});

test('re-entering DND extends it: the first end time passes without an expiry, the second returns the original status', async () => {
  await f.put('me', { status: 'Away' });
  await f.advance(60);
  await f.put('me', { status: 'Do_Not_Disturb', duration: 2 });
  await f.advance(60);
  assert.equal((await f.put('me', { status: 'Do_Not_Disturb', duration: 5 })).statusCode, 204);
  await f.advance(90); // past the first end time
  assert.equal((await f.get('me')).json().status, 'Do_Not_Disturb');
  assert.deepEqual(await expiries(), []);
  await f.advance(210);
  assert.equal((await f.get('me')).json().status, 'Away');
  assert.equal((await expiries()).length, 1);
});

test('an update racing the expiry sweep: the update wins and the expiry is recorded once', async () => {
  await f.put('me', { status: 'Do_Not_Disturb', duration: 1 });
  f.clock.advance(60_000);
  const [res] = await Promise.all([f.put('me', { status: 'Busy' }), f.deps.runDueWork(), f.deps.runDueWork()]);
  assert.equal(res.statusCode, 204, res.body);
  assert.equal((await f.get('me')).json().status, 'Busy');
  assert.equal((await expiries()).length, 1);
});

test('the same race on the SQLite store', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'presence-dnd-'));
  const g = await makeFixture({ store: 'sqlite', dataDir: dir });
  try {
    await g.put('me', { status: 'Do_Not_Disturb', duration: 1 });
    g.clock.advance(60_000);
    const [res] = await Promise.all([g.put('me', { status: 'Busy' }), g.deps.runDueWork(), g.deps.runDueWork()]);
    assert.equal(res.statusCode, 204, res.body);
    assert.equal((await g.get('me')).json().status, 'Busy');
    assert.equal((await g.deps.store.readEvents(0, 100)).filter((e) => e.cause === 'dnd_expiry').length, 1);
  } finally {
    await g.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('POST /presence/v1/clock/advance runs due expiries before it answers', async () => {
  await f.put(f.old.id, { status: 'Do_Not_Disturb', duration: 3 });
  const res = await f.inject({
    method: 'POST', url: '/presence/v1/clock/advance',
    headers: { authorization: `Bearer ${f.config.adminKey}`, 'content-type': 'application/json' }, payload: { seconds: 180 },
  });
  assert.equal(res.statusCode, 200, res.body);
  assert.equal(res.json().dnd_expired, 1);
  assert.equal(res.json().now, '2026-12-03T17:03:00.000Z');
  assert.equal((await f.deps.store.getPresence(f.old.id))?.status, 'Available');
});
