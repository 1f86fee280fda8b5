import { Store } from '../state/store.js';
import { browserLanguage, DICTIONARIES, languageOf, type Language, type PortalStrings } from './index.js';

const CHOICE_KEY = 'interact.portal.language';

export interface LocaleState {
  language: Language;
  t: PortalStrings;
}

function storedChoice(): Language | null {
  try {
    return languageOf(globalThis.sessionStorage?.getItem(CHOICE_KEY));
  } catch {
    return null;
  }
}

/**
 * The portal's language: the signed-in user's native language when the portal speaks it, else the
 * browser's. The switch in the header overrides both for this tab (kept across reloads, forgotten
 * at the next sign-in).
 */
export class LocaleStore extends Store<LocaleState> {
  constructor(initial: Language = storedChoice() ?? browserLanguage()) {
    super({ language: initial, t: DICTIONARIES[initial] });
    this.#apply(initial);
  }

  get t(): PortalStrings {
    return this.value.t;
  }

  /** The session is known: use the user's native language unless this tab chose one. */
  follow(nativeLanguage: string): void {
    const language = storedChoice() ?? languageOf(nativeLanguage);
    if (language) this.#use(language);
  }

  /** A new sign-in: the user's own language again. */
  signedIn(nativeLanguage: string): void {
    this.#remember(null);
    this.follow(nativeLanguage);
  }

  /** The header's switch. */
  choose(language: Language): void {
    this.#remember(language);
    this.#use(language);
  }

  #use(language: Language): void {
    this.#apply(language);
    if (language !== this.value.language) this.set({ language, t: DICTIONARIES[language] });
  }

  #apply(language: Language): void {
    if (typeof document !== 'undefined') document.documentElement.lang = language;
  }

  #remember(language: Language | null): void {
    try {
      if (language) globalThis.sessionStorage?.setItem(CHOICE_KEY, language);
      else globalThis.sessionStorage?.removeItem(CHOICE_KEY);
    } catch {
      // Storage refused: the choice lasts for this page.
    }
  }
}
