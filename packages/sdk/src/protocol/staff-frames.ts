import type { Author, ChatMessage, ConversationState } from './messages.js';
import type { AckFrame, ErrorFrame, ReadFrame, TypingFrame } from './index.js';

/**
 * The staff socket: `GET /ws/staff`. Browsers are authenticated by the portal's session cookie
 * (and the Origin must be the hub's); other clients send their session token in `hello`.
 * Frames that ask for something carry a `ref`, echoed by the `done` or `error` that answers them.
 */

export interface StaffHello {
  type: 'hello';
  /** Session token from sign-in with mode "token"; not needed when the session cookie is sent. */
  token?: string;
}

interface Request {
  /** Client-chosen id echoed in the answer. */
  ref?: string;
}

export interface StaffTake extends Request {
  type: 'take';
  conversationId: string;
}

export interface StaffSend {
  type: 'send';
  conversationId: string;
  clientMsgId: string;
  text: string;
}

export interface StaffTyping {
  type: 'typing';
  conversationId: string;
  typing: boolean;
}

export interface StaffRead {
  type: 'read';
  conversationId: string;
  seq: number;
}

export interface StaffClose extends Request {
  type: 'close';
  conversationId: string;
}

/**
 * Hands an open conversation to another staff member (transfer, or dispatch of a queued one).
 * Allowed to its current assignee and to anyone who may act on every conversation; the target must
 * be an active staff member of the account who works the inbox.
 */
export interface StaffAssign extends Request {
  type: 'assign';
  conversationId: string;
  userId: string;
}

/** Asks for the messages of a conversation after `afterSeq` (0: all); they arrive as `message` frames, then `done`. */
export interface StaffHistory extends Request {
  type: 'history';
  conversationId: string;
  afterSeq: number;
}

export type StaffClientFrame =
  | StaffHello
  | StaffTake
  | StaffSend
  | StaffTyping
  | StaffRead
  | StaffClose
  | StaffAssign
  | StaffHistory;

/** A conversation as the inbox lists it. */
export interface ConversationSummary {
  id: string;
  channel: { id: string; name: string };
  state: ConversationState;
  visitor: { id: string; name: string; email?: string; verified: boolean; online: boolean };
  assignee: { id: string; name: string } | null;
  lastMessage: { text: string; author: Author; createdAt: string } | null;
  lastSeq: number;
  /** Highest seq the visitor has read. */
  visitorReadSeq: number;
  createdAt: string;
  /** When it entered the queue: the inbox shows the waiting time from here. */
  queuedAt: string | null;
}

export interface StaffWelcome {
  type: 'welcome';
  user: { id: string; firstName: string; lastName: string; role: string };
  /** Every open conversation this user may see: the queue, their own, and all open ones for supervisors. */
  conversations: ConversationSummary[];
}

/** A conversation appeared or changed (new, new message, taken, closed, …). */
export interface ConversationUpdateFrame {
  type: 'conversation';
  conversation: ConversationSummary;
}

/** A conversation is no longer visible to this user (taken by someone else, closed, …). */
export interface ConversationRemovedFrame {
  type: 'conversation-removed';
  conversationId: string;
  reason: 'taken' | 'closed' | 'transferred';
}

export interface StaffMessageFrame {
  type: 'message';
  message: ChatMessage;
}

export interface VisitorPresenceFrame {
  type: 'visitor-presence';
  conversationId: string;
  online: boolean;
}

/** A request with a `ref` succeeded. */
export interface DoneFrame {
  type: 'done';
  ref: string;
}

export type StaffErrorFrame = ErrorFrame & { ref?: string };

export type StaffServerFrame =
  | StaffWelcome
  | ConversationUpdateFrame
  | ConversationRemovedFrame
  | StaffMessageFrame
  | AckFrame
  | TypingFrame
  | ReadFrame
  | VisitorPresenceFrame
  | DoneFrame
  | StaffErrorFrame;
