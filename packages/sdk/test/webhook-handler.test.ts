import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleWebhook, parseWebhookEvent, signWebhook } from '../src/index.js';
import { AT_TIMESTAMP, BODY, ENCRYPTED_TOKEN, PLAIN_TOKEN, SECRET, SIGNATURE, TIMESTAMP } from './support/webhook-vectors.js';

const signed = (body: string) => ({ 'x-zm-request-timestamp': TIMESTAMP, 'x-zm-signature': signWebhook(SECRET, TIMESTAMP, body) });
const validationBody = JSON.stringify({ payload: { plainToken: PLAIN_TOKEN }, event_ts: 1700000000000, event: 'endpoint.url_validation' });

test('a signed presence event is handed over, typed and normalised', () => {
  const out = handleWebhook({ secret: SECRET, headers: { 'x-zm-request-timestamp': TIMESTAMP, 'x-zm-signature': SIGNATURE }, rawBody: BODY, now: AT_TIMESTAMP });
  assert.equal(out.kind, 'event');
  assert.ok(out.kind === 'event' && out.event.kind === 'presence_status_updated');
  assert.deepEqual(
    { ...out.event, raw: undefined },
    {
      kind: 'presence_status_updated',
      event: 'user.presence_status_updated',
      eventTs: 1700000000000,
      accountId: 'acc_123',
      userId: 'user_abc',
      email: 'jane@example.com',
      status: { kind: 'known', status: 'Away', raw: 'Away' },
      dateTime: '2023-11-14T22:13:20Z',
      raw: undefined,
    },
  );
});

test('a signed URL validation gets its answer', () => {
  const out = handleWebhook({ secret: SECRET, headers: signed(validationBody), rawBody: validationBody, now: AT_TIMESTAMP });
  assert.deepEqual(out, { kind: 'validation', response: { plainToken: PLAIN_TOKEN, encryptedToken: ENCRYPTED_TOKEN } });
});

test('an unsigned URL validation is rejected: answering it would sign chosen text', () => {
  const out = handleWebhook({ secret: SECRET, headers: {}, rawBody: validationBody, now: AT_TIMESTAMP });
  assert.deepEqual(out, { kind: 'rejected', status: 401, reason: 'missing_signature' });
});

test('fetch Headers and mixed-case header names work', () => {
  const headers = new Headers({ 'X-Zm-Request-Timestamp': TIMESTAMP, 'X-Zm-Signature': SIGNATURE });
  assert.equal(handleWebhook({ secret: SECRET, headers, rawBody: BODY, now: AT_TIMESTAMP }).kind, 'event');
  const record = { 'X-Zm-Request-Timestamp': TIMESTAMP, 'X-Zm-Signature': SIGNATURE };
  assert.equal(handleWebhook({ secret: SECRET, headers: record, rawBody: BODY, now: AT_TIMESTAMP }).kind, 'event');
});

test('a signed body that is not JSON is rejected with 400', () => {
  const out = handleWebhook({ secret: SECRET, headers: signed('not json'), rawBody: 'not json', now: AT_TIMESTAMP });
  assert.deepEqual(out, { kind: 'rejected', status: 400, reason: 'invalid_json' });
});

test('a stale request is rejected with 401', () => {
  const out = handleWebhook({ secret: SECRET, headers: signed(BODY), rawBody: BODY, now: () => AT_TIMESTAMP() + 3_600_000 });
  assert.deepEqual(out, { kind: 'rejected', status: 401, reason: 'stale_timestamp' });
});

test('an empty secret throws rather than accepting anything', () => {
  assert.throws(() => handleWebhook({ secret: '', headers: signed(BODY), rawBody: BODY }), TypeError);
});

test('an unknown event and an unknown status pass through', () => {
  assert.deepEqual(parseWebhookEvent('{"event":"meeting.started","event_ts":1,"payload":{}}'), {
    kind: 'unknown',
    event: 'meeting.started',
    eventTs: 1,
    raw: { event: 'meeting.started', event_ts: 1, payload: {} },
  });
  const e = parseWebhookEvent(BODY.replace('"Away"', '"Some_New_Value"'));
  assert.ok(e.kind === 'presence_status_updated');
  assert.deepEqual(e.status, { kind: 'unknown', raw: 'Some_New_Value' });
});

test('webhook spellings are normalised', () => {
  const e = parseWebhookEvent(BODY.replace('"Away"', '"On_Phone_Call"'));
  assert.ok(e.kind === 'presence_status_updated');
  assert.deepEqual(e.status, { kind: 'known', status: 'In_A_Call', raw: 'On_Phone_Call' });
});

function readRaw(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

test('works as a plain node:http receiver', async (t) => {
  const received: string[] = [];
  const server = createServer(async (req, res) => {
    const out = handleWebhook({ secret: SECRET, headers: req.headers, rawBody: await readRaw(req), now: AT_TIMESTAMP });
    if (out.kind === 'rejected') return res.writeHead(out.status).end();
    if (out.kind === 'validation') return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(out.response));
    received.push(out.event.kind);
    res.writeHead(204).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  t.after(() => server.close());
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const post = (body: string, headers: Record<string, string>) =>
    fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json; charset=utf-8', ...headers } });

  assert.equal((await post(BODY, signed(BODY))).status, 204);
  const v = await post(validationBody, signed(validationBody));
  assert.deepEqual(await v.json(), { plainToken: PLAIN_TOKEN, encryptedToken: ENCRYPTED_TOKEN });
  assert.equal((await post(BODY, { 'x-zm-request-timestamp': TIMESTAMP, 'x-zm-signature': 'v0=' + '0'.repeat(64) })).status, 401);
  assert.deepEqual(received, ['presence_status_updated']);
});
