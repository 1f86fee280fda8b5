import type { VisitorClient } from '@interact/sdk';

/**
 * The part of the SDK's VisitorClient the widget uses. Typing the property this narrowly keeps the
 * element testable with a small fake, and lets a site pass any object that behaves the same.
 */
export type ChatClient = Pick<VisitorClient, 'state' | 'on' | 'send' | 'typing' | 'markRead' | 'identify' | 'persist'>;

/** What the widget shows before a client is set: the client's own initial state. */
export { EMPTY_VISITOR_STATE as EMPTY_STATE } from '@interact/sdk';
