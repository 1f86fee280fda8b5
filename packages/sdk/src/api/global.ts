import type { InitOptions } from './init-options.js';
import { Interact, type InteractApi } from './interact.js';

type Method = 'init' | 'open' | 'close' | 'toggle' | 'identify' | 'setLocale' | 'on' | 'off' | 'shutdown';
const METHODS: readonly Method[] = ['init', 'open', 'close', 'toggle', 'identify', 'setLocale', 'on', 'off', 'shutdown'];

/** `Interact('open')` and `Interact.open()` both work, like the stubs developers know. */
export type GlobalInteract = ((method: Method, ...args: unknown[]) => unknown) & {
  [M in Method]: InteractApi[M];
} & { readonly loaded: true; q?: unknown[][] };

declare global {
  interface Window {
    Interact?: GlobalInteract | ({ (...args: unknown[]): void; q?: unknown[][] } & Record<string, unknown>);
  }
}

function call(method: unknown, args: unknown[]): unknown {
  if (typeof method !== 'string' || !(METHODS as readonly string[]).includes(method)) {
    throw new TypeError(`Interact: unknown method "${String(method)}" (known: ${METHODS.join(', ')})`);
  }
  const fn = Interact[method as Method] as (...a: unknown[]) => unknown;
  return fn.apply(Interact, args);
}

/** Settings from the script tag's data-* attributes (the CSP-friendly variant needs no inline script). */
function optionsFromScript(script: HTMLScriptElement | null): InitOptions | null {
  const data = script?.dataset;
  if (!data?.channelKey) return null;
  return {
    hubUrl: data.hubUrl ?? new URL(script!.src).origin,
    channelKey: data.channelKey,
    ...(data.locale ? { locale: data.locale } : {}),
    ...(data.position === 'bottom-left' || data.position === 'bottom-right' ? { position: data.position } : {}),
    ...(data.open === 'true' ? { open: true } : {}),
  };
}

/**
 * The script-tag entry: replaces the inline stub's `window.Interact` with the real API, runs the
 * calls the stub queued before the script loaded, and initialises from data-* attributes. Runs
 * once, however many times the script is included.
 */
export function installGlobal(win: Window = window, script: HTMLScriptElement | null = document.currentScript as HTMLScriptElement | null): void {
  const existing = win.Interact;
  if (existing && (existing as GlobalInteract).loaded === true) return;
  // The stub queues `arguments` objects: make them arrays.
  const queued = Array.isArray(existing?.q) ? existing.q.map((args) => Array.from(args)) : [];
  const api = ((method: Method, ...args: unknown[]) => call(method, args)) as GlobalInteract;
  for (const method of METHODS) {
    (api as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => call(method, args);
  }
  Object.defineProperty(api, 'loaded', { value: true });
  win.Interact = api;

  const fromScript = optionsFromScript(script);
  if (fromScript && !queued.some((args) => args[0] === 'init')) Interact.init(fromScript);
  for (const args of queued) {
    try {
      call(args[0], args.slice(1));
    } catch (error) {
      console.error(error);
    }
  }
}
