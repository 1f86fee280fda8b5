import { StaffClient } from '@interact/sdk';

/**
 * The part of the SDK's StaffClient the portal uses. Typing it this narrowly keeps the views
 * testable with a small fake, and documents what the portal needs from the live protocol.
 */
export type InboxClient = Pick<
  StaffClient,
  'connect' | 'disconnect' | 'on' | 'take' | 'assign' | 'close' | 'history' | 'send' | 'typing' | 'markRead'
>;

/**
 * The portal's client: no token, because the portal is served from the hub's own origin and the
 * hub authenticates the staff socket by the session cookie.
 */
export function createStaffClient(): InboxClient {
  return new StaffClient({ hubUrl: window.location.origin });
}
