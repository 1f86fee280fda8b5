import type { Http } from './http.js';
import type { LinkInfo, Session, SignInBody } from './types.js';

/** Sign-in, the session, sign-out and the e-mailed password links. */
export class AuthApi {
  constructor(private readonly http: Http) {}

  signIn(body: SignInBody): Promise<Session> {
    return this.http.post<Session>('/auth/sign-in', body, { expectUnauthorized: true });
  }

  /** The current session, or an ApiError 401 when the cookie is missing or no longer valid. */
  session(): Promise<Session> {
    return this.http.get<Session>('/auth/session', { expectUnauthorized: true });
  }

  signOut(everywhere = false): Promise<void> {
    return this.http.post<void>(everywhere ? '/auth/sign-out?everywhere=true' : '/auth/sign-out', undefined, { expectUnauthorized: true });
  }

  forgotPassword(email: string): Promise<{ message: string }> {
    return this.http.post<{ message: string }>('/auth/forgot-password', { email });
  }

  inspectLink(token: string): Promise<LinkInfo> {
    return this.http.post<LinkInfo>('/auth/password-links/inspect', { token });
  }

  setPassword(token: string, password: string): Promise<Session> {
    return this.http.post<Session>('/auth/set-password', { token, password });
  }
}
