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

/** Sessions ended by sign-out before they expire; kept until they would have expired anyway. */
export const endedSessions = sqliteTable(
  'ended_sessions',
  {
    /** The session token's `jti`. */
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('ended_sessions_expires_idx').on(t.expiresAt)],
);

export type AccountRow = typeof accounts.$inferSelect;
export type NewAccountRow = typeof accounts.$inferInsert;
export type UserRow = typeof users.$inferSelect;
export type NewUserRow = typeof users.$inferInsert;
export type PasswordLinkRow = typeof passwordLinks.$inferSelect;

export const CHANNEL_KINDS = ['web'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

export interface ChannelTheme {
  color: string;
  position: 'bottom-right' | 'bottom-left';
}

/** Where conversations come from. Web chat channels have a public key for the snippet. */
export const channels = sqliteTable(
  'channels',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: CHANNEL_KINDS }).notNull(),
    name: text('name').notNull(),
    /** Public: goes into the snippet and the visitor socket's URL. */
    publicKey: text('public_key').notNull(),
    /** Private: the site's backend signs visitor identities with it (HMAC-SHA256). */
    identitySecret: text('identity_secret').notNull(),
    /** When true, `identify` without a valid userHash is refused. */
    requireVerifiedIdentity: integer('require_verified_identity', { mode: 'boolean' }).notNull().default(false),
    /** Exact origins (scheme://host[:port]) allowed to open visitor sockets. */
    allowedOrigins: text('allowed_origins', { mode: 'json' }).$type<string[]>().notNull(),
    awayMessage: text('away_message').notNull(),
    greeting: text('greeting').notNull(),
    theme: text('theme', { mode: 'json' }).$type<ChannelTheme>().notNull(),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    ...timestamps,
  },
  (t) => [uniqueIndex('channels_public_key_unique').on(t.publicKey), index('channels_account_idx').on(t.accountId)],
);

/** A person on a customer's site; anonymous until identified. Created on their first message. */
export const visitors = sqliteTable(
  'visitors',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    channelId: text('channel_id')
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    /** SHA-256 of the visitor token kept by their browser. */
    tokenHash: text('token_hash').notNull(),
    firstName: text('first_name'),
    lastName: text('last_name'),
    email: text('email'),
    phone: text('phone'),
    mobile: text('mobile'),
    birthDate: text('birth_date'),
    /** The site's own id for this person, from identify(). */
    externalId: text('external_id'),
    verified: integer('verified', { mode: 'boolean' }).notNull().default(false),
    locale: text('locale'),
    ...timestamps,
  },
  (t) => [uniqueIndex('visitors_token_unique').on(t.tokenHash), index('visitors_channel_idx').on(t.channelId)],
);

export const CONVERSATION_STATES = ['bot', 'queued', 'assigned', 'closed'] as const;
export type ConversationStateValue = (typeof CONVERSATION_STATES)[number];

export const conversations = sqliteTable(
  'conversations',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    channelId: text('channel_id')
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    visitorId: text('visitor_id')
      .notNull()
      .references(() => visitors.id, { onDelete: 'cascade' }),
    state: text('state', { enum: CONVERSATION_STATES }).notNull(),
    assigneeId: text('assignee_id').references(() => users.id, { onDelete: 'set null' }),
    language: text('language'),
    /** Highest message seq; the next message gets lastSeq + 1 in the same transaction. */
    lastSeq: integer('last_seq').notNull().default(0),
    visitorReadSeq: integer('visitor_read_seq').notNull().default(0),
    staffReadSeq: integer('staff_read_seq').notNull().default(0),
    queuedAt: integer('queued_at', { mode: 'timestamp_ms' }),
    closedAt: integer('closed_at', { mode: 'timestamp_ms' }),
    ...timestamps,
  },
  (t) => [
    index('conversations_account_state_idx').on(t.accountId, t.state),
    index('conversations_visitor_idx').on(t.visitorId, t.createdAt),
  ],
);

export const AUTHOR_KINDS = ['visitor', 'user', 'bot', 'system'] as const;

export const messages = sqliteTable(
  'messages',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id').notNull(),
    conversationId: text('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    authorKind: text('author_kind', { enum: AUTHOR_KINDS }).notNull(),
    authorId: text('author_id'),
    authorName: text('author_name'),
    text: text('text').notNull(),
    clientMsgId: text('client_msg_id'),
    createdAt: timestamps.createdAt,
  },
  (t) => [
    uniqueIndex('messages_conversation_seq_unique').on(t.conversationId, t.seq),
    // A resend of the same client message id finds the stored message instead of adding one.
    uniqueIndex('messages_conversation_client_msg_unique').on(t.conversationId, t.clientMsgId),
  ],
);

/**
 * What staff noted about a visitor. The author is kept by id without a foreign key, and by name as
 * written, so notes outlive the deletion of the user who wrote them (as messages do).
 */
export const visitorNotes = sqliteTable(
  'visitor_notes',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    visitorId: text('visitor_id')
      .notNull()
      .references(() => visitors.id, { onDelete: 'cascade' }),
    authorId: text('author_id').notNull(),
    authorName: text('author_name').notNull(),
    text: text('text').notNull(),
    createdAt: timestamps.createdAt,
  },
  (t) => [index('visitor_notes_visitor_idx').on(t.visitorId, t.createdAt)],
);

export type ChannelRow = typeof channels.$inferSelect;
export type VisitorRow = typeof visitors.$inferSelect;
export type ConversationRow = typeof conversations.$inferSelect;
export type MessageRow = typeof messages.$inferSelect;
export type VisitorNoteRow = typeof visitorNotes.$inferSelect;
