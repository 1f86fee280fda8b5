export { buildHub, startHub } from './server.js';
export { loadConfig, ConfigError } from './config/config.js';
export type { Config, ConfigInput, LoadConfigOptions } from './config/config.js';
export { openDatabase, migrateDatabase, databaseFile } from './storage/database.js';
export type { Database } from './storage/database.js';
export { ensureDemoAccount } from './demo/demo-account.js';
export type { DemoSignIn } from './demo/demo-account.js';
export type { HubOptions } from './server.js';
export type {} from './hub-decorations.js';
