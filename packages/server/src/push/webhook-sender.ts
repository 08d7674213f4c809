// Sends due deliveries: a queue per endpoint with its own concurrency, every attempt signed afresh and recorded.
import { performance } from 'node:perf_hooks';
import type { Clock } from '../clock.js';
import type { Delivery, WebhookEndpoint, WebhookStore } from '../store/webhook-store.js';
import { type WebhookHttp, TransportError } from './webhook-http.js';
import { type AttemptResult, FAILURES_TO_DISABLE, afterAttempt, describe } from './webhook-policy.js';
import { signedHeaders } from './webhook-signature.js';

export type SenderOptions = { timeoutMs: number; retryMinutes: readonly number[]; concurrency: number };
export type ErrorLog = { error(obj: object, msg: string): void };

/** Deliveries read ahead per endpoint, so a settled attempt usually starts the next without a query. */
const READ_AHEAD = 64;

type Queue = { inFlight: Set<string>; ready: Delivery[]; running: Promise<void> | null; again: boolean };

export class WebhookSender {
  private queues = new Map<string, Queue>();
  private attempts = new Set<Promise<void>>();
  private stopped = false;

  constructor(
    private store: WebhookStore,
    private http: WebhookHttp,
    private clock: Clock,
    private opts: SenderOptions,
    private log: () => ErrorLog,
  ) {}

  /** Starts what is due for one endpoint; concurrent calls share the run and make it look again. */
  pump(webhookId: string): Promise<void> {
    if (this.stopped) return Promise.resolve();
    let q = this.queues.get(webhookId);
    if (!q) this.queues.set(webhookId, (q = { inFlight: new Set(), ready: [], running: null, again: false }));
    if (q.running) {
      q.again = true;
      return q.running;
    }
    const run = this.fill(webhookId, q)
      .catch((err) => this.log().error({ err, webhookId }, 'webhook queue failed'))
      .finally(() => {
        q.running = null;
        if (q.inFlight.size === 0 && q.ready.length === 0) this.queues.delete(webhookId);
      });
    q.running = run;
    return run;
  }

  /** Pumps every endpoint that has a delivery due now. */
  async pumpDue(): Promise<void> {
    const ids = await this.store.endpointsWithDueDeliveries(this.clock.now());
    await Promise.all(ids.map((id) => this.pump(id)));
  }

  /** Resolves once nothing is in flight or being scheduled (the manual clock waits for this). */
  async idle(): Promise<void> {
    for (;;) {
      const busy = [...this.attempts, ...[...this.queues.values()].flatMap((q) => (q.running ? [q.running] : []))];
      if (busy.length === 0) return;
      await Promise.allSettled(busy);
    }
  }

  /** Stops starting attempts; those in flight are aborted by the caller closing the HTTP client. */
  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.allSettled([...this.attempts]);
  }

  /**
   * Forgets what was read ahead for an endpoint: a redelivered older event must not be overtaken by a
   * later one of the same user that was read before it reopened.
   */
  forget(webhookId: string): void {
    const q = this.queues.get(webhookId);
    if (q) q.ready = [];
  }

  private async fill(webhookId: string, q: Queue): Promise<void> {
    do {
      q.again = false;
      const ep = await this.store.getEndpoint(webhookId);
      // A disabled endpoint keeps its queue until it passes validation again.
      if (!ep || ep.status !== 'active' || this.stopped) {
        q.ready = [];
        return;
      }
      let readThisRound = false;
      while (q.inFlight.size < this.opts.concurrency && !this.stopped) {
        if (q.ready.length === 0) {
          if (readThisRound) break;
          readThisRound = true;
          // Those in flight are still unsettled and so still listed: ask for enough to get past them.
          const due = await this.store.dueDeliveries(webhookId, this.clock.now(), READ_AHEAD + q.inFlight.size);
          q.ready = due.filter((d) => !q.inFlight.has(d.id));
          if (q.ready.length === 0) break;
        }
        this.start(ep, q.ready.shift()!, q);
      }
    } while (q.again);
  }

  private start(ep: WebhookEndpoint, d: Delivery, q: Queue): void {
    q.inFlight.add(d.id);
    const p: Promise<void> = this.attempt(ep, d)
      .catch((err) => this.log().error({ err, webhookId: ep.id, deliveryId: d.id }, 'webhook attempt failed'))
      .finally(() => {
        q.inFlight.delete(d.id);
        this.attempts.delete(p);
        // The slot is free and this user's next event may now go.
        void this.pump(ep.id);
      });
    this.attempts.add(p);
  }

  private async attempt(ep: WebhookEndpoint, d: Delivery): Promise<void> {
    const at = this.clock.now();
    const t0 = performance.now();
    let r: AttemptResult;
    try {
      const answer = await this.http.post(ep.url, signedHeaders(ep.secret, d.body, d.requestId), d.body, this.opts.timeoutMs);
      r = { statusCode: answer.status };
    } catch (e) {
      if (!(e instanceof TransportError)) throw e;
      r = { error: e.message };
    }
    // Cut short by shutdown: not the endpoint's fault, and it is still due at the next start.
    if (this.stopped) return;
    const durationMs = Math.round(performance.now() - t0);
    const firstFailureAt = d.failedAttempts > 0 ? (d.attempts[d.attempts.length - d.failedAttempts]?.at ?? at) : null;
    const outcome = afterAttempt(r, d.failedAttempts, firstFailureAt, this.opts.retryMinutes, this.clock.now());
    const attempt = { at, statusCode: 'statusCode' in r ? r.statusCode : null, error: 'error' in r ? r.error : null, durationMs };
    const failures = await this.store.recordAttempt(d.id, attempt, outcome);
    if (failures !== undefined && failures >= FAILURES_TO_DISABLE) {
      await this.store.disable(ep.id, `${failures} failures in a row; the last: delivery got ${describe(r)}.`);
    }
  }
}
