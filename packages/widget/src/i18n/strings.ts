/**
 * Every text the widget shows of its own. Values are plain strings so a site can override them
 * from a config object; `{name}` / `{count}` are placeholders filled by `format()`.
 */
export interface WidgetStrings {
  /** Panel title when the channel has no name yet. */
  title: string;
  /** Launcher's accessible name while the panel is closed. */
  openChat: string;
  /** Launcher's and close button's accessible name while the panel is open. */
  closeChat: string;
  /** Appended to the launcher's name when messages wait: `{count}`. */
  unread: string;
  /** Shown when there are no messages and the channel has no greeting. */
  greeting: string;
  /** Accessible name of the message list. */
  messages: string;
  /** Composer placeholder and accessible name. */
  placeholder: string;
  send: string;
  /** Under a visitor's message the hub has not acknowledged yet. */
  sending: string;
  /** `{name}` of the staff member or bot. */
  typing: string;
  /** Used for `{name}` when the typist has no display name. */
  someone: string;
  connecting: string;
  reconnecting: string;
  offline: string;
  /** The hub refused this site for this channel. */
  unavailable: string;
  messageTooLong: string;
  /** Shown while away when the channel has no away message of its own. */
  away: string;
  emailLabel: string;
  emailSubmit: string;
  emailInvalid: string;
  /** After the e-mail was left: `{email}`. */
  emailThanks: string;
}

/** Fills `{key}` placeholders; unknown keys stay as they are. */
export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (all, key: string) => (key in values ? String(values[key]) : all));
}
