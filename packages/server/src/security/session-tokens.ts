import { randomUUID } from 'node:crypto';
import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';

/**
 * Staff session tokens: HS256 JWTs with their own `typ`, issuer and audience, so no other token
 * the hub signs (or ever will, such as visitor tokens) can pass for one.
 */
export const SESSION_TOKEN = {
  typ: 'interact-staff-session+jwt',
  issuer: 'interact-hub',
  audience: 'interact:staff',
  algorithms: ['HS256'],
} as const;

export interface SessionClaims {
  userId: string;
  accountId: string;
  /** The user's token version when signed; a bump ends the session. */
  version: number;
}

/** A verified session: its claims, its own id (for sign-out) and when it expires. */
export interface VerifiedSession extends SessionClaims {
  sessionId: string;
  expiresAt: Date;
}

export async function signSessionToken(claims: SessionClaims, secret: Uint8Array, ttlSeconds: number): Promise<string> {
  return new SignJWT({ acc: claims.accountId, ver: claims.version })
    .setProtectedHeader({ alg: 'HS256', typ: SESSION_TOKEN.typ })
    .setSubject(claims.userId)
    .setIssuer(SESSION_TOKEN.issuer)
    .setAudience(SESSION_TOKEN.audience)
    .setIssuedAt()
    .setJti(randomUUID())
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(secret);
}

/** The claims of a valid session token, or null for anything forged, altered, expired or of another kind. */
export async function verifySessionToken(token: string, secret: Uint8Array): Promise<VerifiedSession | null> {
  try {
    const { payload } = await jwtVerify(token, secret, {
      algorithms: [...SESSION_TOKEN.algorithms],
      issuer: SESSION_TOKEN.issuer,
      audience: SESSION_TOKEN.audience,
      typ: SESSION_TOKEN.typ,
      requiredClaims: ['sub', 'exp', 'iat', 'jti'],
    });
    if (typeof payload.sub !== 'string' || typeof payload.acc !== 'string' || typeof payload.ver !== 'number') {
      return null;
    }
    return {
      userId: payload.sub,
      accountId: payload.acc,
      version: payload.ver,
      sessionId: payload.jti!,
      expiresAt: new Date(payload.exp! * 1000),
    };
  } catch (error) {
    if (error instanceof joseErrors.JOSEError) return null;
    throw error;
  }
}
