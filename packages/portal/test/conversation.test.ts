import { describe, expect, test, vi } from 'vitest';
import '../src/conversation/conversation-view.js';
import { createApi } from '../src/api/index.js';
import { LocaleStore } from '../src/i18n/locale-store.js';
import { InboxStore } from '../src/inbox/inbox-store.js';
import { Router } from '../src/state/router.js';
import { fakeHub } from './fake-hub.js';
import { FakeStaffClient, ME, message, mine, summary, welcomeFrame } from './fake-staff-client.js';
import { $, find, findAll, key, mount, settle, text } from './helpers.js';

async function view(conversation = mine({ visitorName: 'Vera' }), options: { canActOnAll?: boolean; client?: FakeStaffClient } = {}) {
  const hub = fakeHub();
  const client = options.client ?? new FakeStaffClient(welcomeFrame([conversation]));
  client.welcome = welcomeFrame([conversation]);
  const inbox = new InboxStore(client, ME);
  inbox.start();
  const router = new Router();
  const el = await mount('conversation-view', {
    inbox,
    router,
    api: createApi(),
    conversationId: conversation.id,
    canActOnAll: options.canActOnAll ?? false,
    locale: new LocaleStore('en'),
  });
  await settle(el);
  const composer = () => $<HTMLTextAreaElement>(el, '#composer');
  return { hub, el, client, inbox, router, composer, id: conversation.id };
}

