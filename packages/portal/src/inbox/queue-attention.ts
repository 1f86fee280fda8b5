import type { ConversationSummary } from '@interact/sdk';
import { format, type PortalStrings } from '../i18n/strings.js';
import { Store } from '../state/store.js';
import { beep } from './beep.js';
import type { InboxStore } from './inbox-store.js';
import type { SoundSetting } from './sound-setting.js';

export const APP_TITLE = '#Interact';

export interface Announcement {
  id: number;
  text(t: PortalStrings): string;
}

/**
 * Makes new waiting conversations noticeable: the queue size in the tab's title ("(3) #Interact"),
 * a polite announcement for screen readers, and a short sound when the user turned it on.
 * The conversations in a welcome (first connect, reconnect) are not new: only later arrivals count.
 */
export class QueueAttention extends Store<Announcement | null> {
  readonly #inbox: InboxStore;
  readonly #sound: SoundSetting;
  readonly #play: () => void;
  #known = new Set<string>();
  #generation = -1;
  #stop: (() => void) | null = null;
  #next = 0;

  constructor(inbox: InboxStore, sound: SoundSetting, play: () => void = beep) {
    super(null);
    this.#inbox = inbox;
    this.#sound = sound;
    this.#play = play;
  }

  start(): void {
    this.#stop ??= this.#inbox.subscribe(() => this.#update());
    this.#update();
  }

  stop(): void {
    this.#stop?.();
    this.#stop = null;
    document.title = APP_TITLE;
  }

  #update(): void {
    const queue = this.#inbox.queue();
    document.title = queue.length ? `(${queue.length}) ${APP_TITLE}` : APP_TITLE;
    const ids = new Set(queue.map((s) => s.id));
    const arrivals: ConversationSummary[] = this.#generation === this.#inbox.value.generation ? queue.filter((s) => !this.#known.has(s.id)) : [];
    this.#generation = this.#inbox.value.generation;
    this.#known = ids;
    if (arrivals.length === 0) return;
    const names = arrivals.map((s) => s.visitor.name);
    this.#next += 1;
    this.set({
      id: this.#next,
      text: (t) =>
        names.length === 1
          ? format(t.inbox.arrivedOne, { name: names[0] || t.inbox.anonymous })
          : format(t.inbox.arrivedMany, { count: names.length }),
    });
    if (this.#sound.value) this.#play();
  }
}
