// Storage of webhook endpoints, their deliveries and the outbox cursor; memory and SQLite implement it.

export type WebhookStatus = 'active' | 'disabled';
export type DeliveryState = 'pending' | 'delivered' | 'retrying' | 'failed';

export type WebhookEndpoint = {
  id: string;
  accountId: string;
  url: string;
  /** Kept as given: every request is signed with it. Never returned or logged. */
  secret: string;
  events: string[];
  status: WebhookStatus;
  disabledReason: string | null;
  validatedAt: number | null;
  /** When the next URL validation is due (revalidation, or the retry of a failed one). */
  validationDueAt: number;
  /** Failed validations and delivery attempts in a row. */
  consecutiveFailures: number;
  /** Change-log position when the endpoint was added: it receives only later events. */
  sinceSeq: number;
  createdAt: number;
};

export type DeliveryAttempt = { at: number; statusCode: number | null; error: string | null; durationMs: number };

export type Delivery = {
  id: string;
  webhookId: string;
  userId: string;
  eventSeq: number;
  /** x-zm-request-id: the same on every attempt, so receivers can drop duplicates. */
  requestId: string;
  /** The exact bytes sent (UTF-8 JSON), fixed when the delivery is created. */
  body: string;
  state: DeliveryState;
  attempts: DeliveryAttempt[];
  /** Failed attempts since the delivery was (re)scheduled; picks the next retry delay. */
  failedAttempts: number;
  /** Set while the delivery is unsettled (pending or retrying); null once delivered or failed. */
  nextAttemptAt: number | null;
  createdAt: number;
};

/** One change-log event ready to fan out: its body is the same for every endpoint. */
export type OutboxItem = { seq: number; accountId: string; userId: string; event: string; body: string };

export type AttemptOutcome = { state: DeliveryState; nextAttemptAt: number | null; failedAttempts: number };

export interface WebhookStore {
  /** Stores the endpoint with `sinceSeq` set to the change log's current end. */
  createEndpoint(e: Omit<WebhookEndpoint, 'sinceSeq'>): Promise<WebhookEndpoint>;
  getEndpoint(id: string): Promise<WebhookEndpoint | undefined>;
  listEndpoints(accountId: string): Promise<WebhookEndpoint[]>;
  /** Removes the endpoint and its deliveries. */
  deleteEndpoint(id: string): Promise<boolean>;
  /** Active endpoints whose validation is due at `now`. */
  listDueValidations(now: number, limit: number): Promise<WebhookEndpoint[]>;
  /** A passed validation: active, failure count reset, next one due at `dueAt`. */
  markValidated(id: string, now: number, dueAt: number): Promise<WebhookEndpoint | undefined>;
  /** A failed validation: counts it and sets when to try again; returns the new count (undefined when gone). */
  countValidationFailure(id: string, validationDueAt: number): Promise<number | undefined>;
  /** Disables an active endpoint (an already disabled one keeps its first reason). */
  disable(id: string, reason: string): Promise<void>;

  /** Position of the outbox dispatcher in the change log. */
  cursor(): Promise<number>;
  /**
   * In one transaction: a delivery per active endpoint of the item's account subscribed to its event
   * (and added before it), and the cursor moved to `cursor`. Returns the endpoints that got deliveries.
   */
  dispatch(items: OutboxItem[], cursor: number, now: number, newId: () => string): Promise<Set<string>>;

  /** Endpoints with unsettled deliveries due at `now`. */
  endpointsWithDueDeliveries(now: number): Promise<string[]>;
  /**
   * Due deliveries of one endpoint, oldest event first, leaving out any whose user has an earlier
   * unsettled delivery to this endpoint (one user's events go in order).
   */
  dueDeliveries(webhookId: string, now: number, limit: number): Promise<Delivery[]>;
  /**
   * Appends the attempt and applies the outcome; in the same transaction the endpoint's failure count
   * is reset (delivered) or raised (anything else). Returns that count, undefined when the delivery is gone.
   */
  recordAttempt(id: string, attempt: DeliveryAttempt, outcome: AttemptOutcome): Promise<number | undefined>;
  getDelivery(id: string): Promise<Delivery | undefined>;
  /** Newest event first. */
  listDeliveries(webhookId: string, limit: number): Promise<Delivery[]>;
  /** Unsettles the delivery with a fresh retry budget, due at `now`. */
  redeliver(id: string, now: number): Promise<Delivery | undefined>;

  close(): Promise<void>;
}
