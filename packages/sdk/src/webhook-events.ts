// Typed webhook events: presence changes, URL validation, and anything else passed through as unknown.
import { normalizePresence, type NormalizedPresence } from './status.js';

export type PresenceStatusUpdatedEvent = {
  kind: 'presence_status_updated';
  event: 'user.presence_status_updated';
  /** Milliseconds since the epoch. */
  eventTs: number;
  accountId: string;
  userId: string;
  email: string;
  status: NormalizedPresence;
  dateTime: string;
  raw: Record<string, unknown>;
};

export type UrlValidationEvent = {
  kind: 'url_validation';
  event: 'endpoint.url_validation';
  eventTs: number;
  plainToken: string;
  raw: Record<string, unknown>;
};

export type UnknownWebhookEvent = { kind: 'unknown'; event: string; eventTs: number; raw: Record<string, unknown> };

export type WebhookEvent = PresenceStatusUpdatedEvent | UrlValidationEvent | UnknownWebhookEvent;

function obj(v: unknown): Record<string, unknown> | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/**
 * Reads a webhook body (raw text, bytes, or already-parsed JSON). Throws a SyntaxError only when
 * the body is not a JSON object; an unrecognised or incomplete event comes back as `unknown`.
 */
export function parseWebhookEvent(body: string | Uint8Array | object): WebhookEvent {
  const parsed: unknown =
    typeof body === 'string' ? JSON.parse(body) : body instanceof Uint8Array ? JSON.parse(new TextDecoder().decode(body)) : body;
  const raw = obj(parsed);
  if (!raw) throw new SyntaxError('webhook body is not a JSON object');
  const event = str(raw.event);
  const eventTs = typeof raw.event_ts === 'number' ? raw.event_ts : 0;
  const payload = obj(raw.payload);

  if (event === 'endpoint.url_validation' && typeof payload?.plainToken === 'string' && payload.plainToken !== '') {
    return { kind: 'url_validation', event, eventTs, plainToken: payload.plainToken, raw };
  }
  const object = obj(payload?.object);
  if (event === 'user.presence_status_updated' && object && typeof object.presence_status === 'string') {
    return {
      kind: 'presence_status_updated',
      event,
      eventTs,
      accountId: str(payload?.account_id),
      userId: str(object.id),
      email: str(object.email),
      status: normalizePresence(object.presence_status),
      dateTime: str(object.date_time),
      raw,
    };
  }
  return { kind: 'unknown', event, eventTs, raw };
}
