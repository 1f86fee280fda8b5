import { describe, expect, test, vi } from 'vitest';
import { $, key, mount } from './helpers.js';
import { FakeClient, stored } from './fake-client.js';

describe('composer', () => {
  test('Enter sends the text and clears the field; Shift+Enter does not send', async () => {
    const { el, client } = await mount({ open: true });
    const input = $<HTMLTextAreaElement>(el, 'textarea');
    input.value = 'line one';
    const shifted = key(input, { key: 'Enter', shiftKey: true });
    expect(shifted.defaultPrevented).toBe(false);
    expect(client.send).not.toHaveBeenCalled();
    input.value = 'line one\nline two';
    const enter = key(input, { key: 'Enter' });
    expect(enter.defaultPrevented).toBe(true);
    expect(client.send).toHaveBeenCalledWith('line one\nline two');
    expect(input.value).toBe('');
    await el.updateComplete;
    expect($(el, '.message.sending .text').textContent).toBe('line one\nline two');
  });

  test('the send button sends; blank text is not sent', async () => {
    const { el, client } = await mount({ open: true });
    const input = $<HTMLTextAreaElement>(el, 'textarea');
    const button = $(el, '[part="send-button"]');
    expect(button.getAttribute('aria-label')).toBe('Send');
    input.value = '   ';
    button.click();
    expect(client.send).not.toHaveBeenCalled();
    input.value = 'hello';
    button.click();
    expect(client.send).toHaveBeenCalledExactlyOnceWith('hello');
    expect(client.typing).toHaveBeenLastCalledWith(false);
  });

  test('tells the client the visitor is typing, not on every keystroke', async () => {
    const { el, client } = await mount({ open: true });
    const input = $<HTMLTextAreaElement>(el, 'textarea');
    for (const value of ['h', 'he', 'hel']) {
      input.value = value;
      input.dispatchEvent(new Event('input', { bubbles: true }));
    }
    expect(client.typing.mock.calls).toEqual([[true]]);
    input.value = '';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    expect(client.typing).toHaveBeenLastCalledWith(false);
  });

  test('a message the client refuses as too long shows an error and keeps the draft', async () => {
    const { el, client } = await mount({ open: true });
    client.send.mockImplementationOnce(() => {
      throw new RangeError('too long');
    });
    const input = $<HTMLTextAreaElement>(el, 'textarea');
    input.value = 'x'.repeat(10);
    key(input, { key: 'Enter' });
    await el.updateComplete;
    expect(input.value).toBe('x'.repeat(10));
    expect($(el, '[part="banner"]').textContent).toBe('That message is too long to send.');
  });
});

describe('opening and closing', () => {
  test('nothing is persisted before the visitor opens the chat; opening persists and marks read', async () => {
    const { el, client } = await mount();
    client.update({ unread: 2, messages: [stored('user', 'Hi', 'Anna'), stored('user', 'Still there?', 'Anna')] });
    await el.updateComplete;
    expect(client.persist).not.toHaveBeenCalled();
    expect(client.markRead).not.toHaveBeenCalled();

    const opened = vi.fn();
    document.addEventListener('interact-open', opened);
    $(el, '[part="launcher"]').click();
    await el.updateComplete;
    document.removeEventListener('interact-open', opened);

    expect(opened).toHaveBeenCalledOnce();
    expect(client.persist).toHaveBeenCalledOnce();
    expect(client.markRead).toHaveBeenCalled();
    expect(client.state.unread).toBe(0);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part="badge"]')).toBeNull();
  });

  test('an element created open persists once', async () => {
    const { client } = await mount({ open: true });
    expect(client.persist).toHaveBeenCalledOnce();
    expect(client.markRead).toHaveBeenCalledOnce();
  });

  test('reopening marks read again', async () => {
    const { el, client } = await mount({ open: true });
    el.open = false;
    await el.updateComplete;
    el.open = true;
    await el.updateComplete;
    expect(client.markRead).toHaveBeenCalledTimes(2);
  });

  test('messages arriving while open are marked read', async () => {
    const { el, client } = await mount({ open: true });
    client.markRead.mockClear();
    client.update({ unread: 1, messages: [stored('user', 'New', 'Anna')] });
    expect(client.markRead).toHaveBeenCalledOnce();
    await el.updateComplete;
    expect(client.state.unread).toBe(0);
  });

  test('messages arriving while closed stay unread', async () => {
    const { el, client } = await mount();
    client.update({ unread: 1, messages: [stored('user', 'New', 'Anna')] });
    await el.updateComplete;
    expect(client.markRead).not.toHaveBeenCalled();
    expect($(el, '[part="badge"]').textContent).toBe('1');
  });

  test('opening focuses the composer; Escape closes and returns focus to the launcher', async () => {
    const { el } = await mount();
    const closed = vi.fn();
    el.addEventListener('interact-close', closed);
    $(el, '[part="launcher"]').click();
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement).toBe($(el, 'textarea'));

    const escape = key($(el, 'textarea'), { key: 'Escape' });
    await el.updateComplete;
    expect(escape.defaultPrevented).toBe(false);
    expect(el.open).toBe(false);
    expect(el.hasAttribute('open')).toBe(false);
    expect(closed).toHaveBeenCalledOnce();
    expect((closed.mock.calls[0]![0] as CustomEvent).composed).toBe(true);
    expect(el.shadowRoot!.activeElement).toBe($(el, '[part="launcher"]'));
  });

  test('the close button closes the panel', async () => {
    const { el } = await mount({ open: true });
    const close = $(el, '[part="close-button"]');
    expect(close.getAttribute('aria-label')).toBe('Close chat');
    close.click();
    await el.updateComplete;
    expect(el.open).toBe(false);
    expect($(el, '[part="panel"]').hidden).toBe(true);
  });

  test('opening by code (the SDK) persists but fires no event', async () => {
    const { el, client } = await mount();
    const opened = vi.fn();
    el.addEventListener('interact-open', opened);
    el.open = true;
    await el.updateComplete;
    expect(client.persist).toHaveBeenCalledOnce();
    expect(opened).not.toHaveBeenCalled();
    expect(el.hasAttribute('open')).toBe(true);
  });
});

