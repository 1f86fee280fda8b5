import { describe, expect, test } from 'vitest';
import { $, $$, mount } from './helpers.js';
import { stored } from './fake-client.js';

describe('messages', () => {
  test('renders message text as text: markup stays literal', async () => {
    const { el, client } = await mount({ open: true });
    client.update({ messages: [stored('user', '<img src=x onerror=alert(1)>', 'Anna'), stored('visitor', '<script>alert(2)</script>')] });
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('img')).toBeNull();
    expect(el.shadowRoot!.querySelector('.messages script')).toBeNull();
    const texts = $$(el, '.message .text').map((p) => p.textContent);
    expect(texts).toEqual(['<img src=x onerror=alert(1)>', '<script>alert(2)</script>']);
  });

  test('staff names are text too', async () => {
    const { el, client } = await mount({ open: true });
    client.update({ messages: [stored('user', 'hi', '<b onclick=alert(1)>Anna</b>')] });
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.messages b')).toBeNull();
    expect($(el, '.author').textContent).toBe('<b onclick=alert(1)>Anna</b>');
  });

  test('links become anchors only for http, https and mailto', async () => {
    const { el, client } = await mount({ open: true });
    client.update({
      messages: [stored('user', 'Docs: https://example.com/docs, mail mailto:help@example.com, not javascript:alert(1) or data:text/html,x', 'Anna')],
    });
    await el.updateComplete;
    const anchors = $$(el, '.message a') as HTMLAnchorElement[];
    expect(anchors.map((a) => a.getAttribute('href'))).toEqual(['https://example.com/docs', 'mailto:help@example.com']);
    for (const a of anchors) {
      expect(a.getAttribute('target')).toBe('_blank');
      expect(a.getAttribute('rel')).toBe('noopener noreferrer nofollow');
    }
    expect($(el, '.message .text').textContent).toContain('javascript:alert(1)');
  });

  test('styles each author kind, shows staff and bot names, and marks unacknowledged messages', async () => {
    const { el, client } = await mount({ open: true });
    client.update({
      messages: [
        stored('visitor', 'Hi'),
        stored('user', 'Hello!', 'Anna'),
        stored('bot', 'Beep', 'Robo'),
        stored('system', 'Anna joined'),
        { status: 'sending', clientMsgId: 'c9', text: 'on its way', createdAt: '', author: { kind: 'visitor' } },
      ],
    });
    await el.updateComplete;
    const messages = $$(el, '.message');
    expect(messages.map((m) => m.getAttribute('part'))).toEqual([
      'message message-visitor',
      'message message-user',
      'message message-bot',
      'message message-system',
      'message message-visitor',
    ]);
    expect($$(el, '.author').map((a) => a.textContent)).toEqual(['Anna', 'Robo']);
    expect(messages[4]!.classList.contains('sending')).toBe(true);
    expect(messages[4]!.querySelector('.status')!.textContent).toBe('Sending…');
    expect(messages[0]!.querySelector('.status')).toBeNull();
  });

  test('the greeting shows while there are no messages', async () => {
    const { el, client } = await mount({ open: true });
    expect($(el, '.greeting').textContent).toBe('Hello from Acme');
    client.update({ messages: [stored('visitor', 'Hi')] });
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.greeting')).toBeNull();
  });

  test('the message list is a polite live log inside a labelled dialog', async () => {
    const { el } = await mount({ open: true });
    const log = $(el, '[part="messages"]');
    expect(log.getAttribute('role')).toBe('log');
    expect(log.getAttribute('aria-live')).toBe('polite');
    const panel = $(el, '[part="panel"]');
    expect(panel.getAttribute('role')).toBe('dialog');
    expect(panel.getAttribute('aria-label')).toBe('Acme support');
    expect($(el, '[part="title"]').textContent).toBe('Acme support');
  });

  test('the typing indicator names who is typing', async () => {
    const { el, client } = await mount({ open: true });
    expect($(el, '.typing').textContent).toBe('');
    client.update({ typing: { kind: 'user', name: 'Anna' } });
    await el.updateComplete;
    expect($(el, '.typing').textContent).toBe('Anna is typing…');
    client.update({ typing: { kind: 'bot' } });
    await el.updateComplete;
    expect($(el, '.typing').textContent).toBe('Someone is typing…');
  });
});

describe('launcher', () => {
  test('shows the unread count in a badge and in its accessible name', async () => {
    const { el, client } = await mount();
    expect(el.shadowRoot!.querySelector('[part="badge"]')).toBeNull();
    expect($(el, '[part="launcher"]').getAttribute('aria-label')).toBe('Open chat');
    client.update({ unread: 3 });
    await el.updateComplete;
    expect($(el, '[part="badge"]').textContent).toBe('3');
    expect($(el, '[part="launcher"]').getAttribute('aria-label')).toBe('Open chat, 3 unread');
    client.update({ unread: 120 });
    await el.updateComplete;
    expect($(el, '[part="badge"]').textContent).toBe('99+');
  });

  test('is a real button that says whether the panel is expanded', async () => {
    const { el } = await mount();
    const launcher = $(el, '[part="launcher"]');
    expect(launcher.tagName).toBe('BUTTON');
    expect(launcher.getAttribute('aria-expanded')).toBe('false');
    expect($(el, '[part="panel"]').hidden).toBe(true);
    launcher.click();
    await el.updateComplete;
    expect(launcher.getAttribute('aria-expanded')).toBe('true');
    expect($(el, '[part="panel"]').hidden).toBe(false);
  });
});

describe('connection and errors', () => {
  test('a banner says when the connection is being restored', async () => {
    const { el, client } = await mount({ open: true });
    expect(el.shadowRoot!.querySelector('[part="banner"]')).toBeNull();
    client.update({ connection: 'reconnecting' });
    await el.updateComplete;
    expect($(el, '[part="banner"]').textContent).toBe('Connection lost. Reconnecting…');
    client.update({ connection: 'online' });
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part="banner"]')).toBeNull();
  });

  test('a refused channel shows that the chat is unavailable', async () => {
    const { el, client } = await mount({ open: true });
    client.fail({ code: 'channel_refused', message: 'no' });
    await el.updateComplete;
    expect($(el, '[part="banner"]').textContent).toBe('The chat is not available right now.');
    expect($(el, '[part="banner"]').getAttribute('role')).toBe('alert');
  });
});

describe('appearance', () => {
  test('takes the channel colour through a custom property, and only plain colours', async () => {
    const { el, client } = await mount();
    expect(el.style.getPropertyValue('--interact-channel-color')).toBe('#ff6600');
    client.update({ channel: { ...client.state.channel!, color: 'red;background:url(https://evil.example/x)' } });
    await el.updateComplete;
    expect(el.style.getPropertyValue('--interact-channel-color')).toBe('');
    expect(el.getAttribute('style') ?? '').not.toContain('evil');
  });

  test('follows the channel position unless the position property says otherwise', async () => {
    const { el, client } = await mount();
    expect($(el, '.root').classList.contains('left')).toBe(false);
    client.update({ channel: { ...client.state.channel!, position: 'bottom-left' } });
    await el.updateComplete;
    expect($(el, '.root').classList.contains('left')).toBe(true);
    el.position = 'bottom-right';
    await el.updateComplete;
    expect($(el, '.root').classList.contains('left')).toBe(false);
  });
});
