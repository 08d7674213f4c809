// Helpers for webhook tests: subscribing a receiver, reading the delivery log, the admin key header.
import type { LightMyRequestResponse } from 'fastify';
import { ADMIN_KEY, type Fixture } from '../../support/fixture.js';
import { Receiver } from './receiver.js';

export const SECRET = 'whsec-test-0123456789';
export const ADMIN = { 'x-presence-admin-key': ADMIN_KEY };

export async function subscribe(
  f: Pick<Fixture, 'inject'>, r: Receiver, o: { accountId?: string; headers?: Record<string, string>; secret?: string; events?: string[] } = {},
): Promise<LightMyRequestResponse> {
  return f.inject({
    method: 'POST', url: `/presence/v1/accounts/${o.accountId ?? 'acc-main'}/webhooks`, headers: o.headers ?? ADMIN,
    payload: { url: r.url, secret_token: o.secret ?? SECRET, ...(o.events ? { events: o.events } : {}) },
  });
}

/** Subscribes and returns the webhook's id, failing loudly when that did not work. */
export async function subscribed(f: Pick<Fixture, 'inject'>, r: Receiver, accountId?: string): Promise<string> {
  const res = await subscribe(f, r, { accountId });
  if (res.statusCode !== 201) throw new Error(`subscribe failed: ${res.statusCode} ${res.body}`);
  return res.json().id as string;
}

export type DeliveryView = {
  id: string; request_id: string; event: any; state: string; next_attempt_at: string | null;
  attempts: Array<{ at: string; status_code: number | null; error: string | null; duration_ms: number }>;
};

export async function deliveries(f: Pick<Fixture, 'inject'>, webhookId: string): Promise<DeliveryView[]> {
  const res = await f.inject({ method: 'GET', url: `/presence/v1/webhooks/${webhookId}/deliveries`, headers: ADMIN });
  if (res.statusCode !== 200) throw new Error(`deliveries failed: ${res.statusCode} ${res.body}`);
  return res.json().deliveries as DeliveryView[];
}

export async function webhook(f: Pick<Fixture, 'inject'>, webhookId: string, accountId = 'acc-main'): Promise<any> {
  const res = await f.inject({ method: 'GET', url: `/presence/v1/accounts/${accountId}/webhooks`, headers: ADMIN });
  return (res.json().webhooks as any[]).find((w) => w.id === webhookId);
}

export { Receiver };
