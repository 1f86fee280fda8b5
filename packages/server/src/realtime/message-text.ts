import { LIMITS, type ErrorFrame } from '@interact/sdk/protocol';

/** Why a message's text cannot be stored, as the error frame that says so; null when it can. */
export function refuseText(text: string, clientMsgId: string): ErrorFrame | null {
  if (text.trim() === '') return { type: 'error', code: 'bad_frame', message: 'A message needs some text.', clientMsgId };
  // Counted in characters (code points), as people count them, not UTF-16 units.
  if ([...text].length > LIMITS.messageLength) {
    return { type: 'error', code: 'message_too_long', message: `Messages are limited to ${LIMITS.messageLength} characters.`, clientMsgId };
  }
  return null;
}
