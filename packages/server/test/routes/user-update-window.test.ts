// One accepted update per user per minute: rolling window, Retry-After, shared across `me`/id/email.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { fixtureServer, makeFixture, type Fixture, type FixtureServer } from '../support/fixture.js';

// One app per file; each test gets a fresh account and users on it.
let server: FixtureServer;
let f: Fixture;
before(async () => { server = await fixtureServer(); });
after(async () => { await server.close(); });
beforeEach(async () => { f = await server.next(); });

const USER_LIMITED = {
  code: 429,
  message: 'Too many requests submitted to update the presence status of this user. Please wait for the request to be processed and try again later.',
};

test('a second update within 60 s → 429 with Retry-After in whole seconds', async () => {
  assert.equal((await f.put(f.owner.id, { status: 'Away' })).statusCode, 204);
  await f.advance(0.4);
  const res = await f.put(f.owner.id, { status: 'Busy' });
  assert.equal(res.statusCode, 429);
  assert.deepEqual(res.json(), USER_LIMITED);
  assert.equal(res.headers['retry-after'], '60');
  assert.equal((await f.get('me')).json().status, 'Away');
});

test('`me`, the id and the email share the per-user window', async () => {
  assert.equal((await f.put('me', { status: 'Away' })).statusCode, 204);
  for (const ref of [f.owner.id, f.owner.email, f.owner.email.toUpperCase(), 'me']) {
    const res = await f.put(ref, { status: 'Busy' });
    assert.equal(res.statusCode, 429, ref);
  }
});

test('the window is per user: another user can be updated at once', async () => {
  assert.equal((await f.put(f.owner.id, { status: 'Away' })).statusCode, 204);
  assert.equal((await f.put(f.old.id, { status: 'Do_Not_Disturb' })).statusCode, 204);
});

test('Retry-After counts down on the manual clock and the update is accepted after 60 s', async () => {
  assert.equal((await f.put(f.owner.id, { status: 'Away' })).statusCode, 204);
  await f.advance(15);
  assert.equal((await f.put(f.owner.id, { status: 'Busy' })).headers['retry-after'], '45');
  await f.advance(44.5);
  assert.equal((await f.put(f.owner.id, { status: 'Busy' })).headers['retry-after'], '1');
  await f.advance(0.5);
  const res = await f.put(f.owner.id, { status: 'Busy' });
  assert.equal(res.statusCode, 204, res.body);
  assert.equal((await f.get('me')).json().status, 'Busy');
});

test('the window is rolling from the accepted update, not the clock minute', async () => {
  f.clock.set(Math.ceil(f.clock.now() / 60_000) * 60_000 + 50_000); // hh:mm:50
  assert.equal((await f.put(f.owner.id, { status: 'Away' })).statusCode, 204);
  await f.advance(20); // hh:(mm+1):10: a new clock minute, still inside the window
  const res = await f.put(f.owner.id, { status: 'Busy' });
  assert.equal(res.statusCode, 429);
  assert.equal(res.headers['retry-after'], '40');
});

test('rejected requests never count and never extend the window', async () => {
  // Rejections before any accepted update do not open a window.
  assert.equal((await f.put(f.owner.id, { status: 'nope' })).statusCode, 400);
  assert.equal((await f.put(f.owner.id, { status: 'Offline' })).statusCode, 400);
  assert.equal((await f.put(f.owner.id, { status: 'Away' })).statusCode, 204);
  // 429s and 400s inside the window do not move its end.
  await f.advance(30);
  assert.equal((await f.put(f.owner.id, { status: 'Busy' })).statusCode, 429);
  assert.equal((await f.put(f.owner.id, { status: 'Do_Not_Disturb', duration: 0 })).statusCode, 400);
  await f.advance(29);
  assert.equal((await f.put(f.owner.id, { status: 'Busy' })).headers['retry-after'], '1');
  await f.advance(1);
  assert.equal((await f.put(f.owner.id, { status: 'Busy' })).statusCode, 204);
});

test('a 5301 refusal does not open the window', async () => {
  assert.equal((await f.put(f.old.id, { status: 'Away' })).statusCode, 400);
  assert.equal((await f.put(f.old.id, { status: 'Do_Not_Disturb' })).statusCode, 204);
});

test('setting the same status is an accepted update and opens the window', async () => {
  assert.equal((await f.put(f.owner.id, { status: 'Available' })).statusCode, 204);
  assert.equal((await f.put(f.owner.id, { status: 'Away' })).statusCode, 429);
});

test('a window of 0 disables the per-user limit', async () => {
  const g = await makeFixture({ userUpdateWindowSec: 0 });
  try {
    for (const status of ['Away', 'Busy', 'Available', 'Presenting']) assert.equal((await g.put('me', { status })).statusCode, 204, status);
  } finally {
    await g.close();
  }
});

test('the window length is configurable', async () => {
  const g = await makeFixture({ userUpdateWindowSec: 5 });
  try {
    assert.equal((await g.put('me', { status: 'Away' })).statusCode, 204);
    assert.equal((await g.put('me', { status: 'Busy' })).headers['retry-after'], '5');
    await g.advance(5);
    assert.equal((await g.put('me', { status: 'Busy' })).statusCode, 204);
  } finally {
    await g.close();
  }
});
