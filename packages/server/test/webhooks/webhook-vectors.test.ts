// The signature and URL-validation vectors of the spec (§7), as functions and as a real delivery.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../src/app.js';
import { ManualClock } from '../../src/clock.js';
import { createDeps } from '../../src/deps.js';
import { encryptedToken, webhookSignature } from '../../src/push/webhook-signature.js';
import { testConfig } from '../support/fixture.js';
import { ADMIN, Receiver } from './support/webhook-fixture.js';

const VECTOR_BODY = '{"event":"user.presence_status_updated","event_ts":1700000000000,"payload":{"account_id":"acc_123","object":{"date_time":"2023-11-14T22:13:20Z","email":"jane@example.com","id":"user_abc","presence_status":"Away"}}}';
const VECTOR_SIGNATURE = 'v0=5bfe4c72f594b344e337e0073984b0dba808bc2f9a74f36ac959a0b15e42cf4d';

test('signs v0:{timestamp}:{body} with HMAC-SHA256 as the spec vector says', () => {
  assert.equal(webhookSignature('test_secret_token', 1700000000, VECTOR_BODY), VECTOR_SIGNATURE);
});

test('answers the URL-validation vector with the hex HMAC of plainToken', () => {
  assert.equal(encryptedToken('test_secret_token', 'qgg8vlvZRS6UYooatFL8Aw'), '4efea922935c335d972476de138d2208a0d46ab28c79ee592d497a1b216419b8');
});

test('a real delivery of the vector event carries exactly the vector body and signature', async (t) => {
  const clock = new ManualClock(1_700_000_000_000);
  const deps = await createDeps(testConfig({ clockStart: '' }), { clock });
  const app = buildApp(deps);
  const receiver = await Receiver.start('test_secret_token');
  t.after(async () => { await app.close(); await deps.close(); await receiver.close(); });

  const account = await deps.directory.createAccount({ id: 'acc_123', name: 'Vector' });
  const jane = await deps.directory.createUser(account.id, { id: 'user_abc', email: 'jane@example.com' });
  await deps.presence.signIn(jane, 'desktop', '6.3.0');
  const res = await app.inject({
    method: 'POST', url: '/presence/v1/accounts/acc_123/webhooks', headers: ADMIN,
    payload: { url: receiver.url, secret_token: 'test_secret_token' },
  });
  assert.equal(res.statusCode, 201, res.body);
  assert.equal(receiver.challenges.length, 1, 'validated once when added');

  const { token } = await deps.tokens.issue({ accountId: account.id, userId: jane.id, scopes: ['user:update:presence_status'], kind: 'user', clientId: null });
  const put = await app.inject({ method: 'PUT', url: '/v2/users/me/presence_status', headers: { authorization: `Bearer ${token}` }, payload: { status: 'Away' } });
  assert.equal(put.statusCode, 204);

  const [got] = await receiver.waitFor(1);
  assert.equal(got!.raw.toString('utf8'), VECTOR_BODY);
  // The request is stamped with the wall-clock time it was sent, so the signature is the vector formula at that time.
  const ts = Number(got!.headers['x-zm-request-timestamp']);
  assert.ok(Math.abs(ts - Date.now() / 1000) < 5, `timestamp ${ts}`);
  assert.equal(got!.headers['x-zm-signature'], webhookSignature('test_secret_token', ts, VECTOR_BODY));
});

