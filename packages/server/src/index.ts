// Public surface of @presence/server for the CLI, tests and embedders.
export { loadConfig, settingsHelp, SETTINGS, ConfigError, type Config } from './config.js';
export { startServer, plugins, type RunningServer } from './server.js';
export { buildApp } from './app.js';
export { createDeps, type Deps } from './deps.js';
export { main } from './main.js';
export { ManualClock, SystemClock, type Clock } from './clock.js';
export { MemoryStore } from './store/memory-store.js';
export { SqliteStore } from './store/sqlite-store.js';
export type * from './store/store.js';
