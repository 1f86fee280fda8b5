// The public surface of @interact/sdk. The wire protocol is also exported alone as
// "@interact/sdk/protocol" for the hub and the portal.
export { EMPTY_VISITOR_STATE, VisitorClient } from './client/visitor-client.js';
export type { ClientError, ClientMessage, VisitorClientEvents, VisitorState } from './client/visitor-client.js';
export { StaffClient } from './client/staff-client.js';
export type { StaffClientEvents, StaffClientOptions } from './client/staff-client.js';
export { HubError } from './client/requests.js';
export { DEFAULT_CLIENT_OPTIONS } from './client/options.js';
export type { VisitorClientOptions, WebSocketConstructor } from './client/options.js';
export { memoryStorage } from './client/storage.js';
export type { KeyValueStorage } from './client/storage.js';
export type { ConnectionStatus } from './client/connection.js';
export { LIMITS, CLOSE_CODES, PROTOCOL_ERROR_CODES } from './protocol/index.js';
export type {
  Author,
  AuthorKind,
  Availability,
  ChannelAppearance,
  ChatMessage,
  ConversationInfo,
  ConversationState,
  ConversationSummary,
  ProtocolErrorCode,
  VisitorInfo,
  VisitorProfile,
} from './protocol/index.js';
export { Interact, InteractApi } from './api/interact.js';
export type { InteractEvent, InteractEvents } from './api/interact.js';
export type { InitOptions, Position } from './api/init-options.js';
export { installGlobal } from './api/global.js';
export { generateSnippet } from './snippet/snippet.js';
export type { SnippetOptions } from './snippet/snippet.js';
