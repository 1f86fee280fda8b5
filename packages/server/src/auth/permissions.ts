import type { Role } from '../storage/schema.js';

/**
 * What each role may do. This table is the only place that grants rights: every API route names
 * one permission (or says it is public / needs only a session), and the auth plugin checks it.
 * New features add rows here.
 */
export const PERMISSIONS = {
  /** See the account's own settings, seat count and usage. */
  'account.read': ['administrator', 'supervisor', 'agent', 'analyst'],
  /** List, search and read staff users. */
  'users.read': ['administrator'],
  /** Create, change, deactivate and delete staff users. */
  'users.manage': ['administrator'],
  /** Create and configure channels (web chat keys, allowed origins, away message, appearance). */
  'channels.manage': ['administrator'],
  /** Work the inbox: see the queue, take, answer and close conversations. */
  'inbox.use': ['administrator', 'supervisor', 'agent'],
  /** See and act on every open conversation of the account, not only the queue and one's own. */
  'conversations.all': ['administrator', 'supervisor'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

/** How a route is protected: open to anyone, any signed-in staff user, or a permission. */
export type Access = 'public' | 'signed-in' | Permission;

export function roleMay(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

export function permissionsOf(role: Role): Permission[] {
  return (Object.keys(PERMISSIONS) as Permission[]).filter((p) => roleMay(role, p));
}
