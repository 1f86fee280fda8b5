import { StaffClient } from '@interact/sdk';

/**
 * The part of the SDK's StaffClient the portal uses. Typing it this narrowly keeps the views
 * testable with a small fake, and documents what the portal needs from the live protocol.
 */
export type InboxClient = Pick<StaffClient, 'connect' | 'disconnect' | 'on' | 'take' | 'close' | 'history' | 'send' | 'typing' | 'markRead'>;

/** The staff socket's `assign` request (`{type: 'assign', conversationId, userId, ref}`), which the SDK is gaining. */
interface AssignRequest {
  assign(conversationId: string, userId: string): Promise<void>;
}

/** Refused before anything was sent: this build of the SDK cannot transfer yet. */
export class TransferUnavailableError extends Error {
  override name = 'TransferUnavailableError';
  readonly code = 'transfer_unavailable';
  constructor() {
    super('This version of the portal cannot transfer conversations yet.');
  }
}

/**
 * Hands a conversation to a colleague. Goes through `StaffClient.assign` when the SDK has it;
 * until then the portal still compiles and says clearly that transfer is not available.
 */
export function assign(client: InboxClient, conversationId: string, userId: string): Promise<void> {
  const request = (client as InboxClient & Partial<AssignRequest>).assign;
  if (typeof request !== 'function') return Promise.reject(new TransferUnavailableError());
  return request.call(client, conversationId, userId);
}

/**
 * The portal's client: no token, because the portal is served from the hub's own origin and the
 * hub authenticates the staff socket by the session cookie.
 */
export function createStaffClient(): InboxClient {
  return new StaffClient({ hubUrl: window.location.origin });
}
