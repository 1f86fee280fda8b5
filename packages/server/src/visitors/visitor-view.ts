import type { VisitorRow } from '../storage/schema.js';
import type { VisitorNote } from './visitor-notes-repository.js';
import type { NoteView, VisitorView } from './visitors-schemas.js';

export function toVisitorView(visitor: VisitorRow, channelName: string, online: boolean): VisitorView {
  return {
    id: visitor.id,
    channelId: visitor.channelId,
    channelName,
    firstName: visitor.firstName,
    lastName: visitor.lastName,
    email: visitor.email,
    birthDate: visitor.birthDate,
    phone: visitor.phone,
    mobile: visitor.mobile,
    verified: visitor.verified,
    online,
    createdAt: visitor.createdAt.toISOString(),
  };
}

export function toNoteView(note: VisitorNote): NoteView {
  return {
    id: note.id,
    text: note.text,
    author: { id: note.authorId, name: note.authorCurrentName ?? note.authorName },
    createdAt: note.createdAt.toISOString(),
  };
}
