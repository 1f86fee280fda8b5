import { afterEach } from 'vitest';
import '../src/interact-chat.js';
import type { InteractChat } from '../src/interact-chat.js';
import { FakeClient } from './fake-client.js';

afterEach(() => {
  document.body.replaceChildren();
  document.documentElement.removeAttribute('lang');
});

/** An <interact-chat> in the page, bound to a fake client, rendered. */
export async function mount(props: Partial<Pick<InteractChat, 'open' | 'locale' | 'position' | 'strings'>> = {}, client = new FakeClient()) {
  const el = document.createElement('interact-chat');
  Object.assign(el, props);
  el.client = client;
  document.body.append(el);
  await el.updateComplete;
  return { el, client };
}

export function $<E extends Element = HTMLElement>(el: InteractChat, selector: string): E {
  const found = el.shadowRoot!.querySelector<E>(selector);
  if (!found) throw new Error(`nothing matches ${selector}`);
  return found;
}

export function $$(el: InteractChat, selector: string): Element[] {
  return [...el.shadowRoot!.querySelectorAll(selector)];
}

export function key(target: Element, init: KeyboardEventInit): KeyboardEvent {
  const event = new KeyboardEvent('keydown', { bubbles: true, composed: true, cancelable: true, ...init });
  target.dispatchEvent(event);
  return event;
}
