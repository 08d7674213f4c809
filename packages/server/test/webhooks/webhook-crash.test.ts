// The outbox survives SIGKILL: changes committed before the crash are delivered after restart, exactly once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Child, startChild } from './support/child-server.js';
import { Receiver, SECRET } from './support/webhook-fixture.js';

const settle = () => new Promise((res) => setTimeout(res, 300));

async function setup(t: import('node:test').TestContext) {
  const dir = mkdtempSync(join(tmpdir(), 'presence-crash-'));
  const r = await Receiver.start(SECRET);
  const children: Child[] = [];
  t.after(async () => {
    for (const c of children) await c.kill();
    await r.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const start = async (args: string[] = []) => {
    const c = await startChild(dir, args);
    children.push(c);
    return c;
  };
  return { r, start };
}

/** An account with a webhook to `r`, then two committed changes: first sign-in (Available) and PUT Away. */
async function twoChanges(c: Child, r: Receiver): Promise<string> {
  assert.equal((await c.call('POST', '/presence/v1/accounts', { id: 'acc-crash', name: 'Crash' })).status, 201);
  assert.equal((await c.call('POST', '/presence/v1/accounts/acc-crash/users', { id: 'u-zoe', email: 'zoë@example.com', first_name: '陽菜' })).status, 201);
  const hook = await c.call('POST', '/presence/v1/accounts/acc-crash/webhooks', { url: r.url, secret_token: SECRET });
  assert.equal(hook.status, 201, JSON.stringify(hook.json));
  assert.equal((await c.call('POST', '/presence/v1/users/u-zoe/sessions', { client_type: 'desktop', client_version: '6.3.0', keep_alive: true })).status, 201);
  const token = (await c.call('POST', '/presence/v1/tokens', { user_id: 'u-zoe' })).json.access_token as string;
  assert.equal((await c.call('PUT', '/v2/users/me/presence_status', { status: 'Away' }, token)).status, 204);
  return hook.json.id as string;
}

async function expectDeliveredOnce(c: Child, r: Receiver, webhookId: string) {
  await r.waitFor(2, 5000);
  await settle();
  assert.deepEqual(r.events.map((e) => e.payload.object.presence_status), ['Available', 'Away']);
  assert.ok(r.received.every((x) => x.signedRaw));
  const log = await c.call('GET', `/presence/v1/webhooks/${webhookId}/deliveries`);
  assert.deepEqual(log.json.deliveries.map((d: any) => [d.state, d.attempts.length]), [['delivered', 1], ['delivered', 1]]);
  assert.deepEqual(new Set(log.json.deliveries.map((d: any) => d.request_id)), new Set(r.received.map((x) => x.headers['x-zm-request-id'])));
}

test('changes committed but not yet dispatched when the server is SIGKILLed are delivered after restart, once each', async (t) => {
  const { r, start } = await setup(t);
  const first = await start(['--webhook-pause', 'all']);
  const id = await twoChanges(first, r);
  await settle();
  assert.equal(r.received.length, 0, 'held back before the crash');
  await first.kill('SIGKILL');

  const second = await start();
  await expectDeliveredOnce(second, r, id);
});

test('deliveries queued but not yet sent when the server is SIGKILLed are sent after restart, once each', async (t) => {
  const { r, start } = await setup(t);
  const first = await start(['--webhook-pause', 'send']);
  const id = await twoChanges(first, r);
  await settle();
  const queued = await first.call('GET', `/presence/v1/webhooks/${id}/deliveries`);
  assert.deepEqual(queued.json.deliveries.map((d: any) => d.state), ['pending', 'pending']);
  assert.equal(r.received.length, 0);
  await first.kill('SIGKILL');

  const second = await start();
  await expectDeliveredOnce(second, r, id);
});

test('a restart after delivery sends nothing again', async (t) => {
  const { r, start } = await setup(t);
  const first = await start();
  const id = await twoChanges(first, r);
  // Killed only once both attempts are recorded: a crash while a request is in flight sends it again
  // after restart (at least once, same x-zm-request-id), which is what receivers deduplicate on.
  for (let i = 0; i < 100; i++) {
    const log = await first.call('GET', `/presence/v1/webhooks/${id}/deliveries`);
    if (log.json.deliveries.filter((d: any) => d.state === 'delivered').length === 2) break;
    await new Promise((res) => setTimeout(res, 20));
  }
  await first.kill('SIGKILL');

  const second = await start();
  await expectDeliveredOnce(second, r, id);
});
