// The JSON bodies webhooks carry: presence events in Zoom's shape, and the URL-validation challenge.
import { isoSeconds, webhookStatus } from '@presence/core';
import type { StoredEvent } from '../store/store.js';

export const PRESENCE_EVENT = 'user.presence_status_updated';
export const WEBHOOK_EVENTS: readonly string[] = [PRESENCE_EVENT];

/** Compact, exactly as JSON.stringify writes it, keys in Zoom's order: receivers that re-serialise still match. */
export function presenceEventBody(e: StoredEvent): string {
  return JSON.stringify({
    event: PRESENCE_EVENT,
    event_ts: e.at,
    payload: {
      account_id: e.accountId,
      object: { date_time: isoSeconds(e.at), email: e.email, id: e.userId, presence_status: webhookStatus(e.status) },
    },
  });
}

export function validationBody(plainToken: string, nowMs: number): string {
  return JSON.stringify({ payload: { plainToken }, event_ts: nowMs, event: 'endpoint.url_validation' });
}
