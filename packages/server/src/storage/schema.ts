import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/**
 * The hub's tables. Every tenant-owned row carries `accountId`, and repositories filter on it in
 * every query. Times are stored as Unix milliseconds.
 */

const timestamps = {
  createdAt: integer('created_at', { mode: 'timestamp_ms' })
    .notNull()
    .default(sql`(unixepoch('subsec') * 1000)`),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' })
    .notNull()
    .default(sql`(unixepoch('subsec') * 1000)`),
};

export const PLANS = ['hub', 'pro', 'bot'] as const;
export type Plan = (typeof PLANS)[number];

export const ROLES = ['administrator', 'supervisor', 'agent', 'analyst'] as const;
export type Role = (typeof ROLES)[number];

export const accounts = sqliteTable(
  'accounts',
  {
    id: text('id').primaryKey(),
    /** Short unique name used at sign-in when an e-mail address exists in several accounts. */
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    plan: text('plan', { enum: PLANS }).notNull(),
    /** Maximum number of active staff users. */
    seatCount: integer('seat_count').notNull(),
    options: text('options', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
    timezone: text('timezone').notNull(),
    languages: text('languages', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    ...timestamps,
  },
  (t) => [uniqueIndex('accounts_slug_unique').on(t.slug)],
);

export const users = sqliteTable(
  'users',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    email: text('email').notNull(),
    /** Lower-cased e-mail: uniqueness and sign-in ignore case. */
    emailKey: text('email_key').notNull(),
    role: text('role', { enum: ROLES }).notNull(),
    nativeLanguage: text('native_language').notNull(),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    /** scrypt hash with its parameters; null until the user sets a password through the mailed link. */
    passwordHash: text('password_hash'),
    /** Consecutive failed sign-ins; at the limit the user is locked until a new password is set. */
    failedSignIns: integer('failed_sign_ins').notNull().default(0),
    /** Bumped whenever existing sessions must end (password change, deactivation, deletion). */
    tokenVersion: integer('token_version').notNull().default(0),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('users_account_email_unique').on(t.accountId, t.emailKey),
    index('users_email_key_idx').on(t.emailKey),
    index('users_account_last_name_idx').on(t.accountId, t.lastName),
  ],
);

export const LINK_PURPOSES = ['invite', 'reset', 'unlock'] as const;
export type LinkPurpose = (typeof LINK_PURPOSES)[number];

/** Single-use set-password links; only a SHA-256 of the token is kept. */
export const passwordLinks = sqliteTable(
  'password_links',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    purpose: text('purpose', { enum: LINK_PURPOSES }).notNull(),
    tokenHash: text('token_hash').notNull(),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
    /** Set when used or superseded by a newer link: either way it no longer works. */
    consumedAt: integer('consumed_at', { mode: 'timestamp_ms' }),
    createdAt: timestamps.createdAt,
  },
  (t) => [uniqueIndex('password_links_token_unique').on(t.tokenHash), index('password_links_user_idx').on(t.userId)],
);

export type AccountRow = typeof accounts.$inferSelect;
export type NewAccountRow = typeof accounts.$inferInsert;
export type UserRow = typeof users.$inferSelect;
export type NewUserRow = typeof users.$inferInsert;
export type PasswordLinkRow = typeof passwordLinks.$inferSelect;
