import { Type } from 'typebox';
import { AccountSchema } from '../accounts/accounts-schemas.js';
import { Email, Language, Name } from '../http/common-schemas.js';
import { PASSWORD_MAX_LENGTH } from '../security/passwords.js';
import { UserSchema } from '../users/users-schemas.js';

const AccountSlug = Type.String({
  minLength: 1,
  maxLength: 64,
  description: 'The account’s short name; needed only when the e-mail address is in several accounts',
});

// Length rules for new passwords are checked by the service, which explains them; the schema only
// bounds the size of what is hashed.
const Password = Type.String({ minLength: 1, maxLength: PASSWORD_MAX_LENGTH * 4 });
const LinkToken = Type.String({ minLength: 16, maxLength: 128 });

export const SignInBody = Type.Object(
  {
    email: Type.String({ minLength: 1, maxLength: 254 }),
    password: Password,
    account: Type.Optional(AccountSlug),
    /** `token` also returns the session token in the body, for API clients that do not keep cookies. */
    mode: Type.Optional(Type.Union([Type.Literal('cookie'), Type.Literal('token')])),
  },
  { additionalProperties: false },
);

export const SessionResponse = Type.Object({
  user: UserSchema,
  account: AccountSchema,
  permissions: Type.Array(Type.String()),
  token: Type.Optional(Type.String({ description: 'Only with mode "token": send as `Authorization: Bearer`' })),
});

export const SignOutQuery = Type.Object(
  { everywhere: Type.Boolean({ default: false, description: 'Also end every other session of this user' }) },
  { additionalProperties: false },
);

export const ForgotPasswordBody = Type.Object(
  { email: Email, account: Type.Optional(AccountSlug) },
  { additionalProperties: false },
);

export const AcceptedResponse = Type.Object({ message: Type.String() });

export const LinkBody = Type.Object({ token: LinkToken }, { additionalProperties: false });

export const LinkInfo = Type.Object({
  purpose: Type.Union([Type.Literal('invite'), Type.Literal('reset'), Type.Literal('unlock')]),
  firstName: Type.String(),
  email: Type.String(),
});

export const SetPasswordBody = Type.Object({ token: LinkToken, password: Password }, { additionalProperties: false });

export const ChangePasswordBody = Type.Object(
  { currentPassword: Password, newPassword: Password },
  { additionalProperties: false },
);

/** What staff may change about themselves; role, e-mail and active flag are for administrators. */
export const UpdateMeBody = Type.Object(
  { firstName: Type.Optional(Name), lastName: Type.Optional(Name), nativeLanguage: Type.Optional(Language) },
  { additionalProperties: false, minProperties: 1 },
);
