import { randomUUID } from 'node:crypto';
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Database } from '../storage/database.js';
import { passwordLinks, type LinkPurpose, type PasswordLinkRow } from '../storage/schema.js';

export function passwordLinksRepository(database: Database) {
  const { db } = database;
  return {
    /** Stores a new link; any older unused link of the same user stops working (superseded). */
    async create(input: {
      accountId: string;
      userId: string;
      purpose: LinkPurpose;
      tokenHash: string;
      expiresAt: Date;
    }): Promise<PasswordLinkRow> {
      return database.transaction(() => {
        const now = new Date();
        db.update(passwordLinks)
          .set({ consumedAt: now })
          .where(and(eq(passwordLinks.userId, input.userId), isNull(passwordLinks.consumedAt)))
          .run();
        return db
          .insert(passwordLinks)
          .values({ id: randomUUID(), ...input, createdAt: now })
          .returning()
          .get();
      });
    },

    /** Finds a live link (unused, unexpired) without using it up. */
    async findLive(tokenHash: string, now = new Date()): Promise<PasswordLinkRow | undefined> {
      return db
        .select()
        .from(passwordLinks)
        .where(and(eq(passwordLinks.tokenHash, tokenHash), isNull(passwordLinks.consumedAt), gt(passwordLinks.expiresAt, now)))
        .get();
    },

    /** Uses a live link up in one statement; only one of two parallel uses can succeed. */
    async consume(tokenHash: string, now = new Date()): Promise<PasswordLinkRow | undefined> {
      return db
        .update(passwordLinks)
        .set({ consumedAt: now })
        .where(and(eq(passwordLinks.tokenHash, tokenHash), isNull(passwordLinks.consumedAt), gt(passwordLinks.expiresAt, now)))
        .returning()
        .get();
    },
  };
}

export type PasswordLinksRepository = ReturnType<typeof passwordLinksRepository>;
