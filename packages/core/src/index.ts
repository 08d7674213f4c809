// Public surface of @presence/core: pure presence rules, no I/O.
export * from './result.js';
export * from './status.js';
export * from './version.js';
export * from './transitions.js';
export * from './dnd.js';
export * from './rate-limit.js';
export * from './errors.js';
export * from './events.js';
export * from './presence.js';
