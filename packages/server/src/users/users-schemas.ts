import { Type, type Static } from 'typebox';
import { Email, Id, Language, Name, Timestamp } from '../http/common-schemas.js';
import { ROLES } from '../storage/schema.js';
import { INBOX_ROLES, USER_SORT_FIELDS } from './users-repository.js';

export const RoleSchema = Type.Enum(ROLES, { description: 'administrator, supervisor, agent or analyst' });

export const UserSchema = Type.Object(
  {
    id: Id,
    firstName: Type.String(),
    lastName: Type.String(),
    email: Type.String(),
    role: RoleSchema,
    nativeLanguage: Type.String(),
    active: Type.Boolean(),
    /** True after too many failed sign-ins, until a new password is set. */
    locked: Type.Boolean(),
    /** False until the user has chosen a password through the invitation link. */
    hasPassword: Type.Boolean(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { description: 'A staff user' },
);
export type UserView = Static<typeof UserSchema>;

export const UserParams = Type.Object({ id: Id }, { additionalProperties: false });

export const UserListQuery = Type.Object(
  {
    search: Type.Optional(Type.String({ maxLength: 100, description: 'Part of a first name, last name or e-mail' })),
    sort: Type.Enum(USER_SORT_FIELDS, { default: 'lastName' }),
    order: Type.Union([Type.Literal('asc'), Type.Literal('desc')], { default: 'asc' }),
    page: Type.Integer({ minimum: 1, default: 1 }),
    pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 25 }),
  },
  { additionalProperties: false },
);

export const UserList = Type.Object({
  items: Type.Array(UserSchema),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
});

export const CreateUserBody = Type.Object(
  {
    firstName: Name,
    lastName: Name,
    email: Email,
    role: RoleSchema,
    nativeLanguage: Language,
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const UpdateUserBody = Type.Object(
  {
    firstName: Type.Optional(Name),
    lastName: Type.Optional(Name),
    email: Type.Optional(Email),
    role: Type.Optional(RoleSchema),
    nativeLanguage: Type.Optional(Language),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);

/** A colleague as the inbox shows them, for instance to pick whom to transfer a conversation to. */
export const StaffMemberSchema = Type.Object(
  {
    id: Id,
    firstName: Type.String(),
    lastName: Type.String(),
    role: Type.Enum(INBOX_ROLES, { description: 'administrator, supervisor or agent' }),
    online: Type.Boolean({ description: 'Has the portal (a staff socket) open right now' }),
  },
  { description: 'A staff member who works the inbox' },
);
export type StaffMemberView = Static<typeof StaffMemberSchema>;
