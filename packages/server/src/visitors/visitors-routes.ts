import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { AppError } from '../errors/catalogue.js';
import { errors } from '../http/common-schemas.js';
import { checkProfileEdit, todayIn } from './visitor-profile-rules.js';
import { toNoteView, toVisitorView } from './visitor-view.js';
import { CreateNoteBody, NoteSchema, UpdateVisitorBody, VisitorParams, VisitorSchema } from './visitors-schemas.js';

/** Visitor profiles and staff notes, for whoever works the inbox. Scoped to the caller's account. */
const visitorsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const common = { tags: ['visitors'] };

  function visitorOf(request: FastifyRequest, id: string) {
    const found = app.visitors.getWithChannel(request.staff.account.id, id);
    if (!found) throw new AppError('visitor_not_found');
    return found;
  }

  app.get(
    '/visitors/:id',
    {
      config: { access: 'inbox.use' },
      schema: { ...common, summary: 'A visitor’s profile', params: VisitorParams, response: { 200: VisitorSchema, ...errors(401, 403, 404) } },
    },
    async (request) => {
      const { visitor, channelName } = visitorOf(request, request.params.id);
      return toVisitorView(visitor, channelName, app.realtime.visitorOnline(visitor.id));
    },
  );

  app.patch(
    '/visitors/:id',
    {
      config: { access: 'inbox.use' },
      schema: {
        ...common,
        summary: 'Change a visitor’s profile (null or "" clears a field); inboxes showing their conversation follow',
        params: VisitorParams,
        body: UpdateVisitorBody,
        response: { 200: VisitorSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { account } = request.staff;
      const { channelName } = visitorOf(request, request.params.id);
      const { fields, problems } = checkProfileEdit(request.body, todayIn(account.timezone));
      // One problem at a time, named as schema validation names it ("body.<field>: …"), so a form can
      // show the message next to its field.
      const [first] = problems;
      if (first) throw new AppError('validation_failed', `body.${first.field}: ${first.message}`, problems);
      const visitor = app.visitors.changeProfile(account.id, request.params.id, fields);
      if (!visitor) throw new AppError('visitor_not_found');
      // The inbox shows the visitor's name and e-mail with their open conversation.
      const conversation = app.conversations.latestOfVisitor(visitor.id);
      if (conversation && conversation.state !== 'closed') app.realtime.conversationSummaryChanged(conversation);
      return toVisitorView(visitor, channelName, app.realtime.visitorOnline(visitor.id));
    },
  );

  app.get(
    '/visitors/:id/notes',
    {
      config: { access: 'inbox.use' },
      schema: {
        ...common,
        summary: 'Staff notes on a visitor, newest first',
        params: VisitorParams,
        response: { 200: Type.Array(NoteSchema), ...errors(401, 403, 404) },
      },
    },
    async (request) => {
      const { visitor } = visitorOf(request, request.params.id);
      return app.visitorNotes.list(request.staff.account.id, visitor.id).map(toNoteView);
    },
  );

  app.post(
    '/visitors/:id/notes',
    {
      config: { access: 'inbox.use' },
      schema: {
        ...common,
        summary: 'Add a note on a visitor, signed by the caller',
        params: VisitorParams,
        body: CreateNoteBody,
        response: { 201: NoteSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const { account, user } = request.staff;
      const { visitor } = visitorOf(request, request.params.id);
      const text = request.body.text.trim();
      if (!text) throw new AppError('validation_failed', 'body.text: a note needs some text');
      const note = app.visitorNotes.add(account.id, visitor.id, user, text);
      return reply.status(201).send(toNoteView(note));
    },
  );
};

export default visitorsRoutes;
