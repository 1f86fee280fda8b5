import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Loads a panel's data again whenever the visitor it shows changes (another conversation was
 * opened), before the panel renders; the three visitor panels share this instead of each keeping
 * its own "loaded for" bookkeeping.
 */
export class ReloadOnVisitorChange implements ReactiveController {
  #loadedFor: string | undefined;

  constructor(
    host: ReactiveControllerHost,
    private readonly visitorId: () => string | undefined,
    private readonly load: () => Promise<void>,
  ) {
    host.addController(this);
  }

  hostUpdate(): void {
    const id = this.visitorId();
    if (id === this.#loadedFor) return;
    this.#loadedFor = id;
    void this.load();
  }
}
