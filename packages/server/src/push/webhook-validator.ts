// The URL-validation challenge: the endpoint must prove it holds the secret by answering with its HMAC.
import { randomUUID } from 'node:crypto';
import { randomSecret } from '../secrets.js';
import { validationBody } from './webhook-body.js';
import { type WebhookHttp, TransportError } from './webhook-http.js';
import { encryptedToken, signedHeaders } from './webhook-signature.js';

export type ValidationResult = { ok: true } | { ok: false; reason: string };

/** Sends the challenge signed like any event; the reason of a failure is written for the endpoint's owner. */
export async function validateEndpoint(
  client: WebhookHttp, url: string, secret: string, nowMs: number, timeoutMs: number,
): Promise<ValidationResult> {
  const plainToken = randomSecret(16);
  const body = validationBody(plainToken, nowMs);
  let status: number;
  let text: string;
  try {
    ({ status, body: text } = await client.post(url, signedHeaders(secret, body, randomUUID()), body, timeoutMs));
  } catch (e) {
    if (e instanceof TransportError) return { ok: false, reason: `the endpoint could not be reached (${e.message}).` };
    throw e;
  }
  if (status < 200 || status > 299) return { ok: false, reason: `the endpoint answered HTTP ${status}; a 2xx with plainToken and encryptedToken is expected.` };
  let answer: unknown;
  try {
    answer = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'the answer is not JSON; expected {"plainToken":"…","encryptedToken":"…"}.' };
  }
  const a = (answer ?? {}) as { plainToken?: unknown; encryptedToken?: unknown };
  if (a.plainToken !== plainToken) return { ok: false, reason: 'plainToken in the answer is not the one sent.' };
  if (typeof a.encryptedToken !== 'string' || a.encryptedToken.toLowerCase() !== encryptedToken(secret, plainToken)) {
    return { ok: false, reason: 'encryptedToken is not the hex HMAC-SHA256 of plainToken keyed with secret_token.' };
  }
  return { ok: true };
}
