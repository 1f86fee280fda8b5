import { eq, lt } from 'drizzle-orm';
import type { Database } from '../storage/database.js';
import { endedSessions } from '../storage/schema.js';

/** Session ids ended by sign-out: a stateless token is refused once its id is here. */
export function endedSessionsRepository({ db }: Database) {
  return {
    async end(session: { sessionId: string; userId: string; expiresAt: Date }): Promise<void> {
      // Rows past their expiry protect nothing (the token is refused anyway): drop them as we go.
      db.delete(endedSessions).where(lt(endedSessions.expiresAt, new Date())).run();
      db.insert(endedSessions)
        .values({ id: session.sessionId, userId: session.userId, expiresAt: session.expiresAt })
        .onConflictDoNothing()
        .run();
    },

    async isEnded(sessionId: string): Promise<boolean> {
      return db.select({ id: endedSessions.id }).from(endedSessions).where(eq(endedSessions.id, sessionId)).get() !== undefined;
    },
  };
}
