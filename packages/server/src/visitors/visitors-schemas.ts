import { Type, type Static } from 'typebox';
import { Id, StringOrNull, Timestamp } from '../http/common-schemas.js';

export const VisitorParams = Type.Object({ id: Id }, { additionalProperties: false });

export const VisitorSchema = Type.Object(
  {
    id: Id,
    channelId: Id,
    channelName: Type.String(),
    firstName: StringOrNull(),
    lastName: StringOrNull(),
    email: StringOrNull(),
    birthDate: StringOrNull({ description: 'YYYY-MM-DD' }),
    phone: StringOrNull(),
    mobile: StringOrNull(),
    verified: Type.Boolean({ description: 'Identity vouched for by the site’s backend (userHash)' }),
    online: Type.Boolean({ description: 'Has the chat open in a tab right now' }),
    createdAt: Timestamp,
  },
  { description: 'A visitor’s profile as staff see it' },
);
export type VisitorView = Static<typeof VisitorSchema>;

/** Bounds that keep the request small; the content rules with their messages are in visitor-profile-rules.ts. */
export const UpdateVisitorBody = Type.Object(
  {
    firstName: Type.Optional(StringOrNull({ maxLength: 100, description: 'Up to 100 characters; null clears it' })),
    lastName: Type.Optional(StringOrNull({ maxLength: 100, description: 'Up to 100 characters; null clears it' })),
    email: Type.Optional(StringOrNull({ maxLength: 254, description: 'An e-mail address; null clears it' })),
    birthDate: Type.Optional(
      StringOrNull({ maxLength: 10, description: 'YYYY-MM-DD, from 1900-01-01 to today; null clears it' }),
    ),
    phone: Type.Optional(
      StringOrNull({ maxLength: 40, description: '6 to 20 digits, with spaces and + ( ) . - allowed; null clears it' }),
    ),
    mobile: Type.Optional(
      StringOrNull({ maxLength: 40, description: '6 to 20 digits, with spaces and + ( ) . - allowed; null clears it' }),
    ),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateVisitorBody = Static<typeof UpdateVisitorBody>;

export const NoteSchema = Type.Object(
  {
    id: Id,
    text: Type.String(),
    author: Type.Object({ id: Id, name: Type.String() }),
    createdAt: Timestamp,
  },
  { description: 'A staff note on a visitor' },
);
export type NoteView = Static<typeof NoteSchema>;

export const CreateNoteBody = Type.Object(
  { text: Type.String({ minLength: 1, maxLength: 2000, description: 'Up to 2000 characters' }) },
  { additionalProperties: false },
);
