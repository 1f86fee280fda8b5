import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Something that can be subscribed to: every store below, whatever its value. */
export interface Subscribable {
  subscribe(listener: () => void): () => void;
}

/**
 * A value that tells its subscribers when it changes. Each piece of app state (session, language,
 * route, inbox, …) is one small store with the actions that change it; views only read and call.
 */
export class Store<T> implements Subscribable {
  #value: T;
  readonly #listeners = new Set<() => void>();

  constructor(initial: T) {
    this.#value = initial;
  }

  get value(): T {
    return this.#value;
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  protected set(next: T): void {
    if (Object.is(next, this.#value)) return;
    this.#value = next;
    for (const listener of [...this.#listeners]) listener();
  }
}

/**
 * Re-renders an element whenever one of its stores changes, for as long as the element is in the
 * page. The stores are read from the host on every update, so properties set later (or replaced)
 * are followed.
 */
export class StoreController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #stores: () => ReadonlyArray<Subscribable | null | undefined>;
  #bound: ReadonlyArray<Subscribable | null | undefined> = [];
  #stops: Array<() => void> = [];
  #connected = false;

  constructor(host: ReactiveControllerHost, stores: () => ReadonlyArray<Subscribable | null | undefined>) {
    this.#host = host;
    this.#stores = stores;
    host.addController(this);
  }

  hostConnected(): void {
    this.#connected = true;
    this.#bind();
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#unbind();
  }

  hostUpdate(): void {
    const stores = this.#stores();
    if (this.#connected && (stores.length !== this.#bound.length || stores.some((s, i) => s !== this.#bound[i]))) this.#bind();
  }

  #bind(): void {
    this.#unbind();
    this.#bound = this.#stores();
    for (const store of this.#bound) if (store) this.#stops.push(store.subscribe(() => this.#host.requestUpdate()));
  }

  #unbind(): void {
    for (const stop of this.#stops) stop();
    this.#stops = [];
    this.#bound = [];
  }
}
