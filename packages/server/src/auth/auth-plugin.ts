import fp from 'fastify-plugin';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors/catalogue.js';
import { verifySessionToken } from '../security/session-tokens.js';
import type { AccountRow, UserRow } from '../storage/schema.js';
import { authService, type AuthService, type SignedIn } from './auth-service.js';
import { endedSessionsRepository } from './ended-sessions-repository.js';
import { passwordLinkService, type PasswordLinkService } from './password-link-service.js';
import { passwordLinksRepository } from './password-links-repository.js';
import { roleMay, type Access } from './permissions.js';
import { clearSessionCookie, sessionTokenOf, setSessionCookie } from './session-cookie.js';

export interface StaffSession {
  user: UserRow;
  account: AccountRow;
  /** The session token's id and expiry, so sign-out can end exactly this session. */
  sessionId: string;
  expiresAt: Date;
}

declare module 'fastify' {
  interface FastifyInstance {
    auth: AuthService;
    passwordLinks: PasswordLinkService;
    /** The staff session a token stands for, or null when it is invalid, expired or revoked. */
    resolveSession(token: string | undefined): Promise<StaffSession | null>;
    /** Ends one session before it expires (sign-out): its token is refused from now on. */
    revokeSession(session: StaffSession): Promise<void>;
  }
  interface FastifyRequest {
    /** Set on routes that need a session; always present there. */
    staff: StaffSession;
  }
  interface FastifyReply {
    startSession(signedIn: SignedIn): void;
    endSession(): void;
  }
  interface FastifyContextConfig {
    /** Who may call the route; every route under /api/ must say. */
    access?: Access;
  }
}

/**
 * Authentication and authorisation for every API route. A route declares `config.access`; a route
 * under /api/ that does not is refused at start-up, so no route is left open by omission.
 */
export default fp(
  async (app) => {
    const { config, secrets } = app;
    const secure = config.publicUrl.startsWith('https://');
    const links = passwordLinksRepository(app.storage);
    const linkService = passwordLinkService({
      links,
      mailer: app.mailer,
      publicUrl: config.publicUrl,
      resetTtlSeconds: config.security.resetLinkTtlSeconds,
      log: app.log,
    });
    app.decorate('passwordLinks', linkService);
    app.addHook('onClose', () => linkService.settle());
    app.decorate(
      'auth',
      authService({
        users: app.users,
        accounts: app.accounts,
        links,
        linkService,
        sessionSecret: secrets.sessionSecret,
        sessionTtlSeconds: config.security.sessionTtlSeconds,
        scryptLogN: config.security.scryptLogN,
      }),
    );

    const ended = endedSessionsRepository(app.storage);
    app.decorate('revokeSession', (session: StaffSession) =>
      ended.end({ sessionId: session.sessionId, userId: session.user.id, expiresAt: session.expiresAt }),
    );
    app.decorate('resolveSession', async (token: string | undefined): Promise<StaffSession | null> => {
      if (!token) return null;
      const claims = await verifySessionToken(token, secrets.sessionSecret);
      if (!claims || (await ended.isEnded(claims.sessionId))) return null;
      const user = await app.users.get(claims.accountId, claims.userId);
      if (!user || !user.active || user.tokenVersion !== claims.version) return null;
      const account = await app.accounts.findById(user.accountId);
      if (!account?.active) return null;
      return { user, account, sessionId: claims.sessionId, expiresAt: claims.expiresAt };
    });

    app.decorateRequest('staff', null as unknown as StaffSession);
    app.decorateReply('startSession', function (this: FastifyReply, signedIn: SignedIn) {
      setSessionCookie(this, signedIn.token, { secure, maxAgeSeconds: config.security.sessionTtlSeconds });
    });
    app.decorateReply('endSession', function (this: FastifyReply) {
      clearSessionCookie(this, { secure });
    });

    async function authorise(request: FastifyRequest) {
      const access = request.routeOptions.config.access;
      if (access === 'public') return;
      const session = await app.resolveSession(sessionTokenOf(request));
      if (!session) throw new AppError('unauthenticated');
      request.staff = session;
      if (access !== 'signed-in' && access !== undefined && !roleMay(session.user.role, access)) {
        throw new AppError('forbidden');
      }
    }

    app.addHook('onRoute', (route) => {
      if (!route.url.startsWith('/api/') || route.url.startsWith('/api/docs') || route.url === '/api/openapi.json') return;
      const access = (route.config as { access?: Access } | undefined)?.access;
      if (!access) throw new Error(`route ${route.method} ${route.url} must declare config.access`);
      if (access === 'public') return;
      // Before validation: a caller without the right learns nothing about what a valid body looks like.
      const existing = route.preValidation;
      route.preValidation = [authorise, ...(existing ? (Array.isArray(existing) ? existing : [existing]) : [])];
    });
  },
  { name: 'auth', dependencies: ['config', 'storage', 'users', 'accounts', 'mail'] },
);
