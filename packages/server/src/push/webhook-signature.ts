// Zoom's webhook signing: the v0 request signature and the URL-validation answer, both HMAC-SHA256 in hex.
import { createHmac } from 'node:crypto';

const hmacHex = (secret: string, data: string) => createHmac('sha256', secret).update(data, 'utf8').digest('hex');

/** `x-zm-signature` for a body sent at `timestampSec` (epoch seconds). */
export function webhookSignature(secret: string, timestampSec: number, body: string): string {
  return `v0=${hmacHex(secret, `v0:${timestampSec}:${body}`)}`;
}

/** The `encryptedToken` an endpoint must answer a URL-validation challenge with. */
export function encryptedToken(secret: string, plainToken: string): string {
  return hmacHex(secret, plainToken);
}

/**
 * Headers of one signed request; a retry calls this again, so it gets a fresh timestamp and signature.
 * The timestamp is the wall-clock time of sending, even on a manual clock: receivers check it against
 * their own clock, and a skewed one would be refused (and, as a 401, never retried).
 */
export function signedHeaders(secret: string, body: string, requestId: string, sentAtMs = Date.now()): Record<string, string> {
  const ts = Math.floor(sentAtMs / 1000);
  return {
    'content-type': 'application/json; charset=utf-8',
    'user-agent': 'Zoom Marketplace/1.0a',
    'x-zm-request-timestamp': String(ts),
    'x-zm-signature': webhookSignature(secret, ts, body),
    'x-zm-request-id': requestId,
  };
}
