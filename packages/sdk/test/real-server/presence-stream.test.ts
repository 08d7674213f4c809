// The SDK's stream client against GET /presence/v1/stream: snapshot, live changes, resume after a drop.
import { after, before, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import type { PresenceClient, PresenceStreamEvent } from '../../src/index.js';
import { startRealServer, type RealServer } from '../support/real-server.js';

let srv: RealServer;
let admin: PresenceClient;
before(async () => {
  srv = await startRealServer();
  admin = srv.client({ app: 'acme-admin' });
});
after(() => srv.close());

type Connection = { lastEventId: string | null; drop(): void };

/** A fetch whose stream connections the test can cut, as a network failure would; other requests pass through. */
function droppableFetch(): typeof fetch & { connections: Connection[] } {
  const connections: Connection[] = [];
  const fn = (input: string | URL | Request, init?: RequestInit) => {
    if (!String(input).endsWith('/presence/v1/stream')) return fetch(input, init);
    const cut = new AbortController();
    connections.push({ lastEventId: new Headers(init?.headers).get('last-event-id'), drop: () => cut.abort() });
    return fetch(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, cut.signal]) : cut.signal });
  };
  return Object.assign(fn, { connections }) as typeof fetch & { connections: Connection[] };
}

/** Opens a stream that is closed when the test ends, pass or fail, so a failure never leaves it hanging. */
function open(t: TestContext, client: PresenceClient, lastEventId?: string) {
  const stop = new AbortController();
  const it = client.streamPresence({ signal: stop.signal, lastEventId })[Symbol.asyncIterator]();
  t.after(async () => {
    stop.abort();
    await it.return?.();
  });
  return { it, stop };
}

/** A missing event fails the test instead of waiting forever. */
const LIMIT = { timeout: 5000 };

async function next(it: AsyncIterator<PresenceStreamEvent>): Promise<PresenceStreamEvent> {
  const r = await it.next();
  assert.equal(r.done, false, 'the stream ended early');
  return r.value as PresenceStreamEvent;
}

function presence(e: PresenceStreamEvent) {
  assert.equal(e.type, 'presence', `expected a presence event, got ${e.type}`);
  if (e.type !== 'presence') throw new Error('unreachable');
  return { user: e.userId, email: e.email, from: e.previousStatus?.raw, to: e.status.raw, status: e.status, cause: e.cause };
}

test('snapshot first, then a change, then a resume with Last-Event-ID after the connection drops', LIMIT, async (t) => {
  const f = droppableFetch();
  const waits: number[] = [];
  const client = srv.client({ app: 'acme-admin', fetch: f, sleep: async (ms) => void waits.push(ms) });
  const { it, stop } = open(t, client);

  const snapshot = await next(it);
  assert.equal(snapshot.type, 'snapshot');
  assert.ok(snapshot.type === 'snapshot');
  assert.deepEqual(
    snapshot.users.map((u) => [u.id, u.email, u.status.raw]).sort(),
    [
      ['bob', 'bob@acme.example', 'Available'],
      ['carol', 'carol@acme.example', 'Available'],
      ['dave', 'dave@acme.example', 'Offline'],
      ['jane', 'jane@acme.example', 'Available'],
    ],
  );

  await admin.updatePresenceStatus('bob', { status: 'In_A_Zoom_Meeting' });
  const change = await next(it);
  assert.deepEqual(presence(change), {
    user: 'bob', email: 'bob@acme.example', from: 'Available', to: 'In_A_Meeting',
    status: { kind: 'known', status: 'In_A_Meeting', raw: 'In_A_Meeting' }, cause: 'update',
  });

  // The connection dies; meanwhile jane changes. The client reconnects and is sent what it missed, not a snapshot.
  f.connections[0]!.drop();
  await admin.updatePresenceStatus('jane', { status: 'Busy' });
  const missed = await next(it);
  assert.equal(f.connections.length, 2);
  assert.equal(f.connections[1]!.lastEventId, change.id);
  assert.deepEqual(presence(missed), {
    user: 'jane', email: 'jane@acme.example', from: 'Available', to: 'Busy',
    status: { kind: 'known', status: 'Busy', raw: 'Busy' }, cause: 'update',
  });
  assert.ok(Number(missed.id) > Number(change.id));
  assert.deepEqual(waits, [2000], "one wait, the server's retry: value");

  // Live again on the new connection.
  await admin.updatePresenceStatus('carol', { status: 'Do_Not_Disturb', duration: 10 });
  assert.equal(presence(await next(it)).to, 'Do_Not_Disturb');

  stop.abort();
  assert.equal((await it.next()).done, true, 'aborting ends the loop quietly');
});

test('a stored lastEventId resumes a new stream where an earlier one stopped', LIMIT, async (t) => {
  const first = open(t, admin);
  const lastId = (await next(first.it)).id;
  first.stop.abort();
  await srv.advance(60);
  await admin.updatePresenceStatus('bob', { status: 'Away' });
  await admin.updatePresenceStatus('jane', { status: 'Available' });

  const { it } = open(t, admin, lastId);
  const resumed = [presence(await next(it)), presence(await next(it))];
  assert.deepEqual(resumed.map((p) => [p.user, p.to]), [['bob', 'Away'], ['jane', 'Available']]);
});

test('DND expiry on the manual clock arrives on the stream as its own change', LIMIT, async (t) => {
  await srv.advance(60);
  await admin.updatePresenceStatus('carol', { status: 'Do_Not_Disturb', duration: 10 });
  const { it } = open(t, admin);
  assert.equal((await next(it)).type, 'snapshot');
  await srv.advance(10 * 60);
  assert.deepEqual(presence(await next(it)), {
    user: 'carol', email: 'carol@acme.example', from: 'Do_Not_Disturb', to: 'Available',
    status: { kind: 'known', status: 'Available', raw: 'Available' }, cause: 'dnd_expiry',
  });
});

test('a user-level token streams only its own user', LIMIT, async (t) => {
  const bob = srv.client({ auth: { type: 'static', accessToken: await srv.userToken('bob') } });
  const { it } = open(t, bob);
  const snapshot = await next(it);
  assert.ok(snapshot.type === 'snapshot');
  assert.deepEqual(snapshot.users.map((u) => u.id), ['bob']);
  await srv.advance(60);
  await admin.updatePresenceStatus('jane', { status: 'Away' });
  await admin.updatePresenceStatus('bob', { status: 'Busy' });
  assert.equal(presence(await next(it)).user, 'bob', "jane's change is not shown to bob");
});

test('after the token expires, a dropped stream reconnects with a renewed token and resumes', LIMIT, async (t) => {
  const f = droppableFetch();
  const calls: string[] = [];
  const counting: typeof fetch = (input, init) => {
    calls.push(`${init?.method ?? 'GET'} ${new URL(String(input)).pathname}`);
    return f(input, init);
  };
  const client = srv.client({ app: 'acme-admin', fetch: counting, sleep: async () => undefined });
  const { it } = open(t, client);
  const snapshot = await next(it);

  await srv.advance(3601);
  f.connections[0]!.drop();
  await admin.updatePresenceStatus('bob', { status: 'Out_of_Office' });
  const missed = presence(await next(it));
  assert.deepEqual([missed.user, missed.to], ['bob', 'Out_of_Office']);
  assert.deepEqual(calls, [
    'POST /oauth/token',
    'GET /presence/v1/stream',
    'GET /presence/v1/stream', // 401: the token expired
    'POST /oauth/token',
    'GET /presence/v1/stream',
  ]);
  assert.deepEqual(f.connections.map((c) => c.lastEventId), [null, snapshot.id, snapshot.id]);
});
