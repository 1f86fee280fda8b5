import type { Author, ChatMessage, ConversationState } from './messages.js';
import type { ErrorFrame } from './errors.js';

/**
 * The visitor socket: `GET /ws/visitor?key=<channel public key>`, one per page. The Origin header must
 * be one of the channel's allowed origins. The first frame from the client is `hello`.
 */

/** What a visitor tells about themself; every field optional, validated by the hub. */
export interface VisitorProfile {
  firstName?: string;
  lastName?: string;
  email?: string;
  phone?: string;
  mobile?: string;
  /** YYYY-MM-DD */
  birthDate?: string;
  /** The site's own id for this person; the value its `userHash` is computed over (else the e-mail). */
  userId?: string;
}

export interface VisitorHello {
  type: 'hello';
  /** Token from an earlier `visitor` frame; absent for a visitor who never wrote. */
  visitorToken?: string;
  /** The conversation the client shows, and the last seq it saw of it: the hub replays what is newer. */
  conversationId?: string;
  lastSeq?: number;
  /** BCP 47 language of the page or the visitor's choice. */
  locale?: string;
}

export interface VisitorSend {
  type: 'send';
  /** Chosen by the client, unique per message; a resend with the same id is stored once. */
  clientMsgId: string;
  text: string;
}

export interface VisitorTyping {
  type: 'typing';
  typing: boolean;
}

export interface VisitorRead {
  type: 'read';
  /** Everything up to this seq of the current conversation has been seen. */
  seq: number;
}

export interface VisitorIdentify {
  type: 'identify';
  profile: VisitorProfile;
  /** HMAC-SHA256(channel secret, userId or e-mail), hex, computed by the site's backend. */
  userHash?: string;
}

export type VisitorClientFrame = VisitorHello | VisitorSend | VisitorTyping | VisitorRead | VisitorIdentify;

/** How the channel looks and greets; set by the account's administrators. */
export interface ChannelAppearance {
  name: string;
  greeting: string;
  /** CSS colour of the launcher and the visitor's bubbles. */
  color: string;
  position: 'bottom-right' | 'bottom-left';
}

export interface Availability {
  /** `away`: nobody can answer now (no staff online, or outside office hours). */
  status: 'online' | 'away';
  /** The channel's away message while away. */
  awayMessage?: string;
}

export interface ConversationInfo {
  id: string;
  state: ConversationState;
  /** Highest seq stored in the conversation. */
  lastSeq: number;
  /** Highest seq staff have read. */
  readSeq: number;
}

export interface VisitorInfo {
  id: string;
  verified: boolean;
  profile: VisitorProfile;
}

export interface VisitorWelcome {
  type: 'welcome';
  channel: ChannelAppearance;
  availability: Availability;
  /** Null until the visitor first writes or identifies. */
  visitor: VisitorInfo | null;
  /** The visitor's latest conversation on this channel, if any; its missed messages follow. */
  conversation: ConversationInfo | null;
}

/** Who the hub knows the visitor as: after their first message, and after each identify. */
export interface VisitorSessionFrame {
  type: 'visitor';
  /** Only when the hub has just created the visitor: keep it to come back as the same visitor. */
  visitorToken?: string;
  visitor: VisitorInfo;
}

/** The answer to `send`, only after the message is committed. */
export interface AckFrame {
  type: 'ack';
  clientMsgId: string;
  id: string;
  seq: number;
  conversationId: string;
  createdAt: string;
}

export interface MessageFrame {
  type: 'message';
  message: ChatMessage;
}

export interface TypingFrame {
  type: 'typing';
  conversationId: string;
  author: Author;
  typing: boolean;
}

export interface ReadFrame {
  type: 'read';
  conversationId: string;
  /** Who read: staff (seen by the visitor) or the visitor (seen by staff). */
  by: 'staff' | 'visitor';
  seq: number;
}

export interface ConversationStateFrame {
  type: 'conversation';
  conversation: ConversationInfo;
}

export interface AvailabilityFrame {
  type: 'availability';
  availability: Availability;
}

export type VisitorServerFrame =
  | VisitorWelcome
  | VisitorSessionFrame
  | AckFrame
  | MessageFrame
  | TypingFrame
  | ReadFrame
  | ConversationStateFrame
  | AvailabilityFrame
  | ErrorFrame;
