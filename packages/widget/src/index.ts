// The public surface of @interact/widget. Importing it defines <interact-chat>.
export { InteractChat } from './interact-chat.js';
export type { WidgetPosition } from './interact-chat.js';
export type { ChatClient } from './chat-client.js';
export { DICTIONARIES, format, pageLocale, stringsFor } from './i18n/index.js';
export type { WidgetStrings } from './i18n/index.js';
export { linkParts, safeHref } from './link-parts.js';
export type { TextPart } from './link-parts.js';
