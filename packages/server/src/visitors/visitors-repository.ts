import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Database } from '../storage/database.js';
import { channels, visitors, type ChannelRow, type VisitorRow } from '../storage/schema.js';

export interface VisitorProfileFields {
  firstName?: string | null;
  lastName?: string | null;
  email?: string | null;
  phone?: string | null;
  mobile?: string | null;
  birthDate?: string | null;
  externalId?: string | null;
}

/** Visitors; written through the group committer's work functions, hence the synchronous methods. */
export function visitorsRepository({ db }: Database) {
  return {
    findByTokenHash(channelId: string, tokenHash: string): VisitorRow | undefined {
      return db
        .select()
        .from(visitors)
        .where(and(eq(visitors.tokenHash, tokenHash), eq(visitors.channelId, channelId)))
        .get();
    },

    get(accountId: string, id: string): VisitorRow | undefined {
      return db
        .select()
        .from(visitors)
        .where(and(eq(visitors.accountId, accountId), eq(visitors.id, id)))
        .get();
    },

    /** The visitor with the name of the channel they came through, for staff. */
    getWithChannel(accountId: string, id: string): { visitor: VisitorRow; channelName: string } | undefined {
      return db
        .select({ visitor: visitors, channelName: channels.name })
        .from(visitors)
        .innerJoin(channels, eq(channels.id, visitors.channelId))
        .where(and(eq(visitors.accountId, accountId), eq(visitors.id, id)))
        .get();
    },

    create(channel: ChannelRow, tokenHash: string, locale: string | undefined, id: string = randomUUID()): VisitorRow {
      const now = new Date();
      return db
        .insert(visitors)
        .values({
          id,
          accountId: channel.accountId,
          channelId: channel.id,
          tokenHash,
          locale: locale ?? null,
          createdAt: now,
          updatedAt: now,
        })
        .returning()
        .get();
    },

    updateProfile(accountId: string, id: string, fields: VisitorProfileFields & { verified?: boolean }): VisitorRow {
      return this.changeProfile(accountId, id, fields)!;
    },

    /** Like updateProfile, for callers that may name a visitor who does not exist: undefined then. */
    changeProfile(accountId: string, id: string, fields: VisitorProfileFields & { verified?: boolean }): VisitorRow | undefined {
      return db
        .update(visitors)
        .set({ ...fields, updatedAt: new Date() })
        .where(and(eq(visitors.accountId, accountId), eq(visitors.id, id)))
        .returning()
        .get();
    },
  };
}

export type VisitorsRepository = ReturnType<typeof visitorsRepository>;

/** How staff see a visitor's name: what they told us, or a stable short label. */
export function visitorDisplayName(visitor: Pick<VisitorRow, 'id' | 'firstName' | 'lastName'>): string {
  const name = [visitor.firstName, visitor.lastName].filter(Boolean).join(' ').trim();
  return name || `Visitor ${visitor.id.slice(0, 4).toUpperCase()}`;
}
