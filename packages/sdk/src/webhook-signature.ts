// Checking Zoom-style webhook signatures (x-zm-signature) and answering endpoint URL validation.
import { createHmac, timingSafeEqual } from 'node:crypto';

export type RawBody = string | Uint8Array;

export type SignatureCheck = {
  /** The webhook secret token of the app / subscription. */
  secret: string;
  /** The request body exactly as received: re-serialised JSON may differ byte for byte. */
  rawBody: RawBody;
  /** `x-zm-request-timestamp`: epoch seconds. */
  timestamp: string | number | undefined;
  /** `x-zm-signature`: `v0=` followed by 64 hex digits. */
  signature: string | undefined;
  /** Milliseconds since the epoch. */
  now?: () => number;
  /** How far the timestamp may be from now, either way. Default 300 s. */
  toleranceSec?: number;
};

export type SignatureRejection =
  | 'missing_signature'
  | 'malformed_signature'
  | 'missing_timestamp'
  | 'malformed_timestamp'
  | 'timestamp_in_milliseconds'
  | 'stale_timestamp'
  | 'future_timestamp'
  | 'signature_mismatch';

export type SignatureResult = { ok: true } | { ok: false; reason: SignatureRejection };

const DEFAULT_TOLERANCE_SEC = 300;

function requireSecret(secret: string): void {
  // An empty key makes HMACs anyone can compute: a misconfiguration must fail loudly, not accept everything.
  if (typeof secret !== 'string' || secret === '') throw new TypeError('webhook secret must be a non-empty string');
}

function hmacHex(secret: string, ...parts: RawBody[]): string {
  const h = createHmac('sha256', secret);
  for (const p of parts) h.update(p);
  return h.digest('hex');
}

/** Why a request fails verification, or ok. Throws only for an empty secret or a parsed body. */
export function checkWebhookSignature(c: SignatureCheck): SignatureResult {
  requireSecret(c.secret);
  if (typeof c.rawBody !== 'string' && !(c.rawBody instanceof Uint8Array)) {
    // Usually a framework parsed the JSON first; its re-serialisation may not match what was signed.
    throw new TypeError('rawBody must be the unparsed request body (string or Buffer)');
  }
  if (c.signature === undefined || c.signature === '') return { ok: false, reason: 'missing_signature' };
  const m = /^v0=([0-9a-fA-F]{64})$/.exec(c.signature.trim());
  if (!m) return { ok: false, reason: 'malformed_signature' };
  const ts = c.timestamp === undefined ? '' : String(c.timestamp).trim();
  if (ts === '') return { ok: false, reason: 'missing_timestamp' };
  if (!/^\d+$/.test(ts)) return { ok: false, reason: 'malformed_timestamp' };
  // Epoch seconds have 10 digits until 2286; 13 digits is milliseconds, a common sender bug.
  if (ts.length >= 13) return { ok: false, reason: 'timestamp_in_milliseconds' };
  const nowSec = Math.floor((c.now ?? Date.now)() / 1000);
  const tolerance = c.toleranceSec ?? DEFAULT_TOLERANCE_SEC;
  const age = nowSec - Number(ts);
  if (age > tolerance) return { ok: false, reason: 'stale_timestamp' };
  if (age < -tolerance) return { ok: false, reason: 'future_timestamp' };
  const expected = Buffer.from(hmacHex(c.secret, `v0:${ts}:`, c.rawBody), 'hex');
  const given = Buffer.from(m[1]!.toLowerCase(), 'hex');
  return timingSafeEqual(expected, given) ? { ok: true } : { ok: false, reason: 'signature_mismatch' };
}

export function verifyWebhookSignature(c: SignatureCheck): boolean {
  return checkWebhookSignature(c).ok;
}

/** The value a sender puts in `x-zm-signature`; useful for tests and for relaying. */
export function signWebhook(secret: string, timestamp: string | number, rawBody: RawBody): string {
  requireSecret(secret);
  return `v0=${hmacHex(secret, `v0:${timestamp}:`, rawBody)}`;
}

export type UrlValidationResponse = { plainToken: string; encryptedToken: string };

/**
 * The JSON to answer `endpoint.url_validation` with. A token shaped like a signature payload is
 * refused: answering it would sign an attacker's body with our secret.
 */
export function answerUrlValidation(secret: string, plainToken: string): UrlValidationResponse {
  requireSecret(secret);
  if (typeof plainToken !== 'string' || plainToken === '') throw new TypeError('plainToken must be a non-empty string');
  if (plainToken.startsWith('v0:')) throw new TypeError('plainToken looks like a signature payload');
  return { plainToken, encryptedToken: hmacHex(secret, plainToken) };
}
