import type { MessageToWrite } from '../../workers/message-writes.mjs';
import { timeOrderedId } from '../storage/time-ordered-id.js';

/** A message as the socket handlers hand it to the group committer, stamped now. */
export function messageToWrite(fields: Omit<MessageToWrite, 'id' | 'createdAt'>): MessageToWrite {
  const createdAt = Date.now();
  // Time-ordered: each new id lands at the end of the id index instead of on a random page of it,
  // which is one page less to write (and to sync) per message.
  return { id: timeOrderedId(createdAt), ...fields, createdAt };
}
