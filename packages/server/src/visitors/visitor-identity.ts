import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** A new visitor token: 256 random bits, kept by the visitor's browser; the hub stores its hash. */
export function newVisitorToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashVisitorToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/** The userHash a site's backend computes: HMAC-SHA256(channel identity secret, user id or e-mail), hex. */
export function identityHash(secret: string, subject: string): string {
  return createHmac('sha256', secret).update(subject).digest('hex');
}

/** Constant-time check of a userHash sent by the page. */
export function identityVerified(secret: string, subject: string, userHash: string): boolean {
  const expected = Buffer.from(identityHash(secret, subject), 'hex');
  const given = Buffer.from(userHash.toLowerCase(), 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
