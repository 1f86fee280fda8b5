import { randomUUID } from 'node:crypto';
import { and, asc, count, eq, sql } from 'drizzle-orm';
import { AppError } from '../errors/catalogue.js';
import type { Database } from '../storage/database.js';
import { accounts, users, type AccountRow, type Plan } from '../storage/schema.js';

export interface NewAccount {
  name: string;
  slug: string;
  plan: Plan;
  seatCount: number;
  options: string[];
  timezone: string;
  languages: string[];
}

export interface AccountWithUsage extends AccountRow {
  activeUsers: number;
}

/** Accounts are the tenants; only the hub's operator (CLI) creates or deactivates them. */
export function accountsRepository(database: Database) {
  const { db } = database;
  return {
    async create(input: NewAccount): Promise<AccountRow> {
      const existing = db.select({ id: accounts.id }).from(accounts).where(eq(accounts.slug, input.slug)).get();
      if (existing) throw new AppError('slug_taken');
      const now = new Date();
      return db
        .insert(accounts)
        .values({ id: randomUUID(), ...input, createdAt: now, updatedAt: now })
        .returning()
        .get();
    },

    async findById(id: string): Promise<AccountRow | undefined> {
      return db.select().from(accounts).where(eq(accounts.id, id)).get();
    },

    async findBySlug(slug: string): Promise<AccountRow | undefined> {
      return db.select().from(accounts).where(eq(accounts.slug, slug)).get();
    },

    async list(): Promise<AccountWithUsage[]> {
      const rows = db.select().from(accounts).orderBy(asc(accounts.name)).all();
      return Promise.all(rows.map(async (row) => ({ ...row, activeUsers: await this.countActiveUsers(row.id) })));
    },

    async countActiveUsers(accountId: string): Promise<number> {
      const row = db
        .select({ n: count() })
        .from(users)
        .where(and(eq(users.accountId, accountId), eq(users.active, true)))
        .get();
      return row?.n ?? 0;
    },

    /** Removes an account and, through the foreign keys, everything it owns. */
    async delete(id: string): Promise<void> {
      db.delete(accounts).where(eq(accounts.id, id)).run();
    },

    /** Deactivating ends every session of the account's users for good: reactivation does not revive them. */
    async setActive(id: string, active: boolean): Promise<AccountRow | undefined> {
      return database.transaction(() => {
        if (!active) {
          db.update(users)
            .set({ tokenVersion: sql`${users.tokenVersion} + 1` })
            .where(eq(users.accountId, id))
            .run();
        }
        return db.update(accounts).set({ active, updatedAt: new Date() }).where(eq(accounts.id, id)).returning().get();
      });
    },
  };
}

export type AccountsRepository = ReturnType<typeof accountsRepository>;
