import { query, type Http } from './http.js';
import type { MessagePage, Visitor, VisitorConversation, VisitorFields, VisitorNote } from './types.js';

/** A visitor's profile, the staff notes about them, and their earlier conversations. */
export class VisitorsApi {
  constructor(private readonly http: Http) {}

  get(id: string): Promise<Visitor> {
    return this.http.get<Visitor>(`/visitors/${encodeURIComponent(id)}`);
  }

  update(id: string, changes: Partial<VisitorFields>): Promise<Visitor> {
    return this.http.patch<Visitor>(`/visitors/${encodeURIComponent(id)}`, changes);
  }

  notes(id: string): Promise<VisitorNote[]> {
    return this.http.get<VisitorNote[]>(`/visitors/${encodeURIComponent(id)}/notes`);
  }

  addNote(id: string, text: string): Promise<VisitorNote> {
    return this.http.post<VisitorNote>(`/visitors/${encodeURIComponent(id)}/notes`, { text });
  }

  conversations(id: string): Promise<VisitorConversation[]> {
    return this.http.get<VisitorConversation[]>(`/visitors/${encodeURIComponent(id)}/conversations`);
  }

  messages(conversationId: string, afterSeq = 0, limit = 200): Promise<MessagePage> {
    return this.http.get<MessagePage>(`/conversations/${encodeURIComponent(conversationId)}/messages${query({ afterSeq, limit })}`);
  }
}
