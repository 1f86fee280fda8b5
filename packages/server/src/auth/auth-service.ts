import type { AccountsRepository } from '../accounts/accounts-repository.js';
import { AppError } from '../errors/catalogue.js';
import { hashLinkToken } from '../security/link-tokens.js';
import { hashPassword, passwordProblem, verifyAgainstDecoy, verifyPassword } from '../security/passwords.js';
import { signSessionToken } from '../security/session-tokens.js';
import type { UserRow } from '../storage/schema.js';
import { emailKey, MAX_FAILED_SIGN_INS, type UsersRepository } from '../users/users-repository.js';
import type { PasswordLinkService } from './password-link-service.js';
import type { PasswordLinksRepository } from './password-links-repository.js';
import { UnknownAddressAttempts } from './unknown-address-attempts.js';

export interface SignedIn {
  user: UserRow;
  token: string;
}

export interface AuthServiceDeps {
  users: UsersRepository;
  accounts: AccountsRepository;
  links: PasswordLinksRepository;
  linkService: PasswordLinkService;
  sessionSecret: Uint8Array;
  sessionTtlSeconds: number;
  scryptLogN: number;
}

/**
 * Sign-in, lockout and set-password links. Answers and timing are the same whether or not an
 * e-mail address has a user: unknown addresses cost a decoy scrypt run and lock like real ones.
 */
export function authService(deps: AuthServiceDeps) {
  const unknownAddresses = new UnknownAddressAttempts(MAX_FAILED_SIGN_INS);

  async function accountIdFor(slug: string | undefined): Promise<string | undefined | null> {
    if (!slug) return undefined;
    return (await deps.accounts.findBySlug(slug))?.id ?? null;
  }

  /** Active user in an active account: the only ones whose sign-ins and links work. */
  async function isActive(user: UserRow): Promise<boolean> {
    return user.active && (await deps.accounts.findById(user.accountId))?.active === true;
  }

  async function canSignIn(user: UserRow): Promise<boolean> {
    return user.passwordHash !== null && (await isActive(user));
  }

  async function session(user: UserRow): Promise<SignedIn> {
    const token = await signSessionToken(
      { userId: user.id, accountId: user.accountId, version: user.tokenVersion },
      deps.sessionSecret,
      deps.sessionTtlSeconds,
    );
    return { user, token };
  }

  function checkNewPassword(password: string): void {
    const problem = passwordProblem(password);
    if (problem) throw new AppError('weak_password', problem);
  }

  return {
    async signIn(input: { email: string; password: string; account?: string }): Promise<SignedIn> {
      const accountId = await accountIdFor(input.account);
      const candidates = accountId === null ? [] : await deps.users.findForSignIn(input.email, accountId);
      if (candidates.length > 1) throw new AppError('account_required');
      const user = candidates[0];

      if (!user || !(await canSignIn(user))) {
        const attempt = unknownAddresses.claim(`${input.account ?? ''}\n${emailKey(input.email)}`);
        await verifyAgainstDecoy(input.password, deps.scryptLogN);
        throw new AppError(attempt === null || attempt >= MAX_FAILED_SIGN_INS ? 'account_locked' : 'invalid_credentials');
      }

      const attempt = await deps.users.claimSignInAttempt(user.id);
      if (attempt === null) {
        await verifyAgainstDecoy(input.password, deps.scryptLogN);
        throw new AppError('account_locked');
      }
      if (await verifyPassword(input.password, user.passwordHash!)) {
        await deps.users.clearFailedSignIns(user.id);
        return session(user);
      }
      if (attempt >= MAX_FAILED_SIGN_INS) {
        deps.linkService.issueInBackground(user, 'unlock');
        throw new AppError('account_locked');
      }
      throw new AppError('invalid_credentials');
    },

    /** "Forgot password": mails a link to every active user with this address; answers nothing about them. */
    async requestPasswordReset(input: { email: string; account?: string }): Promise<void> {
      const accountId = await accountIdFor(input.account);
      if (accountId === null) return;
      for (const user of await deps.users.findForSignIn(input.email, accountId)) {
        if (!(await isActive(user))) continue;
        const purpose = !user.passwordHash ? 'invite' : user.failedSignIns >= MAX_FAILED_SIGN_INS ? 'unlock' : 'reset';
        deps.linkService.issueInBackground(user, purpose);
      }
    },

    /** What a set-password link is for, so the page can greet the person; null when it no longer works. */
    async inspectLink(token: string): Promise<{ purpose: string; user: UserRow } | null> {
      const link = await deps.links.findLive(hashLinkToken(token));
      if (!link) return null;
      const user = await deps.users.get(link.accountId, link.userId);
      return user && (await isActive(user)) ? { purpose: link.purpose, user } : null;
    },

    /** Sets a new password through a mailed link, which unlocks the user, then signs them in. */
    async setPasswordWithLink(token: string, password: string): Promise<SignedIn> {
      // The password is checked first, so a refused password does not use the link up.
      checkNewPassword(password);
      const tokenHash = hashLinkToken(token);
      const live = await deps.links.findLive(tokenHash);
      const owner = live && (await deps.users.get(live.accountId, live.userId));
      // A link mailed before its user or account was deactivated must not change the password any more.
      if (!owner || !(await isActive(owner))) throw new AppError('invalid_link');
      const passwordHash = await hashPassword(password, deps.scryptLogN);
      const link = await deps.links.consume(tokenHash);
      if (!link) throw new AppError('invalid_link');
      const user = await deps.users.setPassword(link.accountId, link.userId, passwordHash);
      if (!user) throw new AppError('invalid_link');
      return session(user);
    },

    /**
     * Changes the signed-in user's password; every other session of theirs ends. A wrong current
     * password counts as a failed sign-in: otherwise whoever holds a session (an unattended browser,
     * a stolen cookie) could guess the password here without ever being locked out.
     */
    async changePassword(user: UserRow, current: string, next: string): Promise<SignedIn> {
      const attempt = await deps.users.claimSignInAttempt(user.id);
      if (attempt === null) {
        await verifyAgainstDecoy(current, deps.scryptLogN);
        throw new AppError('account_locked');
      }
      if (!user.passwordHash || !(await verifyPassword(current, user.passwordHash))) {
        if (attempt >= MAX_FAILED_SIGN_INS) {
          deps.linkService.issueInBackground(user, 'unlock');
          throw new AppError('account_locked');
        }
        throw new AppError('wrong_password');
      }
      await deps.users.clearFailedSignIns(user.id);
      checkNewPassword(next);
      const updated = await deps.users.setPassword(user.accountId, user.id, await hashPassword(next, deps.scryptLogN));
      if (!updated) throw new AppError('user_not_found');
      return session(updated);
    },

    async signOutEverywhere(user: UserRow): Promise<void> {
      await deps.users.revokeSessions(user.accountId, user.id);
    },
  };
}

export type AuthService = ReturnType<typeof authService>;
