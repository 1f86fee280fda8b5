// The live chat's message writes, as plain SQL over a better-sqlite3 connection. The message
// writer thread (message-writer.mjs) runs them on a connection of its own; the hub runs them on
// its main connection when there is no such thread (an in-memory database, or after the thread
// failed). Plain JavaScript beside the build, so both find it the same way from src/ and dist/.
// The SQL names the columns of src/storage/schema.ts; the chat suites read back every column.
import { randomUUID } from 'node:crypto';

/**
 * @param {import('better-sqlite3').Database} sqlite
 * @returns {import('./message-writes.d.mts').MessageWrites}
 */
export function messageWrites(sqlite) {
  // The message takes the conversation's next seq in the same statement. No row comes back when
  // the conversation is closed (the caller's copy may be stale) or its clientMsgId is stored.
  const insertWithNextSeq = sqlite
    .prepare(
      `INSERT INTO messages (id, account_id, conversation_id, seq, author_kind, author_id, author_name, text, client_msg_id, created_at)
       SELECT ?, account_id, id, last_seq + 1, ?, ?, ?, ?, ?, ? FROM conversations WHERE id = ? AND state <> 'closed'
       ON CONFLICT (conversation_id, client_msg_id) DO NOTHING
       RETURNING seq`,
    )
    .pluck();
  const advanceSeq = sqlite.prepare('UPDATE conversations SET last_seq = ?, updated_at = ? WHERE id = ?');
  const stored = sqlite.prepare('SELECT id, seq FROM messages WHERE conversation_id = ? AND client_msg_id = ?');
  const latestOfVisitor = sqlite.prepare(
    'SELECT id, state FROM conversations WHERE visitor_id = ? ORDER BY created_at DESC, rowid DESC LIMIT 1',
  );
  const insertVisitor = sqlite.prepare(
    `INSERT INTO visitors (id, account_id, channel_id, token_hash, locale, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
  );
  const insertConversation = sqlite.prepare(
    `INSERT INTO conversations (id, account_id, channel_id, visitor_id, state, language, queued_at, created_at, updated_at)
     VALUES (?, ?, ?, ?, 'queued', ?, ?, ?, ?)`,
  );

  /** @type {import('./message-writes.d.mts').MessageWrites['append']} */
  function append(conversationId, message) {
    const { id, authorKind, authorId, authorName, text, clientMsgId, createdAt } = message;
    const seq = insertWithNextSeq.get(id, authorKind, authorId, authorName, text, clientMsgId, createdAt, conversationId);
    if (seq !== undefined) {
      advanceSeq.run(seq, createdAt, conversationId);
      return { conversationId, messageId: id, seq, duplicate: false };
    }
    const earlier = clientMsgId === null ? undefined : stored.get(conversationId, clientMsgId);
    if (earlier) return { conversationId, messageId: earlier.id, seq: earlier.seq, duplicate: true };
    return null;
  }

  /** @type {import('./message-writes.d.mts').MessageWrites['visitorMessage']} */
  function visitorMessage(write) {
    const { visitor, message } = write;
    if (visitor.create) {
      const { tokenHash, locale } = visitor.create;
      insertVisitor.run(visitor.id, write.accountId, write.channelId, tokenHash, locale, message.createdAt, message.createdAt);
    }
    // Usually the socket follows the visitor's open conversation (a visitor has at most one).
    const known = write.conversationId === null ? null : append(write.conversationId, message);
    if (known) return { ...known, started: false };
    const latest = latestOfVisitor.get(visitor.id);
    if (latest && latest.state !== 'closed' && latest.id !== write.conversationId) {
      const appended = append(latest.id, message);
      if (appended) return { ...appended, started: false };
    }
    // Its id is made here, when one is needed: most messages go to an open conversation.
    const newConversation = { id: randomUUID(), language: write.language };
    insertConversation.run(
      newConversation.id,
      write.accountId,
      write.channelId,
      visitor.id,
      newConversation.language,
      message.createdAt,
      message.createdAt,
      message.createdAt,
    );
    const appended = append(newConversation.id, message);
    // Cannot happen: created a moment ago, in this same transaction.
    if (!appended) throw new Error(`conversation ${newConversation.id} refused its first message`);
    return { ...appended, started: true };
  }

  /** @type {import('./message-writes.d.mts').MessageWrites['apply']} */
  function apply(write) {
    return write.kind === 'visitor-message' ? visitorMessage(write) : append(write.conversationId, write.message);
  }

  return { append, visitorMessage, apply };
}
