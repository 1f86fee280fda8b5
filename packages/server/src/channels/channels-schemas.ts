import { Type, type Static } from 'typebox';
import { Id, Name, Timestamp } from '../http/common-schemas.js';

/** An exact origin: scheme, host and optional port, nothing after. */
export const Origin = Type.String({
  pattern: '^https?://[A-Za-z0-9.-]+(:\\d{1,5})?$',
  maxLength: 200,
  description: 'An exact origin (scheme, host, port), such as https://www.example.com',
});

const Theme = Type.Object(
  {
    color: Type.String({ pattern: '^#[0-9a-fA-F]{6}$', description: 'Launcher and bubble colour, #rrggbb' }),
    position: Type.Enum(['bottom-right', 'bottom-left']),
  },
  { additionalProperties: false },
);

export const ChannelSchema = Type.Object(
  {
    id: Id,
    kind: Type.Literal('web'),
    name: Type.String(),
    publicKey: Type.String({ description: 'Goes into the snippet' }),
    identitySecret: Type.String({ description: 'Keep on your server: signs visitor identities (userHash)' }),
    requireVerifiedIdentity: Type.Boolean(),
    allowedOrigins: Type.Array(Type.String()),
    awayMessage: Type.String(),
    greeting: Type.String(),
    theme: Theme,
    active: Type.Boolean(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { description: 'A web chat channel' },
);
export type ChannelView = Static<typeof ChannelSchema>;

export const ChannelParams = Type.Object({ id: Id }, { additionalProperties: false });

export const CreateChannelBody = Type.Object(
  {
    name: Name,
    allowedOrigins: Type.Array(Origin, { minItems: 1, maxItems: 50 }),
    awayMessage: Type.String({ minLength: 1, maxLength: 1000, default: 'We are away right now, but you can still write to us.' }),
    greeting: Type.String({ maxLength: 500, default: 'Hello! How can we help?' }),
    theme: Type.Object(
      {
        color: Type.String({ pattern: '^#[0-9a-fA-F]{6}$', default: '#2563eb' }),
        position: Type.Enum(['bottom-right', 'bottom-left'], { default: 'bottom-right' }),
      },
      { additionalProperties: false, default: {} },
    ),
    requireVerifiedIdentity: Type.Boolean({ default: false }),
  },
  { additionalProperties: false },
);

export const UpdateChannelBody = Type.Object(
  {
    name: Type.Optional(Name),
    allowedOrigins: Type.Optional(Type.Array(Origin, { minItems: 1, maxItems: 50 })),
    awayMessage: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })),
    greeting: Type.Optional(Type.String({ maxLength: 500 })),
    theme: Type.Optional(Theme),
    requireVerifiedIdentity: Type.Optional(Type.Boolean()),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);
