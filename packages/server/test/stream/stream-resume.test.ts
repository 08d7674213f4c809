import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryStore } from '../../src/store/memory-store.js';
import { SqliteStore } from '../../src/store/sqlite-store.js';
import { streamFixture, type Fixture } from './support/stream-fixture.js';
import { SseClient, dataOf, type SseBlock } from './support/sse-client.js';

const STREAM = '/presence/v1/stream';

/** Opens a stream, reads its snapshot, and returns the stream with the snapshot's id. */
async function connected(f: Fixture, token: string, t: { after(fn: () => void): void }) {
  const s = await SseClient.open(f.url + STREAM, { token });
  t.after(() => s.close());
  const snap = await s.next();
  assert.equal(snap.event, 'snapshot');
  return { s, id: snap.id! };
}

const summary = (b: SseBlock) => {
  const d = dataOf(b);
  return `${b.id} ${String(d.user_id)} ${String(d.status)}`;
};

test('resuming with Last-Event-ID delivers exactly the missed events of the account, then live ones', async (t) => {
  const f = await streamFixture();
  t.after(() => f.close());
  const admin = await f.adminToken('acc_a');
  const { s } = await connected(f, admin, t);
  assert.equal(await f.put('bob', admin, { status: 'Away' }), 204);
  const seen = await s.next();
  s.close();
  await s.endedP;

  assert.equal(await f.put('alice', admin, { status: 'Busy' }), 204);
  assert.equal(await f.put('carol', await f.adminToken('acc_b'), { status: 'Away' }), 204);
  assert.equal(await f.put('bob', admin, { status: 'Presenting' }), 204);

  const r = await SseClient.open(f.url + STREAM, { token: admin, lastEventId: seen.id });
  t.after(() => r.close());
  assert.equal(r.status, 200);
  const first = await r.next();
  const second = await r.next();
  const base = Number(seen.id);
  // No snapshot; carol's change (seq base+2) belongs to the other account.
  assert.deepEqual([first, second].map(summary), [`${base + 1} alice Busy`, `${base + 3} bob Presenting`]);
  assert.deepEqual(await r.eventsWithin(50), []);

  assert.equal(await f.put('alice', admin, { status: 'Available' }), 204);
  assert.equal(summary(await r.next()), `${base + 4} alice Available`);
});

test('a non-admin stream resumes with only its own missed events, also via ?last_event_id=', async (t) => {
  const f = await streamFixture();
  t.after(() => f.close());
  const admin = await f.adminToken('acc_a');
  const { s, id } = await connected(f, await f.userToken('bob'), t);
  s.close();
  assert.equal(await f.put('alice', admin, { status: 'Away' }), 204);
  assert.equal(await f.put('bob', admin, { status: 'Out_of_Office' }), 204);

  const r = await SseClient.open(`${f.url}${STREAM}?last_event_id=${id}`, { token: await f.userToken('bob') });
  t.after(() => r.close());
  assert.equal(summary(await r.next()), `${Number(id) + 2} bob Out_of_Office`);
  assert.deepEqual(await r.eventsWithin(50), []);
});

test('an id older than the resume buffer, unparseable, or never issued gets a fresh snapshot', async (t) => {
  const f = await streamFixture({ streamBufferSize: 10 });
  t.after(() => f.close());
  const admin = await f.adminToken('acc_a');
  const { s, id } = await connected(f, admin, t);
  s.close();
  const statuses = ['Away', 'Available'];
  for (let i = 0; i < 11; i++) assert.equal(await f.put('bob', admin, { status: statuses[i % 2] }), 204);

  for (const lastEventId of [id, 'yesterday', '-1', '999999']) {
    const r = await SseClient.open(f.url + STREAM, { token: admin, lastEventId });
    t.after(() => r.close());
    const first = await r.next();
    assert.equal(first.event, 'snapshot', `Last-Event-ID ${lastEventId}`);
    assert.equal(first.id, String(Number(id) + 11));
    const bob = (dataOf(first).users as Array<{ id: string; status: string }>).find((u) => u.id === 'bob');
    assert.equal(bob?.status, 'Away');
  }

  // Ten missed events are still within the buffer: replayed, not a snapshot.
  const r = await SseClient.open(f.url + STREAM, { token: admin, lastEventId: String(Number(id) + 1) });
  t.after(() => r.close());
  assert.equal((await r.next()).id, String(Number(id) + 2));
});

