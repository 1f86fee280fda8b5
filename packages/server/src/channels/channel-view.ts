import type { ChannelRow } from '../storage/schema.js';
import type { ChannelView } from './channels-schemas.js';

export function toChannelView(row: ChannelRow): ChannelView {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    publicKey: row.publicKey,
    identitySecret: row.identitySecret,
    requireVerifiedIdentity: row.requireVerifiedIdentity,
    allowedOrigins: row.allowedOrigins,
    awayMessage: row.awayMessage,
    greeting: row.greeting,
    theme: row.theme,
    active: row.active,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
