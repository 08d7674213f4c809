// Endpoint health through URL validation: on demand, every webhookRevalidateHours, and disabling after six failures.
import type { Clock } from '../clock.js';
import type { Store } from '../store/store.js';
import type { WebhookEndpoint, WebhookStore } from '../store/webhook-store.js';
import type { WebhookHttp } from './webhook-http.js';
import { FAILURES_TO_DISABLE, nextValidationAfterFailure } from './webhook-policy.js';
import { type ValidationResult, validateEndpoint } from './webhook-validator.js';

export type RevalidatorOptions = { timeoutMs: number; revalidateHours: number; retryMinutes: readonly number[] };

export class Revalidator {
  private validating = new Set<string>();
  private stopped = false;

  constructor(
    private store: WebhookStore,
    private accounts: Pick<Store, 'getAccount'>,
    private http: WebhookHttp,
    private clock: Clock,
    private opts: RevalidatorOptions,
    /** Told when an endpoint passed, so what it held can go out. */
    private onPassed: (webhookId: string) => void,
  ) {}

  /** When an endpoint that passes now is next due. */
  nextDue(now: number): number {
    return now + this.opts.revalidateHours * 3_600_000;
  }

  /** Challenges every active endpoint whose validation is due. */
  async runDue(): Promise<void> {
    const due = await this.store.listDueValidations(this.clock.now(), 100);
    await Promise.all(due.filter((e) => !this.validating.has(e.id)).map(async (e) => {
      // The memory store cannot cascade an account's deletion: its endpoints are dropped when next due.
      if (!(await this.accounts.getAccount(e.accountId))) return void (await this.store.deleteEndpoint(e.id));
      await this.validate(e);
    }));
  }

  /** Validates now and records the outcome: a pass re-enables, six failures in a row disable. */
  async validate(e: WebhookEndpoint): Promise<ValidationResult> {
    this.validating.add(e.id);
    try {
      const result = await validateEndpoint(this.http, e.url, e.secret, this.clock.now(), this.opts.timeoutMs);
      // Cut short by shutdown: not the endpoint's failure.
      if (this.stopped) return result;
      const now = this.clock.now();
      if (result.ok) {
        await this.store.markValidated(e.id, now, this.nextDue(now));
        this.onPassed(e.id);
        return result;
      }
      const retryAt = nextValidationAfterFailure(e.consecutiveFailures + 1, this.opts.retryMinutes, now);
      const failures = await this.store.countValidationFailure(e.id, retryAt);
      if (failures !== undefined && failures >= FAILURES_TO_DISABLE) {
        await this.store.disable(e.id, `${failures} failures in a row; the last: URL validation failed: ${result.reason}`);
      }
      return result;
    } finally {
      this.validating.delete(e.id);
    }
  }

  stop(): void {
    this.stopped = true;
  }
}
