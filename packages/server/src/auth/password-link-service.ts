import type { FastifyBaseLogger } from 'fastify';
import type { Mailer } from '../mail/mailer.js';
import { setPasswordMail } from '../mail/templates.js';
import { hashLinkToken, newLinkToken } from '../security/link-tokens.js';
import type { LinkPurpose, UserRow } from '../storage/schema.js';
import type { PasswordLinksRepository } from './password-links-repository.js';

/** Invitations stay valid longer than reset and unlock links: people start jobs on Mondays. */
const INVITE_TTL_SECONDS = 7 * 24 * 3600;

export interface IssuedLink {
  url: string;
  expiresAt: Date;
}

export function passwordLinkService(deps: {
  links: PasswordLinksRepository;
  mailer: Mailer;
  publicUrl: string;
  resetTtlSeconds: number;
  log: FastifyBaseLogger;
}) {
  const inFlight = new Set<Promise<void>>();
  return {
    /** Creates a single-use set-password link (superseding older ones) and mails it. */
    async issue(user: UserRow, purpose: LinkPurpose): Promise<IssuedLink> {
      const token = newLinkToken();
      const ttl = purpose === 'invite' ? INVITE_TTL_SECONDS : deps.resetTtlSeconds;
      const expiresAt = new Date(Date.now() + ttl * 1000);
      await deps.links.create({
        accountId: user.accountId,
        userId: user.id,
        purpose,
        tokenHash: hashLinkToken(token),
        expiresAt,
      });
      // The token travels in the fragment: browsers never send it to a server or in a Referer.
      const url = `${deps.publicUrl}/portal/set-password#token=${token}`;
      await deps.mailer.send(setPasswordMail(purpose, user, url, expiresAt));
      return { url, expiresAt };
    },

    /** Same as issue, without making the caller wait for the mail server (and so without timing hints). */
    issueInBackground(user: UserRow, purpose: LinkPurpose): void {
      const sending = this.issue(user, purpose)
        .then(() => undefined)
        .catch((error: unknown) =>
          deps.log.error({ err: error, userId: user.id, purpose }, 'could not send the set-password link'),
        )
        .finally(() => inFlight.delete(sending));
      inFlight.add(sending);
    },

    /** Waits for mails still being sent, so a shutdown does not lose an invitation. */
    async settle(): Promise<void> {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
  };
}

export type PasswordLinkService = ReturnType<typeof passwordLinkService>;
