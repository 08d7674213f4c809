// SQLite tables of the webhook outbox, next to the change log (`events`) they are fed from; applied idempotently.
// A delivery is unsettled exactly while next_attempt_at is set, so the partial indexes cover only the live queue.
export const WEBHOOK_SCHEMA = `
CREATE TABLE IF NOT EXISTS webhooks (
  id TEXT PRIMARY KEY, account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  url TEXT NOT NULL, secret TEXT NOT NULL, events TEXT NOT NULL, status TEXT NOT NULL, disabled_reason TEXT,
  validated_at INTEGER, validation_due_at INTEGER NOT NULL, consecutive_failures INTEGER NOT NULL,
  since_seq INTEGER NOT NULL, created_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS webhooks_account ON webhooks(account_id);
CREATE TABLE IF NOT EXISTS webhook_deliveries (
  id TEXT PRIMARY KEY, webhook_id TEXT NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
  user_id TEXT NOT NULL, event_seq INTEGER NOT NULL, request_id TEXT NOT NULL, body TEXT NOT NULL,
  state TEXT NOT NULL, attempts TEXT NOT NULL, failed_attempts INTEGER NOT NULL, next_attempt_at INTEGER,
  created_at INTEGER NOT NULL, UNIQUE (webhook_id, event_seq)
);
CREATE INDEX IF NOT EXISTS webhook_deliveries_due ON webhook_deliveries(next_attempt_at) WHERE next_attempt_at IS NOT NULL;
CREATE INDEX IF NOT EXISTS webhook_deliveries_open ON webhook_deliveries(webhook_id, user_id, event_seq) WHERE next_attempt_at IS NOT NULL;
CREATE INDEX IF NOT EXISTS webhook_deliveries_queue ON webhook_deliveries(webhook_id, event_seq) WHERE next_attempt_at IS NOT NULL;
CREATE TABLE IF NOT EXISTS webhook_outbox (id INTEGER PRIMARY KEY CHECK (id = 1), seq INTEGER NOT NULL);
`;
