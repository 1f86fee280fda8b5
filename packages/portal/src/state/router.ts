import { Store } from './store.js';

/** Where the hub serves the portal; every route and asset lives under it. */
export const BASE_PATH = '/portal';

export type Route =
  | { name: 'home' }
  | { name: 'sign-in' }
  | { name: 'forgot-password' }
  | { name: 'set-password' }
  | { name: 'inbox'; conversationId: string | null }
  | { name: 'users' }
  | { name: 'not-found'; path: string };

/** The route of a path under /portal/ (anything else is not found). */
export function parseRoute(pathname: string): Route {
  if (pathname !== BASE_PATH && !pathname.startsWith(`${BASE_PATH}/`)) return { name: 'not-found', path: pathname };
  const parts = pathname.slice(BASE_PATH.length).split('/').filter(Boolean).map(decodeURIComponent);
  const [first, second, ...rest] = parts;
  if (rest.length === 0) {
    if (first === undefined) return { name: 'home' };
    if (second === undefined) {
      switch (first) {
        case 'sign-in':
        case 'forgot-password':
        case 'set-password':
        case 'users':
          return { name: first };
        case 'inbox':
          return { name: 'inbox', conversationId: null };
      }
    } else if (first === 'inbox') {
      return { name: 'inbox', conversationId: second };
    }
  }
  return { name: 'not-found', path: pathname };
}

/** The path of a route: `routePath({name: 'inbox', conversationId: 'c1'})` → `/portal/inbox/c1`. */
export function routePath(route: Route): string {
  switch (route.name) {
    case 'home':
      return `${BASE_PATH}/`;
    case 'inbox':
      return route.conversationId ? `${BASE_PATH}/inbox/${encodeURIComponent(route.conversationId)}` : `${BASE_PATH}/inbox`;
    case 'not-found':
      return route.path;
    default:
      return `${BASE_PATH}/${route.name}`;
  }
}

/**
 * History-API routing under /portal/: the current route as a store, `navigate`, the back button,
 * and in-app links (plain `<a href="/portal/…">`, clicked without modifier keys) without reloads.
 */
export class Router extends Store<Route> {
  readonly #window: Window;
  /** Where to go after signing in, when a signed-out visit to a page sent the user to sign in. */
  returnTo: string | null = null;

  constructor(win: Window = window) {
    super(parseRoute(win.location.pathname));
    this.#window = win;
  }

  start(): () => void {
    const onPop = () => this.set(parseRoute(this.#window.location.pathname));
    this.#window.addEventListener('popstate', onPop);
    onPop();
    return () => this.#window.removeEventListener('popstate', onPop);
  }

  navigate(path: string, options: { replace?: boolean } = {}): void {
    const history = this.#window.history;
    if (options.replace) history.replaceState(null, '', path);
    else if (this.#window.location.pathname !== path) history.pushState(null, '', path);
    this.set(parseRoute(new URL(path, this.#window.location.href).pathname));
  }

  go(route: Route, options?: { replace?: boolean }): void {
    this.navigate(routePath(route), options);
  }

  /** Click handler for an element holding links (in shadow roots too: the path is composed). */
  readonly handleClick = (event: MouseEvent): void => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const anchor = event.composedPath().find((node): node is HTMLAnchorElement => node instanceof HTMLElement && node.tagName === 'A');
    if (!anchor || !anchor.hasAttribute('href') || (anchor.target && anchor.target !== '_self') || anchor.hasAttribute('download')) return;
    const url = new URL(anchor.href, this.#window.location.href);
    if (url.origin !== this.#window.location.origin || parseRoute(url.pathname).name === 'not-found') return;
    event.preventDefault();
    this.navigate(url.pathname + url.search);
  };
}
