export { LIMITS, CLOSE_CODES } from './messages.js';
export type { Author, AuthorKind, ChatMessage, ConversationState, CloseCode } from './messages.js';
export { PROTOCOL_ERROR_CODES } from './errors.js';
export type { ErrorFrame, ProtocolErrorCode } from './errors.js';
export type {
  AckFrame,
  Availability,
  AvailabilityFrame,
  ChannelAppearance,
  ConversationInfo,
  ConversationStateFrame,
  MessageFrame,
  ReadFrame,
  TypingFrame,
  VisitorClientFrame,
  VisitorHello,
  VisitorIdentify,
  VisitorInfo,
  VisitorProfile,
  VisitorRead,
  VisitorSend,
  VisitorServerFrame,
  VisitorSessionFrame,
  VisitorTyping,
  VisitorWelcome,
} from './visitor-frames.js';
export type {
  ConversationRemovedFrame,
  StaffAssign,
  ConversationSummary,
  ConversationUpdateFrame,
  DoneFrame,
  StaffClientFrame,
  StaffClose,
  StaffErrorFrame,
  StaffHello,
  StaffHistory,
  StaffMessageFrame,
  StaffRead,
  StaffSend,
  StaffServerFrame,
  StaffTake,
  StaffTyping,
  StaffWelcome,
  VisitorPresenceFrame,
} from './staff-frames.js';
export { parseStaffServerFrame, parseVisitorServerFrame } from './guards.js';
