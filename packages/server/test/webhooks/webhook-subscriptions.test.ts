// Adding, listing and removing webhook endpoints: URL validation first, secrets never shown, accounts kept apart.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeFixture, T0, zoomError } from '../support/fixture.js';
import { ADMIN, Receiver, SECRET, subscribe, subscribed } from './support/webhook-fixture.js';

async function setup(t: import('node:test').TestContext, webhookTimeoutMs = 3000) {
  const f = await makeFixture({ webhookTimeoutMs });
  const r = await Receiver.start(SECRET);
  t.after(async () => { await f.close(); await r.close(); });
  return { f, r };
}

test('adding an endpoint validates its URL first and answers 201 without the secret', async (t) => {
  const { f, r } = await setup(t);
  const res = await subscribe(f, r);
  assert.equal(res.statusCode, 201, res.body);
  assert.doesNotMatch(res.body, new RegExp(SECRET));
  const body = res.json();
  assert.match(body.id, /^[A-Za-z0-9]{22}$/);
  assert.deepEqual({ ...body, id: 'x' }, {
    id: 'x', account_id: 'acc-main', url: r.url, events: ['user.presence_status_updated'], status: 'active', disabled_reason: null,
    validated_at: new Date(T0).toISOString(), next_validation_at: new Date(T0 + 72 * 3_600_000).toISOString(),
    consecutive_failures: 0, created_at: new Date(T0).toISOString(),
  });

  assert.equal(r.challenges.length, 1);
  const c = r.challenges[0]!;
  assert.match(c.raw.toString(), /^\{"payload":\{"plainToken":"[A-Za-z0-9_-]{22}"\},"event_ts":\d+,"event":"endpoint\.url_validation"\}$/);
  assert.equal(c.json.event_ts, T0);
  assert.equal(c.headers['user-agent'], 'Zoom Marketplace/1.0a');
  assert.ok(c.signedRaw, 'the challenge is signed like any event');

  const list = await f.inject({ method: 'GET', url: '/presence/v1/accounts/acc-main/webhooks', headers: ADMIN });
  assert.equal(list.statusCode, 200);
  assert.deepEqual(list.json().webhooks.map((w: { id: string }) => w.id), [body.id]);
  assert.doesNotMatch(list.body, new RegExp(SECRET));
});

test('a failed URL validation answers 400 webhook_validation_failed naming why, and adds nothing', async (t) => {
  const { f, r } = await setup(t);
  const cases: Array<[Receiver['validation'], RegExp]> = [
    ['wrong-token', /encryptedToken is not the hex HMAC-SHA256/],
    ['wrong-plain', /plainToken in the answer is not the one sent/],
    ['not-json', /the answer is not JSON/],
    [500, /answered HTTP 500/],
    [404, /answered HTTP 404/],
  ];
  for (const [mode, why] of cases) {
    r.validation = mode;
    const res = await subscribe(f, r);
    assert.equal(res.statusCode, 400, `${mode}: ${res.body}`);
    const e = zoomError(res);
    assert.equal(e.code, 9006);
    assert.match(e.message, /^Endpoint URL validation failed: /);
    assert.match(e.message, why, String(mode));
  }
  const list = await f.inject({ method: 'GET', url: '/presence/v1/accounts/acc-main/webhooks', headers: ADMIN });
  assert.deepEqual(list.json(), { webhooks: [] });
});

test('an endpoint that does not answer within webhookTimeoutMs fails validation', async (t) => {
  const { f, r } = await setup(t, 300);
  r.validation = 'hang';
  const res = await subscribe(f, r);
  assert.equal(res.statusCode, 400);
  assert.match(zoomError(res).message, /could not be reached \(no answer within 300 ms\)/);
});

