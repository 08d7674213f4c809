// SQLite WebhookStore on the presence store's own connection, so the outbox shares its database file.
import type Database from 'better-sqlite3';
import type { AttemptOutcome, Delivery, DeliveryAttempt, OutboxItem, WebhookEndpoint, WebhookStore } from './webhook-store.js';
import { WEBHOOK_SCHEMA } from './webhook-sqlite-schema.js';

type Row = Record<string, any>;
type PendingAttempt = { id: string; attempt: DeliveryAttempt; outcome: AttemptOutcome; resolve: (n: number | undefined) => void; reject: (e: unknown) => void };


const toEndpoint = (r: Row): WebhookEndpoint => ({
  id: r.id, accountId: r.account_id, url: r.url, secret: r.secret, events: JSON.parse(r.events), status: r.status,
  disabledReason: r.disabled_reason, validatedAt: r.validated_at, validationDueAt: r.validation_due_at,
  consecutiveFailures: r.consecutive_failures, sinceSeq: r.since_seq, createdAt: r.created_at,
});
const toDelivery = (r: Row): Delivery => ({
  id: r.id, webhookId: r.webhook_id, userId: r.user_id, eventSeq: r.event_seq, requestId: r.request_id, body: r.body,
  state: r.state, attempts: JSON.parse(r.attempts), failedAttempts: r.failed_attempts, nextAttemptAt: r.next_attempt_at, createdAt: r.created_at,
});

export class SqliteWebhookStore implements WebhookStore {
  private q: Record<string, Database.Statement>;
  private dispatchTx: (items: OutboxItem[], cursor: number, now: number, newId: () => string) => Set<string>;
  private attemptTx: (batch: PendingAttempt[]) => Array<number | undefined>;
  private attempts: PendingAttempt[] = [];
  private syncLevel: number;

  constructor(private db: Database.Database) {
    db.exec(WEBHOOK_SCHEMA);
    this.syncLevel = Number(db.pragma('synchronous', { simple: true }));
    const p = (sql: string) => db.prepare(sql);
    this.q = {
      lastSeq: p('SELECT COALESCE(MAX(seq), 0) AS seq FROM events'),
      insEndpoint: p(`INSERT INTO webhooks (id,account_id,url,secret,events,status,disabled_reason,validated_at,validation_due_at,consecutive_failures,since_seq,created_at)
        VALUES (@id,@accountId,@url,@secret,@eventsJson,@status,@disabledReason,@validatedAt,@validationDueAt,@consecutiveFailures,@sinceSeq,@createdAt)`),
      getEndpoint: p('SELECT * FROM webhooks WHERE id = ?'),
      listEndpoints: p('SELECT * FROM webhooks WHERE account_id = ? ORDER BY created_at, id'),
      delEndpoint: p('DELETE FROM webhooks WHERE id = ?'),
      dueValidations: p("SELECT * FROM webhooks WHERE status = 'active' AND validation_due_at <= ? LIMIT ?"),
      validated: p("UPDATE webhooks SET status = 'active', disabled_reason = NULL, validated_at = ?, validation_due_at = ?, consecutive_failures = 0 WHERE id = ?"),
      validationFailed: p('UPDATE webhooks SET consecutive_failures = consecutive_failures + 1, validation_due_at = ? WHERE id = ? RETURNING consecutive_failures'),
      disable: p("UPDATE webhooks SET status = 'disabled', disabled_reason = ? WHERE id = ? AND status = 'active'"),
      subscribers: p("SELECT id, events FROM webhooks WHERE account_id = ? AND status = 'active' AND since_seq < ?"),
      cursor: p('SELECT seq FROM webhook_outbox WHERE id = 1'),
      setCursor: p('INSERT INTO webhook_outbox (id, seq) VALUES (1, ?) ON CONFLICT(id) DO UPDATE SET seq = MAX(seq, excluded.seq)'),
      insDelivery: p(`INSERT INTO webhook_deliveries (id,webhook_id,user_id,event_seq,request_id,body,state,attempts,failed_attempts,next_attempt_at,created_at)
        VALUES (?,?,?,?,?,?,'pending','[]',0,?,?) ON CONFLICT DO NOTHING`),
      dueEndpoints: p('SELECT DISTINCT webhook_id FROM webhook_deliveries WHERE next_attempt_at IS NOT NULL AND next_attempt_at <= ?'),
      due: p(`SELECT d.* FROM webhook_deliveries d
        WHERE d.webhook_id = @webhookId AND d.next_attempt_at IS NOT NULL AND d.next_attempt_at <= @now
          AND NOT EXISTS (SELECT 1 FROM webhook_deliveries e WHERE e.webhook_id = d.webhook_id AND e.user_id = d.user_id
            AND e.next_attempt_at IS NOT NULL AND e.event_seq < d.event_seq)
        ORDER BY d.event_seq LIMIT @limit`),
      getDelivery: p('SELECT * FROM webhook_deliveries WHERE id = ?'),
      updDelivery: p(`UPDATE webhook_deliveries SET attempts = json_insert(attempts, '$[#]', json(@attempt)), state = @state,
        next_attempt_at = @nextAttemptAt, failed_attempts = @failedAttempts WHERE id = @id RETURNING webhook_id`),
      // Most attempts succeed on a healthy endpoint: leave its row (and page) alone when there is nothing to reset.
      endpointOk: p('UPDATE webhooks SET consecutive_failures = 0 WHERE id = ? AND consecutive_failures <> 0'),
      endpointFailed: p('UPDATE webhooks SET consecutive_failures = consecutive_failures + 1 WHERE id = ? RETURNING consecutive_failures'),
      listDeliveries: p('SELECT * FROM webhook_deliveries WHERE webhook_id = ? ORDER BY event_seq DESC LIMIT ?'),
      redeliver: p("UPDATE webhook_deliveries SET state = 'pending', failed_attempts = 0, next_attempt_at = ? WHERE id = ? RETURNING *"),
    };
    this.dispatchTx = db.transaction((items: OutboxItem[], cursor: number, now: number, newId: () => string) => {
      const touched = new Set<string>();
      for (const it of items) {
        for (const e of this.q.subscribers!.all(it.accountId, it.seq) as Row[]) {
          if (!(JSON.parse(e.events) as string[]).includes(it.event)) continue;
          this.q.insDelivery!.run(newId(), e.id, it.userId, it.seq, newId(), it.body, now, now);
          touched.add(e.id);
        }
      }
      this.q.setCursor!.run(cursor);
      return touched;
    });
    this.attemptTx = db.transaction((batch: PendingAttempt[]) =>
      batch.map(({ id, attempt, outcome: o }) => {
        const r = this.q.updDelivery!.get({ id, attempt: JSON.stringify(attempt), ...o }) as Row | undefined;
        if (!r) return undefined;
        if (o.state === 'delivered') {
          this.q.endpointOk!.run(r.webhook_id);
          return 0;
        }
        return (this.q.endpointFailed!.get(r.webhook_id) as Row | undefined)?.consecutive_failures as number | undefined;
      }),
    );
  }

