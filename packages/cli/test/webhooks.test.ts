// presence webhooks against a loopback receiver that answers the URL-validation challenge.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdminClient, handleWebhook } from '@presence/sdk';
import { runCli } from './support/run-cli.js';
import { ADMIN_KEY, startTestServer, type TestServer } from './support/server.js';

const SECRET = 'cli-webhook-secret-123';

/** A loopback receiver that answers the URL-validation challenge and records presence events. */
async function receiver(secret: string): Promise<{ url: string; events: string[]; close(): Promise<void> }> {
  const events: string[] = [];
  const srv: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const out = handleWebhook({ secret, headers: req.headers, rawBody: Buffer.concat(chunks) });
    if (out.kind === 'rejected') return res.writeHead(out.status).end();
    if (out.kind === 'validation') return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(out.response));
    if (out.event.kind === 'presence_status_updated') events.push(`${out.event.email} ${out.event.status.kind === 'known' ? out.event.status.status : ''}`);
    res.writeHead(204).end();
  });
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const { port } = srv.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hook`, events, close: () => new Promise((resolve) => srv.close(() => resolve())) };
}

let server: TestServer;
let hook: Awaited<ReturnType<typeof receiver>>;
before(async () => {
  server = await startTestServer();
  hook = await receiver(SECRET);
});
after(async () => {
  await server.close();
  await hook.close();
});

const presence = (args: string[], env: Record<string, string> = {}) => runCli(args, { env: { ...server.env, ...env } });

test('webhooks add, list, deliveries, redeliver and remove against a receiver that answers the challenge', async () => {
  const add = await presence(['webhooks', 'add', hook.url, '--secret', SECRET, '--json']);
  assert.equal(add.code, 0, add.stderr);
  assert.ok(!add.stdout.includes(SECRET));
  const created = JSON.parse(add.stdout);
  assert.equal(created.status, 'active');
  assert.equal(created.url, hook.url);

  const list = await presence(['webhooks', 'list']);
  assert.equal(list.code, 0, list.stderr);
  assert.match(list.stdout, new RegExp(`^${created.id}\\s+active\\s+0\\s+\\S+\\s+${hook.url.replace(/[.]/g, '\\.')}$`, 'm'));

  assert.equal((await presence(['status', 'set', 'peggy@example.com', 'Away'])).code, 0);
  // Delivery is asynchronous: wait in-process (cheaply) until it is recorded, then ask the CLI once.
  const admin = createAdminClient({ baseUrl: server.url, auth: { type: 'admin-key', adminKey: ADMIN_KEY } });
  for (let i = 0; i < 100 && !(await admin.listDeliveries(created.id)).some((d) => d.state === 'delivered'); i++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const r = await presence(['webhooks', 'deliveries', created.id, '--json']);
  assert.equal(r.code, 0, r.stderr);
  const deliveries = JSON.parse(r.stdout) as { id: string; state: string; event: { event: string } }[];
  assert.equal(deliveries[0]?.state, 'delivered');
  assert.equal(deliveries.length, 1);
  assert.equal(deliveries[0]!.event.event, 'user.presence_status_updated');
  assert.deepEqual(hook.events, ['peggy@example.com Away']);

  const table = await presence(['webhooks', 'deliveries', created.id, '--limit', '5']);
  assert.match(table.stdout, new RegExp(`^${deliveries[0]!.id}\\s+user\\.presence_status_updated\\s+delivered\\s+1\\s+HTTP 204`, 'm'));

  const again = await presence(['webhooks', 'redeliver', deliveries[0]!.id]);
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, /Queued .* for redelivery/);

  const rm = await presence(['webhooks', 'remove', created.id]);
  assert.equal(rm.code, 0, rm.stderr);
  const after = await presence(['webhooks', 'list', '--json']);
  assert.deepEqual(JSON.parse(after.stdout), []);
});

test('an endpoint that fails the challenge is refused with the server message', async () => {
  const wrong = await receiver('a-different-secret-456');
  try {
    const r = await presence(['webhooks', 'add', wrong.url, '--secret', SECRET]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /Endpoint URL validation failed: .* \(HTTP 400, code 9006\)/);
  } finally {
    await wrong.close();
  }
});

test('the secret may come from PRESENCE_WEBHOOK_SECRET instead of the command line', async () => {
  const r = await presence(['webhooks', 'add', hook.url, '--json'], { PRESENCE_WEBHOOK_SECRET: SECRET });
  assert.equal(r.code, 0, r.stderr);
  const missing = await presence(['webhooks', 'add', hook.url]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /--secret <token> is required/);
  assert.equal((await presence(['webhooks', 'remove', JSON.parse(r.stdout).id])).code, 0);
});

test('removing an unknown webhook exits 1 with 9004', async () => {
  const r = await presence(['webhooks', 'remove', 'nope']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /Webhook endpoint does not exist: nope\. \(HTTP 404, code 9004\)/);
});