test('an endpoint nobody listens on fails validation as unreachable', async (t) => {
  const { f, r } = await setup(t);
  const gone = await Receiver.start(SECRET);
  await gone.close();
  const res = await subscribe(f, gone);
  assert.equal(res.statusCode, 400);
  assert.match(zoomError(res).message, /could not be reached \(ECONNREFUSED/);
  assert.equal(r.challenges.length, 0);
});

test('bad subscription input is a validation error naming the field', async (t) => {
  const { f, r } = await setup(t);
  const post = (payload: unknown) => f.inject({ method: 'POST', url: '/presence/v1/accounts/acc-main/webhooks', headers: ADMIN, payload: payload as object });
  const cases: Array<[unknown, string]> = [
    [{ url: 'ftp://example.com/hook', secret_token: SECRET }, 'url'],
    [{ url: 'not a url', secret_token: SECRET }, 'url'],
    [{ url: r.url, secret_token: 'short' }, 'secret_token'],
    [{ url: r.url }, 'secret_token'],
    [{ url: r.url, secret_token: SECRET, events: ['meeting.started'] }, 'events.0'],
    [{ url: r.url, secret_token: SECRET, events: [] }, 'events'],
  ];
  for (const [payload, field] of cases) {
    const res = await post(payload);
    assert.equal(res.statusCode, 400, JSON.stringify(payload));
    const e = zoomError(res);
    assert.equal(e.code, 300);
    assert.ok(e.errors?.some((x) => x.field === field), `${JSON.stringify(payload)} → ${res.body}`);
  }
  assert.equal(r.challenges.length, 0, 'nothing is sent for bad input');
});

test('deleting an endpoint answers 204, then it no longer exists', async (t) => {
  const { f, r } = await setup(t);
  const id = await subscribed(f, r);
  const del = await f.inject({ method: 'DELETE', url: `/presence/v1/webhooks/${id}`, headers: ADMIN });
  assert.equal(del.statusCode, 204);
  const again = await f.inject({ method: 'DELETE', url: `/presence/v1/webhooks/${id}`, headers: ADMIN });
  assert.equal(again.statusCode, 404);
  assert.deepEqual(zoomError(again), { code: 9004, message: `Webhook endpoint does not exist: ${id}.` });
  const list = await f.inject({ method: 'GET', url: '/presence/v1/accounts/acc-main/webhooks', headers: ADMIN });
  assert.deepEqual(list.json(), { webhooks: [] });
});

test("an account's presence:admin token manages its own webhooks; other accounts' do not exist for it", async (t) => {
  const { f, r } = await setup(t);
  const own = { authorization: `Bearer ${await f.token({ scopes: ['presence:admin'] })}` };
  const mine = await subscribe(f, r, { headers: own });
  assert.equal(mine.statusCode, 201, mine.body);

  const theirs = await subscribed(f, r, 'acc-other');
  const routes: Array<[string, string, number]> = [
    ['POST', '/presence/v1/accounts/acc-other/webhooks', 2001],
    ['GET', '/presence/v1/accounts/acc-other/webhooks', 2001],
    ['DELETE', `/presence/v1/webhooks/${theirs}`, 9004],
    ['POST', `/presence/v1/webhooks/${theirs}/validate`, 9004],
    ['GET', `/presence/v1/webhooks/${theirs}/deliveries`, 9004],
  ];
  for (const [method, url, code] of routes) {
    const res = await f.inject({ method: method as 'GET', url, headers: own, ...(method === 'POST' && url.endsWith('webhooks') ? { payload: { url: r.url, secret_token: SECRET } } : {}) });
    assert.equal(res.statusCode, 404, `${method} ${url}`);
    assert.equal(zoomError(res).code, code, `${method} ${url}`);
  }
  const ownList = await f.inject({ method: 'GET', url: '/presence/v1/accounts/acc-main/webhooks', headers: own });
  assert.deepEqual(ownList.json().webhooks.map((w: { id: string }) => w.id), [mine.json().id]);

  const readOnly = { authorization: `Bearer ${await f.token({ scopes: ['user:read:admin'] })}` };
  const denied = await f.inject({ method: 'GET', url: '/presence/v1/accounts/acc-main/webhooks', headers: readOnly });
  assert.equal(denied.statusCode, 400);
  assert.equal(zoomError(denied).code, 4711);
  const anonymous = await f.inject({ method: 'GET', url: '/presence/v1/accounts/acc-main/webhooks' });
  assert.equal(anonymous.statusCode, 401);
});

test('the delivery log answers 404 for an unknown endpoint and refuses a bad limit', async (t) => {
  const { f, r } = await setup(t);
  const unknown = await f.inject({ method: 'GET', url: '/presence/v1/webhooks/nope/deliveries', headers: ADMIN });
  assert.equal(unknown.statusCode, 404);
  assert.equal(zoomError(unknown).code, 9004);
  const id = await subscribed(f, r);
  for (const limit of ['0', '501', 'ten', '-1']) {
    const res = await f.inject({ method: 'GET', url: `/presence/v1/webhooks/${id}/deliveries?limit=${limit}`, headers: ADMIN });
    assert.equal(res.statusCode, 400, limit);
    assert.equal(zoomError(res).errors?.[0]?.field, 'limit');
  }
  const redeliver = await f.inject({ method: 'POST', url: '/presence/v1/deliveries/nope/redeliver', headers: ADMIN });
  assert.equal(redeliver.statusCode, 404);
  assert.deepEqual(zoomError(redeliver), { code: 9005, message: 'Delivery does not exist: nope.' });
});

test("deleting an account takes its webhooks with it", async (t) => {
  const { f, r } = await setup(t);
  const id = await subscribed(f, r, 'acc-other');
  assert.equal((await f.inject({ method: 'DELETE', url: '/presence/v1/accounts/acc-other', headers: ADMIN })).statusCode, 204);
  const res = await f.inject({ method: 'GET', url: `/presence/v1/webhooks/${id}/deliveries`, headers: ADMIN });
  assert.equal(res.statusCode, 404);
  assert.equal(zoomError(res).code, 9004);
  await f.advance(72 * 3600);
  assert.equal(r.challenges.length, 1, 'and it is never challenged again');
});
