// The store contract against the in-memory store.
import { MemoryStore } from '../src/store/memory-store.js';
import { storeContract } from './support/store-contract.js';

storeContract('memory', async () => new MemoryStore());
