// In-memory WebhookStore, paired with MemoryStore: same rules as the SQLite one, lost at exit.
import type { Store } from './store.js';
import type { AttemptOutcome, Delivery, DeliveryAttempt, OutboxItem, WebhookEndpoint, WebhookStore } from './webhook-store.js';

const clone = <T>(v: T): T => structuredClone(v);
/** Settled deliveries kept per endpoint, so a long-running emulator does not grow without bound. */
const KEEP_SETTLED = 10_000;

export class MemoryWebhookStore implements WebhookStore {
  private endpoints = new Map<string, WebhookEndpoint>();
  private deliveries = new Map<string, Delivery>();
  /** Delivery ids per endpoint, in creation (event) order. */
  private byEndpoint = new Map<string, string[]>();
  /** Unsettled delivery ids per endpoint, kept in event order (the scheduler scans only these). */
  private open = new Map<string, Set<string>>();
  private seq = 0;

  constructor(private events: Pick<Store, 'readEvents'>) {}

  /** The change log's last seq, found with a galloping search over readEvents (memory mode only). */
  private async lastSeq(): Promise<number> {
    const beyond = async (n: number) => (await this.events.readEvents(n, 1)).length === 0;
    let lo = 0;
    let hi = 1;
    while (!(await beyond(hi))) { lo = hi; hi *= 2; }
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (await beyond(mid)) hi = mid; else lo = mid;
    }
    return (await beyond(lo)) ? lo : hi;
  }

  async createEndpoint(e: Omit<WebhookEndpoint, 'sinceSeq'>) {
    const ep: WebhookEndpoint = { ...clone(e), sinceSeq: await this.lastSeq() };
    this.endpoints.set(ep.id, ep);
    this.byEndpoint.set(ep.id, []);
    this.open.set(ep.id, new Set());
    return clone(ep);
  }
  async getEndpoint(id: string) { return clone(this.endpoints.get(id)); }
  async listEndpoints(accountId: string) {
    return [...this.endpoints.values()].filter((e) => e.accountId === accountId).map(clone);
  }
  async deleteEndpoint(id: string) {
    if (!this.endpoints.delete(id)) return false;
    for (const d of this.byEndpoint.get(id) ?? []) this.deliveries.delete(d);
    this.byEndpoint.delete(id);
    this.open.delete(id);
    return true;
  }
  async listDueValidations(now: number, limit: number) {
    return [...this.endpoints.values()].filter((e) => e.status === 'active' && e.validationDueAt <= now).slice(0, limit).map(clone);
  }
  async markValidated(id: string, now: number, dueAt: number) {
    const e = this.endpoints.get(id);
    if (!e) return undefined;
    Object.assign(e, { status: 'active', disabledReason: null, validatedAt: now, validationDueAt: dueAt, consecutiveFailures: 0 });
    return clone(e);
  }
  async countValidationFailure(id: string, dueAt: number) {
    const e = this.endpoints.get(id);
    if (!e) return undefined;
    e.validationDueAt = dueAt;
    return ++e.consecutiveFailures;
  }
  async disable(id: string, reason: string) {
    const e = this.endpoints.get(id);
    if (e?.status === 'active') Object.assign(e, { status: 'disabled', disabledReason: reason });
  }

  async cursor() { return this.seq; }
  async dispatch(items: OutboxItem[], cursor: number, now: number, newId: () => string) {
    const touched = new Set<string>();
    for (const it of items) {
      for (const e of this.endpoints.values()) {
        if (e.accountId !== it.accountId || e.status !== 'active' || !e.events.includes(it.event) || e.sinceSeq >= it.seq) continue;
        const d: Delivery = {
          id: newId(), webhookId: e.id, userId: it.userId, eventSeq: it.seq, requestId: newId(), body: it.body,
          state: 'pending', attempts: [], failedAttempts: 0, nextAttemptAt: now, createdAt: now,
        };
        this.deliveries.set(d.id, d);
        this.byEndpoint.get(e.id)!.push(d.id);
        this.open.get(e.id)!.add(d.id);
        touched.add(e.id);
      }
    }
    this.seq = Math.max(this.seq, cursor);
    for (const id of touched) this.trim(id);
    return touched;
  }

  private trim(webhookId: string) {
    const ids = this.byEndpoint.get(webhookId)!;
    let settled = ids.length - this.open.get(webhookId)!.size;
    if (settled <= KEEP_SETTLED) return;
    const keep: string[] = [];
    for (const id of ids) {
      if (settled > KEEP_SETTLED && this.deliveries.get(id)!.nextAttemptAt === null) {
        this.deliveries.delete(id);
        settled--;
      } else keep.push(id);
    }
    this.byEndpoint.set(webhookId, keep);
  }

  async endpointsWithDueDeliveries(now: number) {
    const out: string[] = [];
    for (const [webhookId, ids] of this.open) {
      for (const id of ids) {
        if (this.deliveries.get(id)!.nextAttemptAt! <= now) { out.push(webhookId); break; }
      }
    }
    return out;
  }
  async dueDeliveries(webhookId: string, now: number, limit: number) {
    const usersWaiting = new Set<string>();
    const out: Delivery[] = [];
    for (const id of this.open.get(webhookId) ?? []) {
      if (out.length >= limit) break;
      const d = this.deliveries.get(id)!;
      if (usersWaiting.has(d.userId)) continue;
      usersWaiting.add(d.userId);
      if (d.nextAttemptAt! <= now) out.push(clone(d));
    }
    return out;
  }
  async recordAttempt(id: string, attempt: DeliveryAttempt, o: AttemptOutcome) {
    const d = this.deliveries.get(id);
    const e = d && this.endpoints.get(d.webhookId);
    if (!d || !e) return undefined;
    d.attempts.push(clone(attempt));
    Object.assign(d, o);
    if (o.nextAttemptAt === null) this.open.get(d.webhookId)!.delete(id);
    e.consecutiveFailures = o.state === 'delivered' ? 0 : e.consecutiveFailures + 1;
    return e.consecutiveFailures;
  }
  async getDelivery(id: string) { return clone(this.deliveries.get(id)); }
  async listDeliveries(webhookId: string, limit: number) {
    const ids = this.byEndpoint.get(webhookId) ?? [];
    return ids.map((id) => this.deliveries.get(id)!).sort((a, b) => b.eventSeq - a.eventSeq).slice(0, limit).map(clone);
  }
  async redeliver(id: string, now: number) {
    const d = this.deliveries.get(id);
    if (!d) return undefined;
    Object.assign(d, { state: 'pending', failedAttempts: 0, nextAttemptAt: now });
    const open = this.open.get(d.webhookId)!;
    if (!open.has(id)) {
      // Put it back in event order: an older event must not jump behind newer ones of the same user.
      const sorted = [...open, id].sort((a, b) => this.deliveries.get(a)!.eventSeq - this.deliveries.get(b)!.eventSeq);
      this.open.set(d.webhookId, new Set(sorted));
    }
    return clone(d);
  }

  async close() {}
}
