import type { LinkPurpose } from '../storage/schema.js';
import type { OutgoingMail } from './mailer.js';

const SUBJECTS: Record<LinkPurpose, string> = {
  invite: 'Welcome to #Interact: choose your password',
  reset: 'Reset your #Interact password',
  unlock: 'Your #Interact sign-in is locked',
};

const INTROS: Record<LinkPurpose, string> = {
  invite: 'An account on #Interact has been created for you. Choose your password to sign in:',
  reset: 'Someone (hopefully you) asked to reset your #Interact password. Choose a new one here:',
  unlock:
    'Your #Interact sign-in was locked after too many failed attempts. To unlock it, choose a new password here:',
};

const EPILOGUES: Record<LinkPurpose, string> = {
  invite: 'The link works once.',
  reset: 'The link works once. If you did not ask for it, ignore this mail: your password stays as it is.',
  unlock: 'The link works once. If the failed attempts were not yours, choose a strong password you use nowhere else.',
};

/** The mail that carries a set-password link. Plain text: nothing in it can run or load anything. */
export function setPasswordMail(
  purpose: LinkPurpose,
  to: { email: string; firstName: string },
  link: string,
  expiresAt: Date,
): OutgoingMail {
  return {
    to: to.email,
    subject: SUBJECTS[purpose],
    text: [
      `Hello ${to.firstName},`,
      '',
      INTROS[purpose],
      '',
      link,
      '',
      `${EPILOGUES[purpose]} It expires on ${expiresAt.toUTCString()}.`,
      '',
      '— #Interact',
    ].join('\n'),
  };
}
