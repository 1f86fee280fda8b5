import fp from 'fastify-plugin';
import { databaseFile, migrateDatabase, openDatabase, type Database } from './database.js';

declare module 'fastify' {
  interface FastifyInstance {
    storage: Database;
  }
}

export interface StoragePluginOptions {
  /** An already opened database (tests, CLI); otherwise one is opened in the data folder. */
  database?: Database;
}

/**
 * Opens the database, applies migrations, and checkpoints the WAL from a timer so request
 * handling never pays for it. Closes the database when the app closes.
 */
export default fp<StoragePluginOptions>(
  async (app, options) => {
    const database = options.database ?? openDatabase(databaseFile(app.config.dataDir));
    migrateDatabase(database);
    app.decorate('storage', database);

    const timer = setInterval(() => {
      try {
        // PASSIVE never waits for readers or writers; whatever it cannot copy now waits for the next tick.
        database.sqlite.pragma('wal_checkpoint(PASSIVE)');
      } catch (error) {
        app.log.warn({ err: error }, 'WAL checkpoint failed');
      }
    }, app.config.storage.checkpointIntervalMs);
    timer.unref();

    app.addHook('onClose', async () => {
      clearInterval(timer);
      database.close();
    });
  },
  { name: 'storage', dependencies: ['config'] },
);
