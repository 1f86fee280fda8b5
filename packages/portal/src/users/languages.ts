/** Native languages offered when creating a user; a user's existing other tag is kept and shown too. */
export const NATIVE_LANGUAGES = ['en', 'fr', 'nl', 'de', 'es', 'it', 'pt', 'pl', 'tr', 'ar'] as const;

/** "Français" for 'fr' in French, "French" in English; the tag itself when the browser cannot name it. */
export function languageName(tag: string, inLanguage: string): string {
  try {
    return new Intl.DisplayNames([inLanguage], { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}
