import type { Session } from '../api/types.js';
import { InboxStore } from '../inbox/inbox-store.js';
import type { InboxClient } from '../inbox/inbox-client.js';
import { QueueAttention } from '../inbox/queue-attention.js';
import type { SoundSetting } from '../inbox/sound-setting.js';
import type { SessionStore } from '../state/session-store.js';
import { Store } from '../state/store.js';

/**
 * The inbox exists while someone who may use it is signed in: created (and its socket opened) at
 * sign-in, closed at sign-out. Its value is the current InboxStore, or null.
 */
export class LiveInbox extends Store<InboxStore | null> {
  readonly #session: SessionStore;
  readonly #sound: SoundSetting;
  readonly #createClient: (session: Session) => InboxClient;
  attention: QueueAttention | null = null;
  #stopWatching: (() => void) | null = null;

  constructor(session: SessionStore, sound: SoundSetting, createClient: (session: Session) => InboxClient) {
    super(null);
    this.#session = session;
    this.#sound = sound;
    this.#createClient = createClient;
  }

  start(): () => void {
    const stop = this.#session.subscribe(() => this.#sync());
    this.#sync();
    return () => {
      stop();
      this.#close();
    };
  }

  #sync(): void {
    const session = this.#session.session;
    const wanted = !!session && session.permissions.includes('inbox.use');
    const current = this.value;
    if (wanted && current?.me.id === session.user.id) return;
    this.#close();
    if (!wanted) return;
    const inbox = new InboxStore(this.#createClient(session), session.user);
    this.attention = new QueueAttention(inbox, this.#sound);
    inbox.start();
    this.attention.start();
    this.#stopWatching = this.#verifyOnDrop(inbox);
    this.set(inbox);
  }

  /**
   * The hub closes the staff socket of a session it ended (signed out everywhere, deactivated);
   * the socket then keeps reconnecting. Each time it drops, ask whether the session still holds.
   */
  #verifyOnDrop(inbox: InboxStore): () => void {
    let previous = inbox.value.connection;
    return inbox.subscribe(() => {
      const connection = inbox.value.connection;
      if (connection === 'reconnecting' && previous !== 'reconnecting') void this.#session.verify();
      previous = connection;
    });
  }

  #close(): void {
    const current = this.value;
    if (!current) return;
    this.#stopWatching?.();
    this.#stopWatching = null;
    this.attention?.stop();
    this.attention = null;
    current.stop();
    this.set(null);
  }
}