describe('conversation view', () => {
  test('loads the history and shows new messages as they arrive', async () => {
    const { el, client, id } = await view();
    expect(client.history).toHaveBeenCalledWith(id, 0);
    client.emit('message', message(id, 'visitor', 'Hello, is anyone there?'));
    client.emit('message', message('other-conversation', 'visitor', 'not for this view'));
    await settle(el);
    expect(findAll(el, 'message-list .text').map(text)).toEqual(['Hello, is anyone there?']);
    expect(text($(el, 'message-list .author'))).toBe('Vera');
    expect($(el, 'message-list [role="log"]').getAttribute('aria-live')).toBe('polite');
  });

  test('what visitors type is text: markup shows literally and creates no element', async () => {
    const { el, client, id } = await view(mine({ visitorName: '<b>Bold</b>' }));
    client.emit('message', message(id, 'visitor', '<img src=x onerror="alert(1)"><script>alert(2)</script>'));
    await settle(el);
    const list = $(el, 'message-list');
    expect(find(list, 'img')).toBeNull();
    expect(find(list, 'script')).toBeNull();
    expect(find(el, 'b')).toBeNull();
    expect($(list, '.text').textContent).toBe('<img src=x onerror="alert(1)"><script>alert(2)</script>');
    expect(text($(el, 'h2'))).toBe('<b>Bold</b>');
  });

  test('Enter sends, Shift+Enter does not; the acknowledged message is shown', async () => {
    const { el, client, composer, id } = await view();
    composer().value = 'First line';
    const shift = key(composer(), { key: 'Enter', shiftKey: true });
    expect(shift.defaultPrevented).toBe(false);
    expect(client.send).not.toHaveBeenCalled();

    composer().value = 'Hi Vera, how can I help?';
    const enter = key(composer(), { key: 'Enter' });
    expect(enter.defaultPrevented).toBe(true);
    await settle(el);
    expect(client.send).toHaveBeenCalledWith(id, 'Hi Vera, how can I help?', expect.any(String));
    expect(composer().value).toBe('');
    const sent = findAll(el, 'message-list .message.user');
    expect(sent.map((m) => text(m.querySelector('.text')))).toEqual(['Hi Vera, how can I help?']);
    expect(text(sent[0]!.querySelector('.author'))).toBe('You');
  });

  test('a refused message stays with the reason and can be sent again', async () => {
    const { el, client, composer } = await view();
    client.send.mockRejectedValueOnce(Object.assign(new Error('too long'), { code: 'message_too_long' }));
    composer().value = 'x';
    key(composer(), { key: 'Enter' });
    await settle(el);
    expect(text($(el, 'message-list .failed [role="alert"]'))).toBe('Not sent: This message is too long.');
    $<HTMLButtonElement>(el, 'message-list .failed button').click();
    await settle(el);
    expect(client.send).toHaveBeenCalledTimes(2);
    expect(client.send.mock.calls[1]![2]).toBe(client.send.mock.calls[0]![2]);
    expect(find(el, 'message-list .failed')).toBeNull();
  });

  test('own typing is sent, and the visitor’s typing and presence are shown', async () => {
    const { el, client, composer, id } = await view();
    composer().value = 'Hel';
    composer().dispatchEvent(new Event('input'));
    expect(client.typing).toHaveBeenCalledWith(id, true);

    client.emit('typing', { type: 'typing', conversationId: id, author: { kind: 'visitor' }, typing: true });
    await settle(el);
    expect(text($(el, '.typing'))).toBe('Vera is typing…');
    expect(text($(el, '.presence'))).toBe('Visitor connected');

    client.emit('visitor-presence', { conversationId: id, online: false });
    client.emit('typing', { type: 'typing', conversationId: id, author: { kind: 'visitor' }, typing: false });
    await settle(el);
    expect(text($(el, '.typing'))).toBe('');
    expect(text($(el, '.presence'))).toBe('Visitor has left');
  });

  test('marks what is shown as read, and shows "Seen" once the visitor read it', async () => {
    const { el, client, id } = await view();
    const question = message(id, 'visitor', 'Question');
    client.emit('message', question);
    await settle(el);
    expect(client.markRead).toHaveBeenLastCalledWith(id, question.seq);

    $<HTMLTextAreaElement>(el, '#composer').value = 'Answer';
    key($(el, '#composer'), { key: 'Enter' });
    await settle(el);
    expect(find(el, 'message-list .seen')).toBeNull();
    const answerSeq = client.send.mock.results[0]!.value as Promise<{ seq: number }>;
    client.emit('read', { type: 'read', conversationId: id, by: 'visitor', seq: (await answerSeq).seq });
    await settle(el);
    expect(text($(el, 'message-list .message.user .seen'))).toBe('Seen');
  });

  test('a conversation in the queue is not marked read by looking at it, and can be taken', async () => {
    const queued = summary({ visitorName: 'Quinn' });
    const { el, client, id } = await view(queued);
    client.emit('message', message(id, 'visitor', 'Hi'));
    await settle(el);
    expect(client.markRead).not.toHaveBeenCalled();
    const take = findAll(el, '.head button').find((b) => text(b) === 'Take') as HTMLButtonElement;
    take.click();
    await settle(el);
    expect(client.take).toHaveBeenCalledWith(id);
  });

  test('Close asks first, then closes and goes back to the inbox', async () => {
    const { el, client, router, id } = await view();
    const go = vi.spyOn(router, 'go');
    const close = findAll(el, '.head button').find((b) => text(b) === 'Close') as HTMLButtonElement;
    close.click();
    await settle(el);
    const dialog = $(el, 'confirm-dialog');
    expect(text($(dialog, 'h2'))).toBe('Close this conversation?');
    $<HTMLButtonElement>(dialog, '.confirm').click();
    await settle(el);
    expect(client.close).toHaveBeenCalledWith(id);
    expect(go).toHaveBeenCalledWith({ name: 'inbox', conversationId: null });
  });

  test('Transfer offers the colleagues (not oneself) and assigns through the client', async () => {
    const client = new FakeStaffClient();
    const { el, hub, inbox, id } = await view(mine({ visitorName: 'Vera' }), { client });
    hub.on('GET', '/staff', {
      status: 200,
      body: [
        { id: ME.id, firstName: 'Mia', lastName: 'Maes', role: 'agent', online: true },
        { id: 'u-2', firstName: 'Ola', lastName: 'Olsen', role: 'agent', online: false },
        { id: 'u-3', firstName: 'Pim', lastName: 'Peeters', role: 'supervisor', online: true },
      ],
    });
    (findAll(el, '.head button').find((b) => text(b) === 'Transfer') as HTMLButtonElement).click();
    await settle(el);
    const dialog = $(el, 'transfer-dialog');
    const options = findAll(dialog, 'li label').map(text);
    expect(options).toEqual(['Pim Peeters · Supervisor online', 'Ola Olsen · Agent offline']);
    const radio = findAll(dialog, 'input[type="radio"]')[1] as HTMLInputElement;
    radio.checked = true;
    radio.dispatchEvent(new Event('change'));
    await settle(el);
    $<HTMLFormElement>(dialog, 'form').dispatchEvent(new SubmitEvent('submit', { cancelable: true }));
    await settle(el);
    expect(client.assign).toHaveBeenCalledWith(id, 'u-2');
    expect(inbox.value.notice!.text(new LocaleStore('en').t)).toBe('Transferred to Ola Olsen.');
  });

  test('when someone else takes the open conversation, the view says so and the composer goes', async () => {
    const queued = summary({ visitorName: 'Quinn' });
    const { el, client, id } = await view(queued);
    expect(find(el, '#composer')).not.toBeNull();
    client.emit('conversation-removed', { conversationId: id, reason: 'taken' });
    await settle(el);
    expect(text($(el, '.banner[role="alert"]'))).toBe('Someone else took this conversation.');
    expect(find(el, '#composer')).toBeNull();
  });
});
