// Typed events of the Presence stream, read from raw SSE messages without ever throwing.
import { normalizePresence, type NormalizedPresence } from './status.js';

export type StreamUser = { id: string; email: string; status: NormalizedPresence };

export type PresenceStreamEvent =
  /** Everyone's status at connection time. */
  | { type: 'snapshot'; id: string; users: StreamUser[]; raw: unknown }
  | {
      type: 'presence';
      id: string;
      accountId: string;
      userId: string;
      email: string;
      status: NormalizedPresence;
      previousStatus?: NormalizedPresence;
      dateTime: string;
      cause?: string;
      raw: unknown;
    }
  /** An event name this SDK does not know, or a body it could not read; passed on rather than dropped. */
  | { type: 'unknown'; id: string; event: string; data: string };

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

function obj(v: unknown): Record<string, unknown> | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

export function toStreamEvent(event: string, data: string, id: string): PresenceStreamEvent {
  let body: Record<string, unknown> | undefined;
  try {
    body = obj(JSON.parse(data));
  } catch {
    body = undefined;
  }
  if (event === 'snapshot' && body && Array.isArray(body.users)) {
    const users = body.users.map(obj).filter((u) => u !== undefined);
    return {
      type: 'snapshot',
      id,
      users: users.map((u) => ({ id: str(u.id), email: str(u.email), status: normalizePresence(u.status) })),
      raw: body,
    };
  }
  if (event === 'presence' && body) {
    return {
      type: 'presence',
      id,
      accountId: str(body.account_id),
      userId: str(body.user_id),
      email: str(body.email),
      status: normalizePresence(body.status),
      previousStatus: body.previous_status == null ? undefined : normalizePresence(body.previous_status),
      dateTime: str(body.date_time),
      cause: typeof body.cause === 'string' ? body.cause : undefined,
      raw: body,
    };
  }
  return { type: 'unknown', id, event, data };
}
