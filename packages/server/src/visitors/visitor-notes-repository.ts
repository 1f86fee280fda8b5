import { randomUUID } from 'node:crypto';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Database } from '../storage/database.js';
import { users, visitorNotes, type UserRow, type VisitorNoteRow } from '../storage/schema.js';

/** A note with the name its author goes by now, or had when they wrote it if they were deleted. */
export interface VisitorNote extends VisitorNoteRow {
  authorCurrentName: string | null;
}

export function fullName(user: Pick<UserRow, 'firstName' | 'lastName'>): string {
  return `${user.firstName} ${user.lastName}`.trim();
}

/** Staff notes on visitors. Callers check that the visitor belongs to their account first. */
export function visitorNotesRepository({ db }: Database) {
  return {
    /** Newest first; notes of the same millisecond in the reverse order they were written. */
    list(accountId: string, visitorId: string): VisitorNote[] {
      return db
        .select({
          note: visitorNotes,
          first: users.firstName,
          last: users.lastName,
        })
        .from(visitorNotes)
        .leftJoin(users, and(eq(users.id, visitorNotes.authorId), eq(users.accountId, visitorNotes.accountId)))
        .where(and(eq(visitorNotes.accountId, accountId), eq(visitorNotes.visitorId, visitorId)))
        .orderBy(desc(visitorNotes.createdAt), desc(sql`${visitorNotes}.rowid`))
        .all()
        .map(({ note, first, last }) => ({
          ...note,
          authorCurrentName: first === null ? null : fullName({ firstName: first, lastName: last ?? '' }),
        }));
    },

    add(accountId: string, visitorId: string, author: UserRow, text: string): VisitorNote {
      const note = db
        .insert(visitorNotes)
        .values({
          id: randomUUID(),
          accountId,
          visitorId,
          authorId: author.id,
          authorName: fullName(author),
          text,
          createdAt: new Date(),
        })
        .returning()
        .get();
      return { ...note, authorCurrentName: note.authorName };
    },
  };
}

export type VisitorNotesRepository = ReturnType<typeof visitorNotesRepository>;
