import type { Permission, Session } from '../api/types.js';
import { routePath, type Route } from '../state/router.js';

/** Pages open without a session. Setting a password works signed in or not (the link decides). */
const PUBLIC_ROUTES: ReadonlySet<Route['name']> = new Set(['sign-in', 'forgot-password', 'set-password']);

/** The permission each page needs; the hub refuses the same requests anyway. */
export const ROUTE_PERMISSIONS: Partial<Record<Route['name'], Permission>> = {
  inbox: 'inbox.use',
  users: 'users.read',
};

/** What the app shows for a route and a session. */
export type Access =
  | { kind: 'show'; route: Route }
  | { kind: 'redirect'; path: string; rememberReturn?: boolean }
  | { kind: 'forbidden' };

/** The first page a user lands on: the inbox for those who work it, else users, else the overview. */
export function homePath(session: Session): string | null {
  if (session.permissions.includes('inbox.use')) return routePath({ name: 'inbox', conversationId: null });
  if (session.permissions.includes('users.read')) return routePath({ name: 'users' });
  return null;
}

export function access(route: Route, session: Session | null): Access {
  if (!session) {
    return PUBLIC_ROUTES.has(route.name) ? { kind: 'show', route } : { kind: 'redirect', path: routePath({ name: 'sign-in' }), rememberReturn: true };
  }
  if (route.name === 'sign-in' || route.name === 'forgot-password') return { kind: 'redirect', path: routePath({ name: 'home' }) };
  if (route.name === 'home') {
    const home = homePath(session);
    return home ? { kind: 'redirect', path: home } : { kind: 'show', route };
  }
  const needed = ROUTE_PERMISSIONS[route.name];
  if (needed && !session.permissions.includes(needed)) return { kind: 'forbidden' };
  return { kind: 'show', route };
}

/** The navigation links a session may see, in order. */
export function navigation(session: Session): Array<'inbox' | 'users' | 'home'> {
  const links: Array<'inbox' | 'users' | 'home'> = [];
  if (session.permissions.includes('inbox.use')) links.push('inbox');
  if (session.permissions.includes('users.read')) links.push('users');
  if (links.length === 0) links.push('home');
  return links;
}
