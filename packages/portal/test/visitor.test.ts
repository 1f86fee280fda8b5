import { describe, expect, test } from 'vitest';
import '../src/visitor/visitor-panel.js';
import { createApi } from '../src/api/index.js';
import { LocaleStore } from '../src/i18n/locale-store.js';
import { fakeHub } from './fake-hub.js';
import { $, find, findAll, mount, settle, submit, text, type } from './helpers.js';

const VISITOR = {
  id: 'v1',
  channelId: 'ch1',
  channelName: 'Website',
  firstName: 'Vera',
  lastName: null,
  email: 'vera@example.com',
  birthDate: null,
  phone: null,
  mobile: null,
  verified: false,
  online: true,
  createdAt: '2025-01-01T00:00:00.000Z',
};

async function panel(language: 'en' | 'fr' | 'nl' = 'en') {
  const hub = fakeHub()
    .on('GET', '/visitors/v1', { status: 200, body: VISITOR })
    .on('GET', '/visitors/v1/notes', {
      status: 200,
      body: [{ id: 'n1', text: 'Prefers <b>e-mail</b>', author: { id: 'u-2', name: 'Ola Olsen' }, createdAt: '2025-02-01T10:00:00.000Z' }],
    })
    .on('GET', '/visitors/v1/conversations', {
      status: 200,
      body: [
        { id: 'c-now', state: 'assigned', createdAt: '2025-03-01T10:00:00.000Z', closedAt: null, assignee: null, messageCount: 3, lastMessage: null },
        {
          id: 'c-old',
          state: 'closed',
          createdAt: '2025-02-01T10:00:00.000Z',
          closedAt: '2025-02-01T10:30:00.000Z',
          assignee: { id: 'u-2', name: 'Ola' },
          messageCount: 2,
          lastMessage: { text: 'Thanks!', createdAt: '2025-02-01T10:20:00.000Z' },
        },
      ],
    });
  const el = await mount('visitor-panel', { api: createApi(), visitorId: 'v1', conversationId: 'c-now', locale: new LocaleStore(language) });
  await settle(el);
  return { hub, el };
}

