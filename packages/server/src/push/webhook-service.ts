// Webhook use cases: subscriptions, the outbox worker, due work and redelivery. No HTTP here.
import type { Bus } from '../bus/bus.js';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import { ApiError } from '../errors.js';
import { randomId } from '../secrets.js';
import type { Store } from '../store/store.js';
import type { Delivery, WebhookEndpoint, WebhookStore } from '../store/webhook-store.js';
import { OutboxDispatcher } from './webhook-dispatcher.js';
import { WebhookHttp } from './webhook-http.js';
import { Revalidator } from './webhook-revalidator.js';
import { type ErrorLog, WebhookSender } from './webhook-sender.js';
import { type ValidationResult, validateEndpoint } from './webhook-validator.js';

type Options = { store: Store; bus: Bus; clock: Clock; config: Config; webhookStore: WebhookStore };

const quiet: ErrorLog = { error() {} };

export class WebhookService {
  readonly store: WebhookStore;
  private http = new WebhookHttp();
  private dispatcher: OutboxDispatcher;
  private sender: WebhookSender;
  private clock: Clock;
  private config: Config;
  private bus: Bus;
  private accounts: Pick<Store, 'getAccount'>;
  private revalidator: Revalidator;
  private unsubscribe: (() => void) | null = null;
  private log: ErrorLog = quiet;

  constructor(o: Options) {
    this.store = o.webhookStore;
    this.clock = o.clock;
    this.config = o.config;
    this.bus = o.bus;
    this.accounts = o.store;
    this.sender = new WebhookSender(this.store, this.http, o.clock, {
      timeoutMs: o.config.webhookTimeoutMs, retryMinutes: o.config.webhookRetryMinutes, concurrency: o.config.webhookConcurrency,
    }, () => this.log);
    const release = (id: string) => {
      if (this.config.webhookPause === 'none') void this.sender.pump(id);
    };
    this.dispatcher = new OutboxDispatcher(o.store, this.store, () => o.clock.now(), (ids) => ids.forEach(release));
    this.revalidator = new Revalidator(this.store, o.store, this.http, o.clock, {
      timeoutMs: o.config.webhookTimeoutMs, revalidateHours: o.config.webhookRevalidateHours, retryMinutes: o.config.webhookRetryMinutes,
    }, release);
  }

  useLogger(log: ErrorLog): void {
    this.log = log;
  }

  /** Follows new commits, and first catches up with what the change log holds from before a restart or crash. */
  start(): void {
    if (this.config.webhookPause === 'all' || this.unsubscribe) return;
    this.unsubscribe = this.bus.subscribe(() => this.kick());
    this.kick();
    if (this.config.webhookPause === 'none') void this.sender.pumpDue().catch((err) => this.log.error({ err }, 'webhook start failed'));
  }

  private kick(): void {
    this.dispatcher.run().catch((err) => this.log.error({ err }, 'webhook outbox dispatch failed'));
  }

  /**
   * Due work (retries, revalidation). On the manual clock it resolves only when everything due has been
   * tried, so advancing the clock is deterministic; on the system clock network waits never hold the sweep.
   */
  async due(): Promise<void> {
    if (this.config.webhookPause === 'all') return;
    await this.dispatcher.run();
    if (this.config.webhookPause === 'send') return;
    const work = Promise.all([this.revalidator.runDue(), this.sender.pumpDue()]);
    if (!this.clock.manual) {
      work.catch((err) => this.log.error({ err }, 'webhook due work failed'));
      return;
    }
    await work;
    await this.sender.idle();
  }

  async stop(): Promise<void> {
    this.revalidator.stop();
    this.unsubscribe?.();
    this.unsubscribe = null;
    const settled = this.sender.stop();
    this.http.close();
    await settled;
    await this.dispatcher.settled();
    await this.store.close();
  }

  async create(accountId: string, input: { url: string; secret: string; events: string[] }): Promise<WebhookEndpoint> {
    const check = await validateEndpoint(this.http, input.url, input.secret, this.clock.now(), this.config.webhookTimeoutMs);
    if (!check.ok) throw new ApiError('webhook_validation_failed', { detail: check.reason });
    const now = this.clock.now();
    return this.store.createEndpoint({
      id: randomId(), accountId, url: input.url, secret: input.secret, events: input.events, status: 'active', disabledReason: null,
      validatedAt: now, validationDueAt: this.revalidator.nextDue(now), consecutiveFailures: 0, createdAt: now,
    });
  }

  list(accountId: string): Promise<WebhookEndpoint[]> {
    return this.store.listEndpoints(accountId);
  }

  async endpoint(id: string): Promise<WebhookEndpoint> {
    const e = await this.store.getEndpoint(id);
    // The memory store cannot cascade an account's deletion here: its endpoints go with it all the same.
    if (!e || !(await this.accounts.getAccount(e.accountId))) throw new ApiError('webhook_not_found', { webhookId: id.slice(0, 100) });
    return e;
  }

  async remove(id: string): Promise<void> {
    if (!(await this.store.deleteEndpoint(id))) throw new ApiError('webhook_not_found', { webhookId: id.slice(0, 100) });
  }

  /** Validates now; a pass re-enables a disabled endpoint and releases its held deliveries. */
  async validate(id: string): Promise<{ endpoint: WebhookEndpoint; result: ValidationResult }> {
    const result = await this.revalidator.validate(await this.endpoint(id));
    return { endpoint: await this.endpoint(id), result };
  }

  deliveries(webhookId: string, limit: number): Promise<Delivery[]> {
    return this.store.listDeliveries(webhookId, limit);
  }

  async delivery(id: string): Promise<Delivery> {
    const d = await this.store.getDelivery(id);
    if (!d) throw new ApiError('delivery_not_found', { deliveryId: id.slice(0, 100) });
    return d;
  }

  /** Schedules a fresh attempt now, with the same request id and a fresh retry budget; does not wait for it. */
  async redeliver(id: string): Promise<Delivery> {
    const d = await this.store.redeliver(id, this.clock.now());
    if (!d) throw new ApiError('delivery_not_found', { deliveryId: id.slice(0, 100) });
    this.sender.forget(d.webhookId);
    if (this.config.webhookPause === 'none') void this.sender.pump(d.webhookId);
    return d;
  }
}
