import { randomBytes, randomUUID } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import { AppError } from '../errors/catalogue.js';
import type { Database } from '../storage/database.js';
import { channels, type ChannelRow, type ChannelTheme } from '../storage/schema.js';

export interface NewChannel {
  name: string;
  allowedOrigins: string[];
  awayMessage: string;
  greeting: string;
  theme: ChannelTheme;
  requireVerifiedIdentity?: boolean;
}

export type ChannelPatch = Partial<NewChannel & { active: boolean }>;

function newPublicKey(): string {
  return `wc_${randomBytes(16).toString('base64url')}`;
}

function newIdentitySecret(): string {
  return randomBytes(32).toString('base64url');
}

export function channelsRepository({ db }: Database) {
  return {
    async list(accountId: string): Promise<ChannelRow[]> {
      return db.select().from(channels).where(eq(channels.accountId, accountId)).orderBy(asc(channels.name)).all();
    },

    async get(accountId: string, id: string): Promise<ChannelRow | undefined> {
      return db
        .select()
        .from(channels)
        .where(and(eq(channels.accountId, accountId), eq(channels.id, id)))
        .get();
    },

    /** The channel a snippet's public key names; the one lookup not scoped by an account. */
    async findByPublicKey(publicKey: string): Promise<ChannelRow | undefined> {
      return db.select().from(channels).where(eq(channels.publicKey, publicKey)).get();
    },

    async create(accountId: string, input: NewChannel): Promise<ChannelRow> {
      const now = new Date();
      return db
        .insert(channels)
        .values({
          id: randomUUID(),
          accountId,
          kind: 'web',
          ...input,
          publicKey: newPublicKey(),
          identitySecret: newIdentitySecret(),
          createdAt: now,
          updatedAt: now,
        })
        .returning()
        .get();
    },

    async update(accountId: string, id: string, patch: ChannelPatch): Promise<ChannelRow> {
      const row = db
        .update(channels)
        .set({ ...patch, updatedAt: new Date() })
        .where(and(eq(channels.accountId, accountId), eq(channels.id, id)))
        .returning()
        .get();
      if (!row) throw new AppError('channel_not_found');
      return row;
    },

    async rotateIdentitySecret(accountId: string, id: string): Promise<ChannelRow> {
      const row = db
        .update(channels)
        .set({ identitySecret: newIdentitySecret(), updatedAt: new Date() })
        .where(and(eq(channels.accountId, accountId), eq(channels.id, id)))
        .returning()
        .get();
      if (!row) throw new AppError('channel_not_found');
      return row;
    },

    async delete(accountId: string, id: string): Promise<void> {
      const result = db
        .delete(channels)
        .where(and(eq(channels.accountId, accountId), eq(channels.id, id)))
        .run();
      if (result.changes === 0) throw new AppError('channel_not_found');
    },
  };
}

export type ChannelsRepository = ReturnType<typeof channelsRepository>;