describe('visitor profile', () => {
  test('shows the profile fields in a labelled aside', async () => {
    const { el } = await panel();
    expect($(el, 'aside').getAttribute('aria-label')).toBe('Visitor');
    const details = $(el, 'visitor-details');
    const terms = findAll(details, 'dt').map(text);
    expect(terms).toEqual(['First name', 'Last name', 'E-mail', 'Birth date', 'Phone', 'Mobile', 'Channel']);
    expect(findAll(details, 'dd').map(text)).toEqual(['Vera', 'not given', 'vera@example.com', 'not given', 'not given', 'not given', 'Website']);
  });

  test('saves only what changed, empty fields as null', async () => {
    const { hub, el } = await panel();
    const details = $(el, 'visitor-details');
    $<HTMLButtonElement>(details, 'button').click();
    await settle(el);
    expect(text($(details, 'label[for="visitor-birthDate"]'))).toBe('Birth date');
    expect($(details, '#visitor-birthDate').getAttribute('type')).toBe('date');
    hub.on('PATCH', '/visitors/v1', (call) => ({ status: 200, body: { ...VISITOR, ...(call.body as object) } }));
    type($<HTMLInputElement>(details, '#visitor-lastName'), 'Visser');
    type($<HTMLInputElement>(details, '#visitor-email'), '');
    submit($<HTMLFormElement>(details, 'form'));
    await settle(el);
    expect(hub.callsTo('PATCH', '/visitors/v1')[0]!.body).toEqual({ lastName: 'Visser', email: null });
    expect(text($(details, '[role="status"]'))).toBe('Profile saved.');
    expect(findAll(details, 'dd').map(text)[1]).toBe('Visser');
  });

  test('the hub’s validation message shows by the field it names', async () => {
    const { hub, el } = await panel();
    const details = $(el, 'visitor-details');
    $<HTMLButtonElement>(details, 'button').click();
    await settle(el);
    hub.on('PATCH', '/visitors/v1', { status: 400, body: { code: 'validation_failed', message: 'body.phone: must be a phone number' } });
    type($<HTMLInputElement>(details, '#visitor-phone'), 'call me');
    submit($<HTMLFormElement>(details, 'form'));
    await settle(el);
    expect(text($(details, '#visitor-phone-error'))).toBe('must be a phone number');
    expect($(details, '#visitor-phone').getAttribute('aria-invalid')).toBe('true');
    expect($(details, '#visitor-phone').getAttribute('aria-describedby')).toBe('visitor-phone-error');
    expect(text($(details, '#visitor-email-error'))).toBe('');
    expect(details.shadowRoot!.activeElement?.id).toBe('visitor-phone');
  });

  test('notes: author and time, as text, and a form that adds one on top', async () => {
    const { hub, el } = await panel();
    const notes = $(el, 'visitor-notes');
    expect(find(notes, 'li b')).toBeNull();
    expect(text($(notes, 'li .text'))).toBe('Prefers <b>e-mail</b>');
    expect(text($(notes, 'li .meta'))).toMatch(/^Ola Olsen · .+2025/);
    hub.on('POST', '/visitors/v1/notes', (call) => ({
      status: 201,
      body: { id: 'n2', text: (call.body as { text: string }).text, author: { id: 'u-me', name: 'Mia Maes' }, createdAt: new Date().toISOString() },
    }));
    expect(text($(notes, 'label[for="note"]'))).toBe('Add a note');
    $<HTMLTextAreaElement>(notes, '#note').value = 'Called back on Monday';
    submit($<HTMLFormElement>(notes, 'form'));
    await settle(el);
    expect(hub.callsTo('POST', '/visitors/v1/notes')[0]!.body).toEqual({ text: 'Called back on Monday' });
    expect(findAll(notes, 'li .text').map(text)).toEqual(['Called back on Monday', 'Prefers <b>e-mail</b>']);
  });

  test('earlier conversations are listed (not the current one) and readable', async () => {
    const { hub, el } = await panel();
    const history = $(el, 'visitor-history');
    expect(findAll(history, 'li')).toHaveLength(1);
    expect(text($(history, '.last'))).toBe('Thanks!');
    hub.on('GET', '/conversations/c-old/messages', {
      status: 200,
      body: {
        messages: [
          { id: 'm1', conversationId: 'c-old', seq: 1, author: { kind: 'visitor' }, text: 'Where is my <i>order</i>?', createdAt: '2025-02-01T10:00:00.000Z' },
          { id: 'm2', conversationId: 'c-old', seq: 2, author: { kind: 'user', id: 'u-2', name: 'Ola' }, text: 'Shipped today.', createdAt: '2025-02-01T10:01:00.000Z' },
        ],
      },
    });
    const read = $<HTMLButtonElement>(history, 'li button');
    expect(read.getAttribute('aria-expanded')).toBe('false');
    read.click();
    await settle(el);
    expect(hub.callsTo('GET', '/conversations/c-old/messages')[0]!.url).toBe('/conversations/c-old/messages?afterSeq=0&limit=200');
    expect(read.getAttribute('aria-expanded')).toBe('true');
    const transcript = $(history, 'message-list');
    expect(findAll(transcript, '.text').map(text)).toEqual(['Where is my <i>order</i>?', 'Shipped today.']);
    expect(find(transcript, 'i')).toBeNull();
    expect(find(history, 'textarea')).toBeNull();
  });

  test('speaks Dutch', async () => {
    const { el } = await panel('nl');
    expect(findAll($(el, 'visitor-details'), 'dt').map(text)[0]).toBe('Voornaam');
    expect(text($($(el, 'visitor-notes'), 'h2'))).toBe('Notities');
  });
});
