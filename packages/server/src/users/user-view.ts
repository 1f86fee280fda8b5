import type { UserRow } from '../storage/schema.js';
import { MAX_FAILED_SIGN_INS } from './users-repository.js';
import type { UserView } from './users-schemas.js';

/** What the API shows of a user: never the password hash or token version. */
export function toUserView(user: UserRow): UserView {
  return {
    id: user.id,
    firstName: user.firstName,
    lastName: user.lastName,
    email: user.email,
    role: user.role,
    nativeLanguage: user.nativeLanguage,
    active: user.active,
    locked: user.failedSignIns >= MAX_FAILED_SIGN_INS,
    hasPassword: user.passwordHash !== null,
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
  };
}
