import type { FastifyReply, FastifyRequest } from 'fastify';

export const SESSION_COOKIE = 'interact_session';

/** Where a request's staff session token comes from: the portal's cookie, or a Bearer header for API clients. */
export function sessionTokenOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length).trim() || undefined;
  return request.cookies[SESSION_COOKIE] || undefined;
}

export function setSessionCookie(reply: FastifyReply, token: string, options: { secure: boolean; maxAgeSeconds: number }) {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    secure: options.secure,
    sameSite: 'strict',
    path: '/',
    maxAge: options.maxAgeSeconds,
  });
}

export function clearSessionCookie(reply: FastifyReply, options: { secure: boolean }) {
  reply.clearCookie(SESSION_COOKIE, { httpOnly: true, secure: options.secure, sameSite: 'strict', path: '/' });
}
