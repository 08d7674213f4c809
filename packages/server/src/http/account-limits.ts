// Per-account Medium rate limits (QPS and daily), kept per node, with Zoom's X-RateLimit-* headers.
import type { FastifyReply } from 'fastify';
import { type AccountQuotaState, type PlanLimits, EMPTY_QUOTA, isoSeconds, takeAccountQuota } from '@presence/core';
import type { Config } from '../config.js';
import { ApiError } from '../errors.js';
import type { Plan, Store } from '../store/store.js';

const PLAN_TTL_MS = 5_000;

export class AccountLimits {
  private quota = new Map<string, AccountQuotaState>();
  private plans = new Map<string, { plan: Plan; until: number }>();

  constructor(private config: Config, private store: Store, private now: () => number) {}

  limitsFor(plan: Plan): PlanLimits {
    const c = this.config;
    if (plan === 'free') return { perSecond: c.freePerSecond, perDay: c.freePerDay };
    if (plan === 'pro') return { perSecond: c.proPerSecond, perDay: null };
    return { perSecond: c.businessPerSecond, perDay: null };
  }

  private async plan(accountId: string): Promise<Plan> {
    const now = this.now();
    const hit = this.plans.get(accountId);
    if (hit && hit.until > now) return hit.plan;
    const plan = (await this.store.getAccount(accountId))?.plan ?? 'free';
    this.plans.set(accountId, { plan, until: now + PLAN_TTL_MS });
    return plan;
  }

  /** Takes one request from the account's quota and sets the headers; throws the 429 when over. */
  async take(accountId: string, reply: FastifyReply): Promise<void> {
    reply.header('x-ratelimit-category', 'Medium');
    if (!this.config.accountRateLimits) return;
    const now = this.now();
    const d = takeAccountQuota(this.quota.get(accountId) ?? EMPTY_QUOTA, now, this.limitsFor(await this.plan(accountId)));
    this.quota.set(accountId, d.state);
    reply.header('x-ratelimit-type', d.type).header('x-ratelimit-limit', String(d.limit)).header('x-ratelimit-remaining', String(d.remaining));
    if (d.allowed) return;
    if (d.type === 'Daily-limit') throw new ApiError('daily_limited', {}, { headers: { 'retry-after': isoSeconds(d.resetAt) } });
    throw new ApiError('qps_limited', {}, { headers: { 'retry-after': String(d.retryAfterSec) } });
  }

  forget(accountId: string) {
    this.quota.delete(accountId);
    this.plans.delete(accountId);
  }
}
