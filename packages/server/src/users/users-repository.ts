import { randomUUID } from 'node:crypto';
import { and, asc, count, desc, eq, inArray, ne, or, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { roleMay } from '../auth/permissions.js';
import { AppError } from '../errors/catalogue.js';
import type { Database } from '../storage/database.js';
import { ROLES, accounts, users, type NewUserRow, type Role, type UserRow } from '../storage/schema.js';

/** Consecutive failed sign-ins after which a user is locked. */
export const MAX_FAILED_SIGN_INS = 5;

/** Roles that work the inbox: the colleagues a conversation can be assigned to. */
export const INBOX_ROLES: readonly Role[] = ROLES.filter((role) => roleMay(role, 'inbox.use'));

export const USER_SORT_FIELDS = ['firstName', 'lastName', 'email', 'role', 'nativeLanguage'] as const;
export type UserSortField = (typeof USER_SORT_FIELDS)[number];

export interface UserListQuery {
  search?: string;
  sort: UserSortField;
  order: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

export type NewUser = Pick<NewUserRow, 'firstName' | 'lastName' | 'email' | 'role' | 'nativeLanguage'> & {
  active?: boolean;
};

export type UserPatch = Partial<
  Pick<UserRow, 'firstName' | 'lastName' | 'email' | 'role' | 'nativeLanguage' | 'active'>
>;

export function emailKey(email: string): string {
  return email.trim().toLowerCase();
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * How names compare in search and sort: without case or accents, so "elo" and "ÉLO" both find
 * "Élodie" and she sorts among the E's. SQLite's own lower() and LIKE only fold ASCII letters,
 * which fails the French, Dutch and German names staff lists are full of.
 */
export function foldForSearch(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
}

/** The SQL function the repository registers on its connection to apply foldForSearch. */
const FOLD = 'interact_fold';

function seatLimitError(limit: number): AppError {
  return new AppError(
    'seat_limit_reached',
    `All ${limit} seat${limit === 1 ? '' : 's'} of this account are taken: deactivate a user or add seats first.`,
  );
}

/**
 * Staff users. Every method that reads or changes users takes the caller's account and filters
 * on it, so an id from another account is simply not found. Rules that span several rows (seat
 * limit, at least one administrator, unique e-mail) are checked inside the same transaction as
 * the write they guard.
 */
export function usersRepository(database: Database) {
  const { db } = database;
  database.sqlite.function(FOLD, { deterministic: true }, (value: unknown) =>
    typeof value === 'string' ? foldForSearch(value) : value,
  );
  const fold = (column: AnyColumn) => sql`${sql.raw(FOLD)}(${column})`;

  const seatLimit = (accountId: string): number =>
    db.select({ seats: accounts.seatCount }).from(accounts).where(eq(accounts.id, accountId)).get()?.seats ?? 0;

  const activeCount = (accountId: string, extra?: SQL): number =>
    db
      .select({ n: count() })
      .from(users)
      .where(and(eq(users.accountId, accountId), eq(users.active, true), extra))
      .get()?.n ?? 0;

  const emailTaken = (accountId: string, key: string, exceptId?: string): boolean =>
    db
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.accountId, accountId), eq(users.emailKey, key), exceptId ? ne(users.id, exceptId) : undefined))
      .get() !== undefined;

  const isActiveAdmin = (u: Pick<UserRow, 'role' | 'active'>) => u.active && u.role === 'administrator';

  return {
    async list(accountId: string, query: UserListQuery): Promise<{ items: UserRow[]; total: number }> {
      const search = query.search?.trim();
      // `%` and `_` typed by the user are searched for literally, not as wildcards.
      const pattern = search ? `%${escapeLike(foldForSearch(search))}%` : undefined;
      const matches = (column: AnyColumn) => sql`${fold(column)} like ${pattern} escape '\\'`;
      const where = and(
        eq(users.accountId, accountId),
        pattern ? or(matches(users.firstName), matches(users.lastName), matches(users.emailKey)) : undefined,
      );
      const direction = query.order === 'desc' ? desc : asc;
      const items = db
        .select()
        .from(users)
        .where(where)
        .orderBy(direction(fold(users[query.sort])), asc(users.id))
        .limit(query.pageSize)
        .offset((query.page - 1) * query.pageSize)
        .all();
      const total = db.select({ n: count() }).from(users).where(where).get()?.n ?? 0;
      return { items, total };
    },

    /** Active users with one of `roles`, by first then last name (as people are shown to each other). */
    async listActiveWithRoles(accountId: string, roles: readonly Role[]): Promise<UserRow[]> {
      return db
        .select()
        .from(users)
        .where(and(eq(users.accountId, accountId), eq(users.active, true), inArray(users.role, [...roles])))
        .orderBy(asc(fold(users.firstName)), asc(fold(users.lastName)), asc(users.id))
        .all();
    },

    async get(accountId: string, id: string): Promise<UserRow | undefined> {
      return db
        .select()
        .from(users)
        .where(and(eq(users.accountId, accountId), eq(users.id, id)))
        .get();
    },

    async countActive(accountId: string): Promise<number> {
      return activeCount(accountId);
    },

    /** Users with this e-mail in any account: sign-in is the one place that looks across accounts. */
    async findForSignIn(email: string, accountId?: string): Promise<UserRow[]> {
      return db
        .select()
        .from(users)
        .where(and(eq(users.emailKey, emailKey(email)), accountId ? eq(users.accountId, accountId) : undefined))
        .all();
    },

    async create(accountId: string, input: NewUser): Promise<UserRow> {
      return database.transaction(() => {
        const key = emailKey(input.email);
        if (emailTaken(accountId, key)) throw new AppError('email_taken');
        const active = input.active ?? true;
        const limit = seatLimit(accountId);
        if (active && activeCount(accountId) >= limit) throw seatLimitError(limit);
        const now = new Date();
        return db
          .insert(users)
          .values({
            id: randomUUID(),
            accountId,
            ...input,
            email: input.email.trim(),
            emailKey: key,
            active,
            createdAt: now,
            updatedAt: now,
          })
          .returning()
          .get();
      });
    },

    async update(accountId: string, id: string, patch: UserPatch): Promise<UserRow> {
      return database.transaction(() => {
        const current = db
          .select()
          .from(users)
          .where(and(eq(users.accountId, accountId), eq(users.id, id)))
          .get();
        if (!current) throw new AppError('user_not_found');
        const next = { ...current, ...patch };
        const changes: Partial<UserRow> = { ...patch, updatedAt: new Date() };
        if (patch.email !== undefined) {
          changes.email = patch.email.trim();
          changes.emailKey = emailKey(patch.email);
          if (emailTaken(accountId, changes.emailKey, id)) throw new AppError('email_taken');
        }
        if (!current.active && next.active) {
          const limit = seatLimit(accountId);
          if (activeCount(accountId) >= limit) throw seatLimitError(limit);
        }
        if (isActiveAdmin(current) && !isActiveAdmin(next) && activeCount(accountId, eq(users.role, 'administrator')) <= 1) {
          throw new AppError('last_administrator');
        }
        // Deactivation ends every session of the user at once.
        if (current.active && !next.active) changes.tokenVersion = current.tokenVersion + 1;
        return db
          .update(users)
          .set(changes)
          .where(and(eq(users.accountId, accountId), eq(users.id, id)))
          .returning()
          .get()!;
      });
    },

    async delete(accountId: string, id: string): Promise<void> {
      database.transaction(() => {
        const current = db
          .select()
          .from(users)
          .where(and(eq(users.accountId, accountId), eq(users.id, id)))
          .get();
        if (!current) throw new AppError('user_not_found');
        if (isActiveAdmin(current) && activeCount(accountId, eq(users.role, 'administrator')) <= 1) {
          throw new AppError('last_administrator');
        }
        db.delete(users).where(and(eq(users.accountId, accountId), eq(users.id, id))).run();
      });
    },

    /**
     * Claims one sign-in attempt before the password is checked: the counter goes up first, in
     * one statement, so parallel guesses cannot slip past the limit. Returns the attempt's number
     * in the current streak (1 to MAX_FAILED_SIGN_INS), or null when the user is locked.
     */
    async claimSignInAttempt(id: string): Promise<number | null> {
      const row = db
        .update(users)
        .set({ failedSignIns: sql`${users.failedSignIns} + 1` })
        .where(and(eq(users.id, id), sql`${users.failedSignIns} < ${MAX_FAILED_SIGN_INS}`))
        .returning({ n: users.failedSignIns })
        .get();
      return row?.n ?? null;
    },

    /** A successful sign-in: the claimed attempt was not a failure, and the streak starts over. */
    async clearFailedSignIns(id: string): Promise<void> {
      db.update(users).set({ failedSignIns: 0 }).where(eq(users.id, id)).run();
    },

    /** Sets a new password, unlocks, and ends every existing session. */
    async setPassword(accountId: string, id: string, passwordHash: string): Promise<UserRow | undefined> {
      return db
        .update(users)
        .set({ passwordHash, failedSignIns: 0, tokenVersion: sql`${users.tokenVersion} + 1`, updatedAt: new Date() })
        .where(and(eq(users.accountId, accountId), eq(users.id, id)))
        .returning()
        .get();
    },

    /** Ends every existing session of the user ("sign out everywhere"). */
    async revokeSessions(accountId: string, id: string): Promise<void> {
      db.update(users)
        .set({ tokenVersion: sql`${users.tokenVersion} + 1` })
        .where(and(eq(users.accountId, accountId), eq(users.id, id)))
        .run();
    },
  };
}

export type UsersRepository = ReturnType<typeof usersRepository>;
export type { Role };
