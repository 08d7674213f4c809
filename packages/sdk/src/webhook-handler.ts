// One call that turns an incoming webhook request into "answer this", "handle this" or "reject this".
import { answerUrlValidation, checkWebhookSignature, type RawBody, type SignatureRejection, type UrlValidationResponse } from './webhook-signature.js';
import { parseWebhookEvent, type WebhookEvent } from './webhook-events.js';

/** node:http / Express / Fastify headers (lower-case keys), or a fetch `Headers`. */
export type IncomingHeaders = { get(name: string): string | null } | Record<string, string | string[] | undefined>;

export type WebhookRequest = {
  secret: string;
  headers: IncomingHeaders;
  rawBody: RawBody;
  now?: () => number;
  toleranceSec?: number;
};

export type WebhookRejectReason = SignatureRejection | 'invalid_json' | 'invalid_plain_token';

export type WebhookOutcome =
  /** Reply 200 with `response` as JSON. */
  | { kind: 'validation'; response: UrlValidationResponse }
  /** Reply 2xx quickly (Zoom waits 3 s), then process `event`. */
  | { kind: 'event'; event: Exclude<WebhookEvent, { kind: 'url_validation' }> }
  /** Reply with `status` and do nothing else. */
  | { kind: 'rejected'; status: 400 | 401; reason: WebhookRejectReason };

function header(headers: IncomingHeaders, name: string): string | undefined {
  if (typeof headers.get === 'function') return (headers as { get(n: string): string | null }).get(name) ?? undefined;
  const record = headers as Record<string, string | string[] | undefined>;
  const v = record[name] ?? Object.entries(record).find(([k]) => k.toLowerCase() === name)?.[1];
  return Array.isArray(v) ? v[0] : v;
}

/**
 * Verifies first, URL validation included: answering an unsigned validation request would let
 * anyone obtain HMACs of chosen text under our secret. Throws only on misconfiguration: an empty
 * secret, or a body that is not the raw bytes.
 */
export function handleWebhook(req: WebhookRequest): WebhookOutcome {
  const check = checkWebhookSignature({
    secret: req.secret,
    rawBody: req.rawBody,
    timestamp: header(req.headers, 'x-zm-request-timestamp'),
    signature: header(req.headers, 'x-zm-signature'),
    now: req.now,
    toleranceSec: req.toleranceSec,
  });
  if (!check.ok) return { kind: 'rejected', status: 401, reason: check.reason };

  let event: WebhookEvent;
  try {
    event = parseWebhookEvent(req.rawBody);
  } catch {
    return { kind: 'rejected', status: 400, reason: 'invalid_json' };
  }
  if (event.kind !== 'url_validation') return { kind: 'event', event };
  try {
    return { kind: 'validation', response: answerUrlValidation(req.secret, event.plainToken) };
  } catch {
    return { kind: 'rejected', status: 400, reason: 'invalid_plain_token' };
  }
}
