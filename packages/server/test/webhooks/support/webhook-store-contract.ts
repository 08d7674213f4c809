// The contract every WebhookStore keeps; run against memory and SQLite, each over its presence store's change log.
import { describe, test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import type { Store } from '../../../src/store/store.js';
import type { OutboxItem, WebhookEndpoint, WebhookStore } from '../../../src/store/webhook-store.js';
import { account, changed, commit, state, user } from '../../support/store-contract.js';

export type Pair = { store: Store; webhooks: WebhookStore };
const T0 = Date.UTC(2026, 11, 3, 17, 0, 0);
const EVENT = 'user.presence_status_updated';
let n = 0;
const newId = () => `id-${++n}`;

const endpoint = (id: string, accountId = 'acc1', extra: Partial<WebhookEndpoint> = {}): Omit<WebhookEndpoint, 'sinceSeq'> => ({
  id, accountId, url: `http://127.0.0.1/${id}`, secret: 's3cret-token', events: [EVENT], status: 'active', disabledReason: null,
  validatedAt: T0, validationDueAt: T0 + 1000, consecutiveFailures: 0, createdAt: T0, ...extra,
});
const item = (seq: number, userId = 'alice', accountId = 'acc1'): OutboxItem => ({ seq, accountId, userId, event: EVENT, body: `{"seq":${seq}}` });
const ok = { state: 'delivered' as const, nextAttemptAt: null, failedAttempts: 0 };
const attempt = (statusCode: number) => ({ at: T0, statusCode, error: null, durationMs: 3 });

export function webhookStoreContract(name: string, make: () => Promise<Pair>): void {
  describe(`${name} webhook store contract`, () => {
    let p: Pair;
    const alice = user('alice', 'acc1');
    beforeEach(async () => {
      p = await make();
      await p.store.createAccount(account('acc1'));
      await p.store.createAccount(account('acc2'));
      await p.store.createUser(alice);
    });
    afterEach(async () => {
      await p.webhooks.close();
      await p.store.close();
    });
    const logEvent = async (version: number) => {
      const r = await p.store.commitPresence(commit(alice, version, state(version % 2 ? 'Busy' : 'Away'), { events: [changed(alice, 'Available', 'Away')] }));
      assert.ok(r.ok);
      return r.events[0]!.seq;
    };

    test('a new endpoint starts after the change log as it is, and only later events reach it', async () => {
      const before = await logEvent(0);
      const e = await p.webhooks.createEndpoint(endpoint('w1'));
      assert.equal(e.sinceSeq, before);
      const after = await logEvent(1);
      const touched = await p.webhooks.dispatch([item(before), item(after)], after, T0, newId);
      assert.deepEqual([...touched], ['w1']);
      assert.deepEqual((await p.webhooks.listDeliveries('w1', 10)).map((d) => d.eventSeq), [after]);
      assert.equal(await p.webhooks.cursor(), after);
    });

    test('dispatch makes one delivery per active, subscribed endpoint of the account and moves the cursor', async () => {
      await p.webhooks.createEndpoint(endpoint('a'));
      await p.webhooks.createEndpoint(endpoint('b'));
      await p.webhooks.createEndpoint(endpoint('off', 'acc1', { status: 'disabled' }));
      await p.webhooks.createEndpoint(endpoint('other', 'acc2'));
      await p.webhooks.createEndpoint(endpoint('none', 'acc1', { events: ['something.else'] }));
      const touched = await p.webhooks.dispatch([item(7), item(8)], 9, T0, newId);
      assert.deepEqual([...touched].sort(), ['a', 'b']);
      for (const w of ['a', 'b']) {
        const ds = await p.webhooks.listDeliveries(w, 10);
        assert.deepEqual(ds.map((d) => [d.eventSeq, d.state, d.nextAttemptAt, d.body]), [[8, 'pending', T0, '{"seq":8}'], [7, 'pending', T0, '{"seq":7}']]);
        assert.notEqual(ds[0]!.requestId, ds[1]!.requestId);
      }
      for (const w of ['off', 'other', 'none']) assert.deepEqual(await p.webhooks.listDeliveries(w, 10), []);
      assert.equal(await p.webhooks.cursor(), 9);
    });

    test("due deliveries come oldest first, and a user's later one waits while an earlier one is open", async () => {
      await p.webhooks.createEndpoint(endpoint('w'));
      await p.webhooks.dispatch([item(1, 'alice'), item(2, 'bob'), item(3, 'alice'), item(4, 'carol')], 4, T0, newId);
      const due = await p.webhooks.dueDeliveries('w', T0, 10);
      assert.deepEqual(due.map((d) => d.eventSeq), [1, 2, 4]);
      assert.deepEqual((await p.webhooks.dueDeliveries('w', T0, 2)).map((d) => d.eventSeq), [1, 2]);
      assert.deepEqual(await p.webhooks.dueDeliveries('w', T0 - 1, 10), [], 'nothing before it is due');

      const first = due[0]!;
      await p.webhooks.recordAttempt(first.id, attempt(500), { state: 'retrying', nextAttemptAt: T0 + 300_000, failedAttempts: 1 });
      assert.deepEqual((await p.webhooks.dueDeliveries('w', T0, 10)).map((d) => d.eventSeq), [2, 4], 'alice waits for her retry');
      assert.deepEqual(await p.webhooks.endpointsWithDueDeliveries(T0), ['w']);
      await p.webhooks.recordAttempt(first.id, attempt(200), ok);
      assert.deepEqual((await p.webhooks.dueDeliveries('w', T0, 10)).map((d) => d.eventSeq), [2, 3, 4]);
    });

    test('recordAttempt keeps every attempt and counts failures on the endpoint, resetting on success', async () => {
      await p.webhooks.createEndpoint(endpoint('w'));
      await p.webhooks.dispatch([item(1), item(2, 'bob')], 2, T0, newId);
      const [d1, d2] = await p.webhooks.dueDeliveries('w', T0, 10);
      assert.equal(await p.webhooks.recordAttempt(d1!.id, attempt(500), { state: 'retrying', nextAttemptAt: T0 + 1, failedAttempts: 1 }), 1);
      assert.equal(await p.webhooks.recordAttempt(d2!.id, attempt(404), { state: 'failed', nextAttemptAt: null, failedAttempts: 1 }), 2);
      assert.equal((await p.webhooks.getEndpoint('w'))!.consecutiveFailures, 2);
      assert.equal(await p.webhooks.recordAttempt(d1!.id, { at: T0 + 1, statusCode: null, error: 'timeout', durationMs: 9 }, ok), 0);
      const got = await p.webhooks.getDelivery(d1!.id);
      assert.deepEqual(got!.attempts, [attempt(500), { at: T0 + 1, statusCode: null, error: 'timeout', durationMs: 9 }]);
      assert.equal(got!.state, 'delivered');
      assert.equal(got!.nextAttemptAt, null);
      assert.equal(await p.webhooks.recordAttempt('missing', attempt(200), ok), undefined);
    });

    test('redeliver reopens a settled delivery in its place in the event order', async () => {
      await p.webhooks.createEndpoint(endpoint('w'));
      await p.webhooks.dispatch([item(1)], 1, T0, newId);
      const [d] = await p.webhooks.dueDeliveries('w', T0, 10);
      await p.webhooks.recordAttempt(d!.id, attempt(200), ok);
      await p.webhooks.dispatch([item(2)], 2, T0, newId);
      const again = await p.webhooks.redeliver(d!.id, T0 + 5);
      assert.deepEqual([again!.state, again!.nextAttemptAt, again!.failedAttempts, again!.requestId], ['pending', T0 + 5, 0, d!.requestId]);
      assert.deepEqual((await p.webhooks.dueDeliveries('w', T0 + 5, 10)).map((x) => x.eventSeq), [1], 'the reopened older event goes first');
      assert.equal(await p.webhooks.redeliver('missing', T0), undefined);
    });

    test('validation bookkeeping: due list, pass, counted failures, and a disable that keeps its first reason', async () => {
      await p.webhooks.createEndpoint(endpoint('w'));
      await p.webhooks.createEndpoint(endpoint('later', 'acc1', { validationDueAt: T0 + 10_000 }));
      assert.deepEqual((await p.webhooks.listDueValidations(T0 + 1000, 10)).map((e) => e.id), ['w']);
      assert.equal(await p.webhooks.countValidationFailure('w', T0 + 2000), 1);
      assert.equal((await p.webhooks.getEndpoint('w'))!.validationDueAt, T0 + 2000);
      await p.webhooks.disable('w', 'first');
      await p.webhooks.disable('w', 'second');
      const off = (await p.webhooks.getEndpoint('w'))!;
      assert.deepEqual([off.status, off.disabledReason], ['disabled', 'first']);
      assert.deepEqual(await p.webhooks.listDueValidations(T0 + 5000, 10), [], 'disabled endpoints are not revalidated');
      const on = (await p.webhooks.markValidated('w', T0 + 6000, T0 + 9000))!;
      assert.deepEqual([on.status, on.disabledReason, on.consecutiveFailures, on.validatedAt, on.validationDueAt], ['active', null, 0, T0 + 6000, T0 + 9000]);
      assert.equal(await p.webhooks.countValidationFailure('missing', T0), undefined);
    });

    test('deleting an endpoint deletes its deliveries', async () => {
      await p.webhooks.createEndpoint(endpoint('w'));
      await p.webhooks.dispatch([item(1)], 1, T0, newId);
      const [d] = await p.webhooks.listDeliveries('w', 10);
      assert.equal(await p.webhooks.deleteEndpoint('w'), true);
      assert.equal(await p.webhooks.deleteEndpoint('w'), false);
      assert.equal(await p.webhooks.getDelivery(d!.id), undefined);
      assert.deepEqual(await p.webhooks.endpointsWithDueDeliveries(T0), []);
      assert.deepEqual(await p.webhooks.listEndpoints('acc1'), []);
    });
  });
}
