import type { FastifyBaseLogger } from 'fastify';
import type { ChannelsRepository } from '../channels/channels-repository.js';
import type { ConversationsRepository } from '../conversations/conversations-repository.js';
import type { GroupCommitter } from '../storage/group-commit.js';
import type { UsersRepository } from '../users/users-repository.js';
import type { VisitorsRepository } from '../visitors/visitors-repository.js';
import type { ConnectionRegistry } from './connections.js';
import type { ConversationEvents } from './conversation-events.js';

/** What the socket handlers work with. */
export interface ChatContext {
  registry: ConnectionRegistry;
  committer: GroupCommitter;
  conversations: ConversationsRepository;
  visitors: VisitorsRepository;
  channels: ChannelsRepository;
  users: UsersRepository;
  events: ConversationEvents;
  log: FastifyBaseLogger;
}
