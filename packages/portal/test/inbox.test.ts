import { describe, expect, test, vi } from 'vitest';
import { HubError } from '@interact/sdk';
import '../src/inbox/inbox-page.js';
import { createApi } from '../src/api/index.js';
import { LocaleStore } from '../src/i18n/locale-store.js';
import { InboxStore } from '../src/inbox/inbox-store.js';
import { QueueAttention } from '../src/inbox/queue-attention.js';
import { SoundSetting } from '../src/inbox/sound-setting.js';
import { Router } from '../src/state/router.js';
import { fakeHub } from './fake-hub.js';
import { FakeStaffClient, ME, mine, summary, welcomeFrame } from './fake-staff-client.js';
import { $, find, findAll, key, mount, settle, text } from './helpers.js';

async function inboxPage(conversations = [summary({ visitorName: 'Queued Quinn' }), mine({ visitorName: 'My Max' })], canSeeAll = false) {
  fakeHub();
  const client = new FakeStaffClient(welcomeFrame(conversations));
  const inbox = new InboxStore(client, ME);
  inbox.start();
  const router = new Router();
  const el = await mount('inbox-page', { inbox, router, api: createApi(), locale: new LocaleStore('en'), canSeeAll });
  await settle(el);
  const names = () => findAll(el, 'conversation-list .name').map((n) => text(n));
  const tab = (id: string) => $<HTMLButtonElement>(el, `#tab-${id}`);
  return { el, client, inbox, router, names, tab };
}

describe('inbox', () => {
  test('connects and lists the queue, then one’s own conversations', async () => {
    const { el, client, names, tab } = await inboxPage();
    expect(client.connect).toHaveBeenCalledOnce();
    expect(tab('queue').getAttribute('aria-selected')).toBe('true');
    expect(text(tab('queue'))).toBe('Queue 1');
    expect(names()).toEqual(['Queued Quinn']);
    expect(text($(el, 'conversation-list .when'))).toMatch(/^waiting 1 min$/);

    tab('mine').click();
    await settle(el);
    expect(tab('mine').getAttribute('aria-selected')).toBe('true');
    expect(names()).toEqual(['My Max']);
    expect(find(el, 'conversation-list button')).toBeNull();
  });

  test('the "All open" tab is there only for those who see all conversations', async () => {
    const agent = await inboxPage();
    expect(find(agent.el, '#tab-all')).toBeNull();
    document.body.replaceChildren();
    const other = summary({ state: 'assigned', assignee: { id: 'u-2', name: 'Ola' }, visitorName: 'Olas Visitor', queuedAt: null });
    const supervisor = await inboxPage([summary({ visitorName: 'Queued Quinn' }), other], true);
    supervisor.tab('all').click();
    await settle(supervisor.el);
    expect(supervisor.names().sort()).toEqual(['Olas Visitor', 'Queued Quinn']);
  });

  test('arrow keys move between the tabs', async () => {
    const { el, tab } = await inboxPage();
    key(tab('queue'), { key: 'ArrowRight' });
    await settle(el);
    expect(tab('mine').getAttribute('aria-selected')).toBe('true');
    expect(el.shadowRoot!.activeElement).toBe(tab('mine'));
    expect(tab('queue').getAttribute('tabindex')).toBe('-1');
  });

  test('new conversations appear live; taken by someone else, they leave the queue at once', async () => {
    const { el, client, names } = await inboxPage();
    const fresh = summary({ visitorName: 'New Nora', queuedAt: new Date().toISOString() });
    client.emit('conversation', fresh);
    await settle(el);
    expect(names()).toEqual(['Queued Quinn', 'New Nora']);

    client.emit('conversation-removed', { conversationId: fresh.id, reason: 'taken' });
    await settle(el);
    expect(names()).toEqual(['Queued Quinn']);
  });

  test('for supervisors, a conversation someone takes moves out of the queue too', async () => {
    const queued = summary({ visitorName: 'Queued Quinn' });
    const { el, client, names } = await inboxPage([queued], true);
    client.emit('conversation', { ...queued, state: 'assigned', assignee: { id: 'u-2', name: 'Ola' }, queuedAt: null });
    await settle(el);
    expect(names()).toEqual([]);
    expect(text(find(el, 'conversation-list .empty'))).toBe('Nobody is waiting.');
  });

  test('Take assigns it and opens it', async () => {
    const queued = summary({ visitorName: 'Queued Quinn' });
    const { el, client, router } = await inboxPage([queued]);
    const take = $<HTMLButtonElement>(el, 'conversation-list li button');
    expect(text(take)).toBe('Take Queued Quinn');
    take.click();
    await settle(el);
    expect(client.take).toHaveBeenCalledWith(queued.id);
    expect(router.value).toEqual({ name: 'inbox', conversationId: queued.id });
    expect($(el, '#tab-mine').getAttribute('aria-selected')).toBe('true');
  });

  test('losing a race to take: a clear notice, and the conversation is gone', async () => {
    const queued = summary({ visitorName: 'Queued Quinn' });
    const { el, client, router, names } = await inboxPage([queued]);
    client.take.mockImplementationOnce(async () => {
      client.emit('conversation-removed', { conversationId: queued.id, reason: 'taken' });
      throw new HubError('already_taken', 'Someone else took this conversation first.');
    });
    $<HTMLButtonElement>(el, 'conversation-list li button').click();
    await settle(el);
    const alert = $(el, '.notices [role="alert"]');
    expect(text(alert)).toContain('Someone else took this conversation first.');
    expect(names()).toEqual([]);
    expect(router.value).not.toEqual({ name: 'inbox', conversationId: queued.id });
  });

  test('waiting times move on', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'Date'] });
    vi.setSystemTime(new Date('2025-03-01T10:00:00Z'));
    const queued = summary({ visitorName: 'Quinn', queuedAt: '2025-03-01T09:59:15Z' });
    const { el } = await inboxPage([queued]);
    expect(text($(el, 'conversation-list .when'))).toBe('waiting 45 s');
    vi.setSystemTime(new Date('2025-03-01T10:05:00Z'));
    vi.advanceTimersByTime(5000);
    await settle(el);
    expect(text($(el, 'conversation-list .when'))).toBe('waiting 5 min');
  });
});

describe('new conversations are announced', () => {
  test('the queue size is in the title; a beep only when the sound is on, and not for the welcome', async () => {
    const client = new FakeStaffClient(welcomeFrame([summary(), summary()]));
    const inbox = new InboxStore(client, ME);
    const sound = new SoundSetting(false);
    const play = vi.fn();
    const attention = new QueueAttention(inbox, sound, play);
    inbox.start();
    attention.start();
    await settle();
    expect(document.title).toBe('(2) #Interact');
    expect(play).not.toHaveBeenCalled();
    expect(attention.value).toBeNull();

    client.emit('conversation', summary({ visitorName: 'Nora' }));
    expect(document.title).toBe('(3) #Interact');
    expect(play).not.toHaveBeenCalled();
    expect(attention.value!.text(new LocaleStore('en').t)).toBe('New conversation in the queue: Nora');

    sound.toggle();
    expect(window.localStorage.getItem('interact.portal.sound')).toBe('on');
    client.emit('conversation', summary({ visitorName: 'Noah' }));
    expect(play).toHaveBeenCalledOnce();

    attention.stop();
    expect(document.title).toBe('#Interact');
  });

  test('the sound is off by default', () => {
    expect(new SoundSetting().value).toBe(false);
  });
});
