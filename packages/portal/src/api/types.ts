import type { ChatMessage, ConversationState } from '@interact/sdk';

/**
 * The hub's HTTP API as the portal uses it. The hub derives its own types from its schemas; these
 * mirror the answers the portal reads (the hub is the authority, the portal never trusts more).
 */

export const ROLES = ['administrator', 'supervisor', 'agent', 'analyst'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = ['account.read', 'users.read', 'users.manage', 'channels.manage', 'inbox.use', 'conversations.all'] as const;
export type Permission = (typeof PERMISSIONS)[number];

export interface User {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  role: Role;
  /** BCP 47 tag such as "en", "fr" or "nl-BE". */
  nativeLanguage: string;
  active: boolean;
  locked: boolean;
  hasPassword: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface Account {
  id: string;
  slug: string;
  name: string;
  plan: string;
  seatCount: number;
  seatsUsed: number;
  options: string[];
  timezone: string;
  languages: string[];
}

export interface Session {
  user: User;
  account: Account;
  permissions: Permission[];
}

export interface SignInBody {
  email: string;
  password: string;
  /** The account's short name, only when the hub asked for it (`account_required`). */
  account?: string;
}

export type LinkPurpose = 'invite' | 'reset' | 'unlock';

export interface LinkInfo {
  purpose: LinkPurpose;
  firstName: string;
  email: string;
}

export const USER_SORT_FIELDS = ['firstName', 'lastName', 'email', 'role', 'nativeLanguage'] as const;
export type UserSortField = (typeof USER_SORT_FIELDS)[number];
export type SortOrder = 'asc' | 'desc';

export interface UserQuery {
  search: string;
  sort: UserSortField;
  order: SortOrder;
  page: number;
  pageSize: number;
}

export interface UserList {
  items: User[];
  total: number;
  page: number;
  pageSize: number;
}

export interface UserInput {
  firstName: string;
  lastName: string;
  email: string;
  role: Role;
  nativeLanguage: string;
  active?: boolean;
}

/** A colleague one can transfer a conversation to. */
export interface StaffMember {
  id: string;
  firstName: string;
  lastName: string;
  role: Role;
  online: boolean;
}

export const VISITOR_FIELDS = ['firstName', 'lastName', 'email', 'birthDate', 'phone', 'mobile'] as const;
export type VisitorField = (typeof VISITOR_FIELDS)[number];

export type VisitorFields = Record<VisitorField, string | null>;

export interface Visitor extends VisitorFields {
  id: string;
  channelId: string;
  channelName: string;
  verified: boolean;
  online: boolean;
  createdAt: string;
}

export interface VisitorNote {
  id: string;
  text: string;
  author: { id: string; name: string };
  createdAt: string;
}

export interface VisitorConversation {
  id: string;
  state: ConversationState;
  createdAt: string;
  closedAt: string | null;
  assignee: { id: string; name: string } | null;
  messageCount: number;
  lastMessage: { text: string; createdAt: string } | null;
}

export interface MessagePage {
  messages: ChatMessage[];
}