  async createEndpoint(e: Omit<WebhookEndpoint, 'sinceSeq'>) {
    const ep: WebhookEndpoint = { ...e, sinceSeq: (this.q.lastSeq!.get() as Row).seq };
    this.q.insEndpoint!.run({ ...ep, eventsJson: JSON.stringify(ep.events) });
    return ep;
  }
  async getEndpoint(id: string) { const r = this.q.getEndpoint!.get(id) as Row | undefined; return r && toEndpoint(r); }
  async listEndpoints(accountId: string) { return (this.q.listEndpoints!.all(accountId) as Row[]).map(toEndpoint); }
  async deleteEndpoint(id: string) { return this.q.delEndpoint!.run(id).changes === 1; }
  async listDueValidations(now: number, limit: number) { return (this.q.dueValidations!.all(now, limit) as Row[]).map(toEndpoint); }
  async markValidated(id: string, now: number, dueAt: number) {
    this.q.validated!.run(now, dueAt, id);
    return this.getEndpoint(id);
  }
  async countValidationFailure(id: string, dueAt: number) {
    const r = this.q.validationFailed!.get(dueAt, id) as Row | undefined;
    return r?.consecutive_failures as number | undefined;
  }
  async disable(id: string, reason: string) { this.q.disable!.run(reason, id); }

  async cursor() { return ((this.q.cursor!.get() as Row | undefined)?.seq as number | undefined) ?? 0; }
  async dispatch(items: OutboxItem[], cursor: number, now: number, newId: () => string) {
    return this.relaxed(() => this.dispatchTx(items, cursor, now, newId));
  }

  /**
   * Runs the outbox bookkeeping (dispatch, attempt records) without its own WAL fsync. Losing such a
   * commit to a power cut only repeats work: the WAL keeps commits in order, so a dispatch is lost with
   * its cursor move (and is redone from the change log, which is always written FULL), and a lost
   * attempt record means that attempt is sent again with the same request id. The next FULL commit
   * syncs these along with it.
   */
  private relaxed<T>(fn: () => T): T {
    if (this.syncLevel < 2) return fn();
    this.db.pragma('synchronous = NORMAL');
    try {
      return fn();
    } finally {
      this.db.pragma(`synchronous = ${this.syncLevel}`);
    }
  }

  async endpointsWithDueDeliveries(now: number) { return (this.q.dueEndpoints!.all(now) as Row[]).map((r) => r.webhook_id as string); }
  async dueDeliveries(webhookId: string, now: number, limit: number) {
    return (this.q.due!.all({ webhookId, now, limit }) as Row[]).map(toDelivery);
  }
  /** Attempts settled in the same event-loop turn are recorded in one transaction. */
  recordAttempt(id: string, attempt: DeliveryAttempt, outcome: AttemptOutcome): Promise<number | undefined> {
    return new Promise((resolve, reject) => {
      if (this.attempts.push({ id, attempt, outcome, resolve, reject }) === 1) setImmediate(() => this.flushAttempts());
    });
  }

  private flushAttempts(): void {
    const batch = this.attempts;
    this.attempts = [];
    try {
      const results = this.relaxed(() => this.attemptTx(batch));
      batch.forEach((b, i) => b.resolve(results[i]));
    } catch (e) {
      for (const b of batch) b.reject(e);
    }
  }
  async getDelivery(id: string) { const r = this.q.getDelivery!.get(id) as Row | undefined; return r && toDelivery(r); }
  async listDeliveries(webhookId: string, limit: number) { return (this.q.listDeliveries!.all(webhookId, limit) as Row[]).map(toDelivery); }
  async redeliver(id: string, now: number) { const r = this.q.redeliver!.get(now, id) as Row | undefined; return r && toDelivery(r); }

  /** The connection belongs to the presence store, which closes it; attempts still queued are written first. */
  async close() {
    if (this.attempts.length) this.flushAttempts();
  }
}
