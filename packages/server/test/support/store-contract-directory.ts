// Store contract, directory part: accounts, users (case-insensitive emails) and apps.
import { describe, test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import type { Store } from '../../src/store/store.js';
import { type StoreFactory, T0, account, user } from './store-records.js';
import { seededStore, alice, bob } from './store-records.js';

export function directoryContract(label: string, make: StoreFactory): void {
  describe(`${label} store contract: accounts, users and apps`, () => {
    const seeded = seededStore(make);
    let store: Store;
    beforeEach(() => {
      store = seeded.store;
    });

    test('creates, gets, lists and deletes accounts; a second create with the same id is `exists`', async () => {
      assert.equal(await store.createAccount(account('acc2', 'free')), 'created');
      assert.equal(await store.createAccount(account('acc2', 'pro')), 'exists');
      assert.deepEqual(await store.getAccount('acc2'), account('acc2', 'free'));
      assert.deepEqual((await store.listAccounts()).map((a) => a.id).sort(), ['acc1', 'acc2']);
      assert.equal(await store.deleteAccount('acc2'), true);
      assert.equal(await store.deleteAccount('acc2'), false);
      assert.equal(await store.getAccount('acc2'), undefined);
    });

    test('creates, gets, lists and deletes users', async () => {
      assert.deepEqual(await store.getUser('alice'), alice);
      assert.equal(await store.createUser(alice), 'exists');
      assert.deepEqual((await store.listUsers('acc1')).map((u) => u.id).sort(), ['alice', 'bob']);
      assert.deepEqual(await store.listUsers('nope'), []);
      assert.equal(await store.deleteUser('bob'), true);
      assert.equal(await store.deleteUser('bob'), false);
      assert.equal(await store.getUser('bob'), undefined);
    });

    test('finds users by email case-insensitively and stores the email lower-cased', async () => {
      await store.createUser(user('carol', 'acc1', 'Carol.Smith@Example.COM'));
      assert.equal((await store.findUserByEmail('carol.smith@example.com'))?.id, 'carol');
      assert.equal((await store.findUserByEmail('CAROL.SMITH@EXAMPLE.COM'))?.id, 'carol');
      assert.equal((await store.getUser('carol'))?.email, 'carol.smith@example.com');
      assert.equal(await store.findUserByEmail('nobody@example.com'), undefined);
    });

    test('refuses a second user with the same email in any case as email_taken', async () => {
      assert.equal(await store.createUser(user('alice2', 'acc1', 'ALICE@example.com')), 'email_taken');
      assert.equal(await store.getUser('alice2'), undefined);
    });

    test('composed and decomposed accents are one email: stored NFC, found in either form, a second is email_taken', async () => {
      const nfc = 'Zo\u00eb@ex\u00e4mple.com';
      const nfd = nfc.normalize('NFD');
      assert.notEqual(nfc, nfd);
      assert.equal(await store.createUser(user('zoe', 'acc1', nfd)), 'created');
      assert.equal((await store.getUser('zoe'))?.email, 'zo\u00eb@ex\u00e4mple.com');
      assert.equal((await store.findUserByEmail(nfc))?.id, 'zoe');
      assert.equal((await store.findUserByEmail(nfd.toUpperCase()))?.id, 'zoe');
      assert.equal(await store.createUser(user('zoe2', 'acc1', nfc)), 'email_taken');
    });

    test('a deleted user’s email can be used again', async () => {
      await store.deleteUser('bob');
      assert.equal(await store.findUserByEmail('bob@example.com'), undefined);
      assert.equal(await store.createUser(user('bob2', 'acc1', 'bob@example.com')), 'created');
    });

    test('creates, gets, lists and deletes apps', async () => {
      const app = { clientId: 'cid', accountId: 'acc1', name: 'App', secretHash: 'scrypt$1$a$b', scopes: ['user:read', 'presence:admin'], createdAt: T0 };
      assert.equal(await store.createApp(app), 'created');
      assert.equal(await store.createApp({ ...app, name: 'Other' }), 'exists');
      assert.deepEqual(await store.getApp('cid'), app);
      assert.deepEqual(await store.listApps('acc1'), [app]);
      assert.equal(await store.deleteApp('cid'), true);
      assert.equal(await store.deleteApp('cid'), false);
      assert.equal(await store.getApp('cid'), undefined);
    });
  });
}
