/**
 * Error codes a hub sends in `{type: 'error', code, message}` frames. Clients branch on `code`;
 * `message` is for people (and logs).
 */
export const PROTOCOL_ERROR_CODES = [
  /** The frame is not JSON or does not match any frame type of this socket. */
  'bad_frame',
  /** Text empty or longer than LIMITS.messageLength. */
  'message_too_long',
  /** Too many frames too fast: slow down; the frame was not processed. */
  'rate_limited',
  /** The conversation does not exist or is not yours. */
  'conversation_not_found',
  /** The conversation is closed: a new message starts a new one (visitor) or it is read-only (staff). */
  'conversation_closed',
  /** Another staff member took the conversation first. */
  'already_taken',
  /** The staff member's role or channels do not allow this. */
  'forbidden',
  /** The staff member a request names (such as the target of `assign`) does not exist, is inactive or has no inbox. */
  'user_not_found',
  /** The first frame must be `hello`. */
  'hello_required',
  /** The site requires verified identities and the userHash did not match. */
  'identity_not_verified',
  /** Something failed on the hub; the frame was not processed and may be retried. */
  'internal',
] as const;

export type ProtocolErrorCode = (typeof PROTOCOL_ERROR_CODES)[number];

export interface ErrorFrame {
  type: 'error';
  code: ProtocolErrorCode;
  message: string;
  /** When the error answers a `send`, the id of the message that was not stored. */
  clientMsgId?: string;
}
