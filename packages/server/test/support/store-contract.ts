// The contract every Store implementation must keep; each backend's test file runs it against its own factory.
import { directoryContract } from './store-contract-directory.js';
import { presenceContract } from './store-contract-presence.js';
import { queriesContract } from './store-contract-queries.js';
import type { StoreFactory } from './store-records.js';

export * from './store-records.js';

/** Registers the store contract tests for `make`, which must return a fresh, empty store each time. */
export function storeContract(name: string, make: StoreFactory): void {
  directoryContract(name, make);
  presenceContract(name, make);
  queriesContract(name, make);
}
