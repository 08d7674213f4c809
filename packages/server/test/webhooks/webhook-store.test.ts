// The webhook store contract against memory and SQLite, plus the SQLite outbox surviving a reopen.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryStore } from '../../src/store/memory-store.js';
import { SqliteStore } from '../../src/store/sqlite-store.js';
import { MemoryWebhookStore } from '../../src/store/webhook-memory-store.js';
import { SqliteWebhookStore } from '../../src/store/webhook-sqlite-store.js';
import { account } from '../support/store-contract.js';
import { webhookStoreContract } from './support/webhook-store-contract.js';

const dir = mkdtempSync(join(tmpdir(), 'presence-webhook-store-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

webhookStoreContract('memory', async () => {
  const store = new MemoryStore();
  return { store, webhooks: new MemoryWebhookStore(store) };
});
webhookStoreContract('sqlite', async () => {
  const store = new SqliteStore({ path: join(dir, `w${++n}.db`) });
  return { store, webhooks: new SqliteWebhookStore(store.db) };
});

test('the SQLite outbox cursor and queued deliveries survive close and reopen', async () => {
  const path = join(dir, 'reopen.db');
  const s1 = new SqliteStore({ path });
  const w1 = new SqliteWebhookStore(s1.db);
  await s1.createAccount(account('acc1'));
  await w1.createEndpoint({
    id: 'w', accountId: 'acc1', url: 'http://127.0.0.1/x', secret: 's3cret-token', events: ['user.presence_status_updated'], status: 'active',
    disabledReason: null, validatedAt: 1, validationDueAt: 2, consecutiveFailures: 0, createdAt: 1,
  });
  await w1.dispatch([{ seq: 5, accountId: 'acc1', userId: 'u', event: 'user.presence_status_updated', body: '{}' }], 5, 10, () => `id-${++n}`);
  await s1.close();

  const s2 = new SqliteStore({ path });
  const w2 = new SqliteWebhookStore(s2.db);
  try {
    assert.equal(await w2.cursor(), 5);
    assert.deepEqual((await w2.dueDeliveries('w', 10, 10)).map((d) => [d.eventSeq, d.state]), [[5, 'pending']]);
  } finally {
    await s2.close();
  }
});

test('deleting an account removes its webhooks in SQLite', async () => {
  const s = new SqliteStore({ path: join(dir, 'cascade.db') });
  const w = new SqliteWebhookStore(s.db);
  try {
    await s.createAccount(account('acc1'));
    await w.createEndpoint({
      id: 'w', accountId: 'acc1', url: 'http://127.0.0.1/x', secret: 's3cret-token', events: ['user.presence_status_updated'], status: 'active',
      disabledReason: null, validatedAt: 1, validationDueAt: 2, consecutiveFailures: 0, createdAt: 1,
    });
    await s.deleteAccount('acc1');
    assert.equal(await w.getEndpoint('w'), undefined);
  } finally {
    await s.close();
  }
});