describe('away', () => {
  test('shows the away message and sends the left e-mail address with identify()', async () => {
    const { el, client } = await mount({ open: true });
    client.update({ availability: { status: 'away', awayMessage: 'Back on Monday <b>9:00</b>' } });
    await el.updateComplete;
    expect($(el, '[part="away"] .text').textContent).toBe('Back on Monday <b>9:00</b>');
    const input = $<HTMLInputElement>(el, '#email');
    expect($(el, 'label[for="email"]').textContent).toBe('Leave your e-mail address and we will get back to you');

    input.value = 'not an address';
    $(el, '[part="email-form"] button').click();
    await el.updateComplete;
    expect(client.identify).not.toHaveBeenCalled();
    expect($(el, '.invalid').textContent).toBe('Please enter a valid e-mail address.');

    $<HTMLInputElement>(el, '#email').value = ' ann@example.com ';
    $(el, '[part="email-form"] button').click();
    await el.updateComplete;
    expect(client.identify).toHaveBeenCalledExactlyOnceWith({ email: 'ann@example.com' });
    expect(el.shadowRoot!.querySelector('[part="email-form"]')).toBeNull();
    expect($(el, '[part="away"] [role="status"]').textContent).toBe('Thank you! We will reply to ann@example.com.');
  });

  test('no e-mail form when the visitor is known by e-mail, nor while online', async () => {
    const { el, client } = await mount({ open: true });
    expect(el.shadowRoot!.querySelector('[part="away"]')).toBeNull();
    client.update({
      availability: { status: 'away' },
      visitor: { id: 'v1', verified: false, profile: { email: 'ann@example.com' } },
    });
    await el.updateComplete;
    expect($(el, '[part="away"] .text').textContent).toBe('Nobody can answer right now.');
    expect(el.shadowRoot!.querySelector('[part="email-form"]')).toBeNull();
  });
});

describe('client lifecycle', () => {
  test('subscribes while in the page and unsubscribes when removed', async () => {
    const { el, client } = await mount();
    expect(client.listenerCount()).toBeGreaterThan(0);
    el.remove();
    expect(client.listenerCount()).toBe(0);
    document.body.append(el);
    expect(client.listenerCount()).toBeGreaterThan(0);
  });

  test('follows a replaced client', async () => {
    const { el, client } = await mount();
    const next = new FakeClient();
    next.state = { ...next.state, channel: { ...next.state.channel!, name: 'Other shop' } };
    el.client = next;
    await el.updateComplete;
    expect(client.listenerCount()).toBe(0);
    expect(next.listenerCount()).toBeGreaterThan(0);
    expect($(el, '[part="title"]').textContent).toBe('Other shop');
  });

  test('renders without a client', async () => {
    const el = document.createElement('interact-chat');
    document.body.append(el);
    await el.updateComplete;
    expect($(el, '[part="title"]').textContent).toBe('Chat');
    expect($(el, '.greeting').textContent).toBe('Hi! How can we help?');
  });
});
