import type { AuthApi } from '../api/auth-api.js';
import { ApiError } from '../api/http.js';
import type { Permission, Session, SignInBody } from '../api/types.js';
import { Store } from './store.js';

export type SessionState =
  | { status: 'loading' }
  /** `expired`: the hub ended the session while the portal was open. */
  | { status: 'signed-out'; reason: 'initial' | 'signed-out' | 'expired' }
  | { status: 'signed-in'; session: Session }
  /** The hub could not be asked (network, 5xx): the portal offers to try again. */
  | { status: 'unreachable'; error: ApiError };

/**
 * Who is signed in. The session itself is the hub's httpOnly cookie; this store only knows what
 * the hub said about it, asks again after a reload (`load`), and forgets it on sign-out.
 */
export class SessionStore extends Store<SessionState> {
  readonly #auth: AuthApi;

  constructor(auth: AuthApi) {
    super({ status: 'loading' });
    this.#auth = auth;
  }

  get session(): Session | null {
    return this.value.status === 'signed-in' ? this.value.session : null;
  }

  may(permission: Permission): boolean {
    return this.session?.permissions.includes(permission) ?? false;
  }

  async load(): Promise<void> {
    this.set({ status: 'loading' });
    try {
      this.set({ status: 'signed-in', session: await this.#auth.session() });
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) this.set({ status: 'signed-out', reason: 'initial' });
      else this.set({ status: 'unreachable', error: error instanceof ApiError ? error : new ApiError(0, 'network', String(error)) });
    }
  }

  /** Throws the hub's ApiError (invalid_credentials, account_locked, account_required, …). */
  async signIn(body: SignInBody): Promise<Session> {
    const session = await this.#auth.signIn(body);
    this.set({ status: 'signed-in', session });
    return session;
  }

  /** A session that came from elsewhere (setting a password signs in). */
  adopt(session: Session): void {
    this.set({ status: 'signed-in', session });
  }

  async signOut(everywhere = false): Promise<void> {
    try {
      await this.#auth.signOut(everywhere);
    } finally {
      // Even when the hub cannot be reached, this tab forgets the session; the cookie then fails later.
      this.set({ status: 'signed-out', reason: 'signed-out' });
    }
  }

  /** Asks the hub whether the session still holds (after the live connection dropped); ends it if not. */
  async verify(): Promise<void> {
    if (this.value.status !== 'signed-in') return;
    try {
      const session = await this.#auth.session();
      if (this.value.status === 'signed-in') this.set({ status: 'signed-in', session });
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) this.expired();
    }
  }

  /** The hub answered 401 to a request made with the session. */
  expired(): void {
    if (this.value.status === 'signed-in') this.set({ status: 'signed-out', reason: 'expired' });
  }
}
