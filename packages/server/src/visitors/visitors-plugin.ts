import fp from 'fastify-plugin';
import { visitorNotesRepository, type VisitorNotesRepository } from './visitor-notes-repository.js';
import { visitorsRepository, type VisitorsRepository } from './visitors-repository.js';

declare module 'fastify' {
  interface FastifyInstance {
    visitors: VisitorsRepository;
    visitorNotes: VisitorNotesRepository;
  }
}

export default fp(
  async (app) => {
    app.decorate('visitors', visitorsRepository(app.storage));
    app.decorate('visitorNotes', visitorNotesRepository(app.storage));
  },
  { name: 'visitors', dependencies: ['storage'] },
);
