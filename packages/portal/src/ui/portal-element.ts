import { LitElement, type CSSResultGroup } from 'lit';
import { property } from 'lit/decorators.js';
import { DICTIONARIES, type Language, type PortalStrings } from '../i18n/index.js';
import type { LocaleStore } from '../i18n/locale-store.js';
import { StoreController, type Subscribable } from '../state/store.js';
import { baseStyles } from './styles.js';

/**
 * What every portal element shares: the shared look, the dictionary of the current language (and
 * re-rendering when it changes), and re-rendering when any store it names changes.
 */
export abstract class PortalElement extends LitElement {
  static override styles: CSSResultGroup = baseStyles;

  /** The portal's language; English when not set. */
  @property({ attribute: false }) locale?: LocaleStore;

  constructor() {
    super();
    new StoreController(this, () => [this.locale, ...this.watchedStores()]);
  }

  /** Further stores whose changes re-render this element. */
  protected watchedStores(): ReadonlyArray<Subscribable | null | undefined> {
    return [];
  }

  protected get t(): PortalStrings {
    return this.locale?.t ?? DICTIONARIES.en;
  }

  protected get language(): Language {
    return this.locale?.value.language ?? 'en';
  }
}
