import { afterEach, vi } from 'vitest';
import type { LitElement } from 'lit';
import type { Permission, Role, Session } from '../src/api/types.js';

afterEach(() => {
  document.body.replaceChildren();
  vi.unstubAllGlobals();
  vi.useRealTimers();
  window.sessionStorage.clear();
  window.localStorage.clear();
  window.history.replaceState(null, '', '/');
});

const PERMISSIONS_OF: Record<Role, Permission[]> = {
  administrator: ['account.read', 'users.read', 'users.manage', 'channels.manage', 'inbox.use', 'conversations.all'],
  supervisor: ['account.read', 'inbox.use', 'conversations.all'],
  agent: ['account.read', 'inbox.use'],
  analyst: ['account.read'],
};

export function session(role: Role = 'agent', user: Partial<Session['user']> = {}): Session {
  return {
    user: {
      id: 'u-me',
      firstName: 'Mia',
      lastName: 'Maes',
      email: 'mia@example.com',
      role,
      nativeLanguage: 'en',
      active: true,
      locked: false,
      hasPassword: true,
      createdAt: '2025-01-01T00:00:00.000Z',
      updatedAt: '2025-01-01T00:00:00.000Z',
      ...user,
    },
    account: {
      id: 'a1',
      slug: 'acme',
      name: 'Acme',
      plan: 'hub',
      seatCount: 5,
      seatsUsed: 3,
      options: ['sdk'],
      timezone: 'Europe/Brussels',
      languages: ['en', 'fr', 'nl'],
    },
    permissions: PERMISSIONS_OF[role],
  };
}

/** Puts an element in the page with the given properties and waits for its first render. */
export async function mount<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}): Promise<HTMLElementTagNameMap[K]> {
  const el = document.createElement(tag);
  Object.assign(el, props);
  document.body.append(el);
  await (el as unknown as LitElement).updateComplete;
  return el;
}

/** Lets pending promises (fetch answers) settle, then waits for the element (and its children) to render. */
export async function settle(el?: Element, rounds = 4): Promise<void> {
  for (let i = 0; i < rounds; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (el) await deepUpdate(el);
  }
}

async function deepUpdate(el: Element): Promise<void> {
  const lit = el as Partial<LitElement>;
  if (lit.updateComplete) await lit.updateComplete;
  const root = (el as HTMLElement).shadowRoot;
  if (root) for (const child of root.querySelectorAll('*')) if (child.tagName.includes('-')) await deepUpdate(child);
}

/** The first match in the element's shadow root, or in nested shadow roots. */
export function $<E extends Element = HTMLElement>(el: Element, selector: string): E {
  const found = find<E>(el, selector);
  if (!found) throw new Error(`nothing matches ${selector}`);
  return found;
}

export function find<E extends Element = HTMLElement>(el: Element, selector: string): E | null {
  const root = (el as HTMLElement).shadowRoot;
  if (!root) return null;
  const direct = root.querySelector<E>(selector);
  if (direct) return direct;
  for (const child of root.querySelectorAll('*')) {
    const nested = find<E>(child, selector);
    if (nested) return nested;
  }
  return null;
}

export function findAll(el: Element, selector: string): Element[] {
  const root = (el as HTMLElement).shadowRoot;
  if (!root) return [];
  return [...root.querySelectorAll(selector), ...[...root.querySelectorAll('*')].flatMap((child) => findAll(child, selector))];
}

export function text(el: Element | null): string {
  return (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

export function type(input: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement, value: string): void {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  input.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
}

export function submit(form: HTMLFormElement): void {
  form.dispatchEvent(new SubmitEvent('submit', { bubbles: true, cancelable: true }));
}

export function key(target: Element, init: KeyboardEventInit): KeyboardEvent {
  const event = new KeyboardEvent('keydown', { bubbles: true, composed: true, cancelable: true, ...init });
  target.dispatchEvent(event);
  return event;
}
