import { test } from 'node:test';
import assert from 'node:assert/strict';
import { answerUrlValidation, checkWebhookSignature, signWebhook, verifyWebhookSignature } from '../src/index.js';
import { AT_TIMESTAMP, BODY, ENCRYPTED_TOKEN, PLAIN_TOKEN, SECRET, SIGNATURE, TIMESTAMP } from './support/webhook-vectors.js';

const base = { secret: SECRET, rawBody: BODY, timestamp: TIMESTAMP, signature: SIGNATURE, now: AT_TIMESTAMP };

test('the spec vector verifies', () => {
  assert.equal(verifyWebhookSignature(base), true);
  assert.equal(signWebhook(SECRET, TIMESTAMP, BODY), SIGNATURE);
});

test('a Buffer body verifies like the string', () => {
  assert.equal(verifyWebhookSignature({ ...base, rawBody: Buffer.from(BODY, 'utf8') }), true);
});

test('a numeric timestamp and an upper-case signature are accepted', () => {
  assert.equal(verifyWebhookSignature({ ...base, timestamp: 1700000000, signature: SIGNATURE.toUpperCase().replace('V0=', 'v0=') }), true);
});

test('a changed body fails', () => {
  assert.deepEqual(checkWebhookSignature({ ...base, rawBody: BODY.replace('Away', 'Busy') }), { ok: false, reason: 'signature_mismatch' });
});

test('re-serialised JSON with different spacing fails: the raw body is required', () => {
  const reserialised = JSON.stringify(JSON.parse(BODY), null, 2);
  assert.equal(verifyWebhookSignature({ ...base, rawBody: reserialised }), false);
});

test('the wrong secret fails', () => {
  assert.equal(verifyWebhookSignature({ ...base, secret: 'other' }), false);
});

test('a timestamp in milliseconds is rejected', () => {
  const ms = String(Number(TIMESTAMP) * 1000);
  const signature = signWebhook(SECRET, ms, BODY);
  assert.deepEqual(checkWebhookSignature({ ...base, timestamp: ms, signature }), { ok: false, reason: 'timestamp_in_milliseconds' });
});

test('a timestamp older than five minutes is rejected', () => {
  assert.deepEqual(checkWebhookSignature({ ...base, now: () => AT_TIMESTAMP() + 301_000 }), { ok: false, reason: 'stale_timestamp' });
  assert.equal(verifyWebhookSignature({ ...base, now: () => AT_TIMESTAMP() + 300_000 }), true);
});

test('a timestamp more than five minutes ahead is rejected', () => {
  assert.deepEqual(checkWebhookSignature({ ...base, now: () => AT_TIMESTAMP() - 301_000 }), { ok: false, reason: 'future_timestamp' });
});

test('the tolerance is configurable', () => {
  assert.equal(verifyWebhookSignature({ ...base, now: () => AT_TIMESTAMP() + 61_000, toleranceSec: 60 }), false);
});

test('missing or malformed headers are rejected with a reason', () => {
  assert.equal(checkWebhookSignature({ ...base, signature: undefined }).ok, false);
  assert.deepEqual(checkWebhookSignature({ ...base, signature: 'v1=abc' }), { ok: false, reason: 'malformed_signature' });
  assert.deepEqual(checkWebhookSignature({ ...base, timestamp: undefined }), { ok: false, reason: 'missing_timestamp' });
  assert.deepEqual(checkWebhookSignature({ ...base, timestamp: '17e8' }), { ok: false, reason: 'malformed_timestamp' });
});

test('an empty secret is refused', () => {
  assert.throws(() => verifyWebhookSignature({ ...base, secret: '' }), TypeError);
  assert.throws(() => answerUrlValidation('', PLAIN_TOKEN), TypeError);
  assert.throws(() => signWebhook('', TIMESTAMP, BODY), TypeError);
});

test('URL validation answers with the spec vector', () => {
  assert.deepEqual(answerUrlValidation(SECRET, PLAIN_TOKEN), { plainToken: PLAIN_TOKEN, encryptedToken: ENCRYPTED_TOKEN });
});

test('URL validation refuses to sign a signature payload', () => {
  assert.throws(() => answerUrlValidation(SECRET, `v0:${TIMESTAMP}:${BODY}`), TypeError);
});

test('a parsed body is refused: its re-serialisation may not be what was signed', () => {
  assert.throws(() => verifyWebhookSignature({ ...base, rawBody: JSON.parse(BODY) as string }), /unparsed request body/);
});
