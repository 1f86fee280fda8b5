import { Type, type Static } from 'typebox';
import { PLANS } from '../storage/schema.js';

export const AccountSchema = Type.Object(
  {
    id: Type.String(),
    slug: Type.String({ description: 'Short name; asked at sign-in only when an e-mail is in several accounts' }),
    name: Type.String(),
    plan: Type.Enum(PLANS),
    seatCount: Type.Integer({ description: 'How many staff users may be active' }),
    seatsUsed: Type.Integer({ description: 'How many staff users are active' }),
    options: Type.Array(Type.String()),
    timezone: Type.String(),
    languages: Type.Array(Type.String()),
  },
  { description: 'The signed-in user’s account' },
);
export type AccountView = Static<typeof AccountSchema>;