test('after a restart, a resume within the buffer size is served from the change log', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'presence-stream-'));
  t.after(() => rmSync(dataDir, { recursive: true, force: true }));
  const config = { store: 'sqlite' as const, dataDir };
  const f1 = await streamFixture(config);
  const admin = await f1.adminToken('acc_a');
  const { s, id } = await connected(f1, admin, t);
  s.close();
  assert.equal(await f1.put('bob', admin, { status: 'Busy' }), 204);
  await f1.close();

  const f2 = await streamFixture(config, { seed: false });
  t.after(() => f2.close());
  assert.equal(await f2.put('alice', admin, { status: 'Away' }), 204);
  const r = await SseClient.open(f2.url + STREAM, { token: admin, lastEventId: id });
  t.after(() => r.close());
  assert.deepEqual([await r.next(), await r.next()].map(summary), [`${Number(id) + 1} bob Busy`, `${Number(id) + 2} alice Away`]);

  // A fresh stream on the restarted server starts from the log's head, not from zero.
  const fresh = await SseClient.open(f2.url + STREAM, { token: admin });
  t.after(() => fresh.close());
  assert.equal((await fresh.next()).id, String(Number(id) + 2));
});

test('a change made while missed events are read from the change log follows them on the resumed stream', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'presence-stream-'));
  t.after(() => rmSync(dataDir, { recursive: true, force: true }));
  const config = { store: 'sqlite' as const, dataDir };
  const f1 = await streamFixture(config);
  const admin = await f1.adminToken('acc_a');
  const { s, id } = await connected(f1, admin, t);
  s.close();
  assert.equal(await f1.put('bob', admin, { status: 'Busy' }), 204);
  await f1.close();

  // After the restart, the log read answers only once the test has made another change.
  let release!: () => void;
  let armed = false;
  let reading!: () => void;
  const readDone = new Promise<void>((r) => (reading = r));
  const gate = new Promise<void>((r) => (release = r));
  const inner = new SqliteStore({ path: join(dataDir, 'presence.db'), synchronous: 'NORMAL' });
  const store = new Proxy(inner, {
    get(target, prop) {
      if (prop === 'readEvents' && armed) {
        return async (after: number, limit: number) => {
          const events = await target.readEvents(after, limit);
          reading();
          await gate;
          return events;
        };
      }
      const v = Reflect.get(target, prop) as unknown;
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
  const f2 = await streamFixture(config, { seed: false, deps: { store } });
  t.after(() => f2.close());
  armed = true;
  const r = await SseClient.open(f2.url + STREAM, { token: admin, lastEventId: id });
  t.after(() => r.close());
  await readDone;
  armed = false;
  assert.equal(await f2.put('alice', admin, { status: 'Away' }), 204);
  release();
  assert.deepEqual([await r.next(), await r.next()].map(summary), [`${Number(id) + 1} bob Busy`, `${Number(id) + 2} alice Away`]);
});

test('a change committed while the snapshot is being read still reaches the stream after it', async (t) => {
  // A store whose account-wide presence read waits for the test, so a change can land in the middle of it.
  const inner = new MemoryStore();
  let release!: () => void;
  let gate: Promise<void> | null = null;
  let reading!: () => void;
  const readStarted = new Promise<void>((r) => (reading = r));
  const store = new Proxy(inner, {
    get(target, prop) {
      if (prop === 'listPresence' && gate) {
        return async (accountId: string) => {
          reading();
          await gate;
          return target.listPresence(accountId);
        };
      }
      const v = Reflect.get(target, prop) as unknown;
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
  const f = await streamFixture({}, { deps: { store } });
  t.after(() => f.close());
  const admin = await f.adminToken('acc_a');

  gate = new Promise((r) => (release = r));
  const s = await SseClient.open(f.url + STREAM, { token: admin });
  t.after(() => s.close());
  await readStarted;
  assert.equal(await f.put('bob', admin, { status: 'Busy' }), 204);
  release();

  const snap = await s.next();
  assert.equal(snap.event, 'snapshot');
  const e = await s.next();
  assert.equal(summary(e), `${Number(snap.id) + 1} bob Busy`);
});
