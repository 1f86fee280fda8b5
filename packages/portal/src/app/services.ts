import { createApi, type Api } from '../api/index.js';
import type { Session } from '../api/types.js';
import { LocaleStore } from '../i18n/locale-store.js';
import { createStaffClient, type InboxClient } from '../inbox/inbox-client.js';
import { SoundSetting } from '../inbox/sound-setting.js';
import { Router } from '../state/router.js';
import { SessionStore } from '../state/session-store.js';
import { LiveInbox } from './live-inbox.js';

/** Everything the views share: the API, and one store per concern. */
export interface Services {
  api: Api;
  session: SessionStore;
  locale: LocaleStore;
  router: Router;
  sound: SoundSetting;
  inbox: LiveInbox;
}

export interface ServiceOptions {
  /** @default a StaffClient on this origin, authenticated by the session cookie */
  createClient?: (session: Session) => InboxClient;
  /** @default the current window */
  window?: Window;
}

/** Builds the services and wires them: a 401 ends the session; a session picks its language and opens the inbox. */
export function createServices(options: ServiceOptions = {}): Services & { start(): () => void } {
  let session: SessionStore | undefined;
  const api = createApi({ onUnauthorized: () => session?.expired() });
  session = new SessionStore(api.auth);
  const locale = new LocaleStore();
  const router = new Router(options.window ?? window);
  const sound = new SoundSetting();
  const inbox = new LiveInbox(session, sound, options.createClient ?? (() => createStaffClient()));
  const services = { api, session, locale, router, sound, inbox };
  return {
    ...services,
    start() {
      const stops = [
        router.start(),
        inbox.start(),
        session.subscribe(() => {
          const signedIn = session.session;
          if (signedIn) locale.follow(signedIn.user.nativeLanguage);
        }),
      ];
      void session.load();
      return () => stops.forEach((stop) => stop());
    },
  };
}
