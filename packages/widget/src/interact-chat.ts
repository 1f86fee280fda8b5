import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { LIMITS, type ChannelAppearance, type VisitorState } from '@interact/sdk';
import type { ChatClient } from './chat-client.js';
import { ClientController } from './client-controller.js';
import { format, pageLocale, stringsFor, type WidgetStrings } from './i18n/index.js';
import { chatIcon, closeIcon, sendIcon } from './icons.js';
import { styles } from './interact-chat-styles.js';
import { messageKey, renderMessage, renderText } from './message-templates.js';

export type WidgetPosition = ChannelAppearance['position'];

// Channel colours come from the hub; only plain colour values reach the style sheet.
const CSS_COLOR = /^(#[0-9a-f]{3,8}|[a-z]{3,20}|(rgb|hsl)a?\([\d\s.,%/+-]+\))$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * The #Interact chat as visitors see it: a launcher button and a chat panel, rendering the state of
 * the SDK's VisitorClient. The SDK creates it (`Interact.init`) and sets `client`; a site may also
 * place it itself and set `client` to its own VisitorClient.
 *
 * @fires interact-open - The visitor opened the panel. Bubbles, composed. Not fired when `open` is set by code.
 * @fires interact-close - The visitor closed the panel (close button, launcher or Escape). Bubbles, composed.
 *
 * @csspart launcher - The round button that opens and closes the panel.
 * @csspart badge - The unread count on the launcher.
 * @csspart panel - The chat panel (a non-modal dialog).
 * @csspart header - The panel's header; holds `title` and `close-button`.
 * @csspart title - The channel's name in the header.
 * @csspart close-button - The header's close button.
 * @csspart banner - Connection and error notices.
 * @csspart away - The away message and e-mail form shown while nobody can answer.
 * @csspart email-form - The e-mail capture form.
 * @csspart messages - The message list (role=log).
 * @csspart greeting - The channel's greeting, shown while there are no messages.
 * @csspart message - Every message; also `message-visitor`, `message-user`, `message-bot`, `message-system`.
 * @csspart typing - The "… is typing" line.
 * @csspart composer - The form with the text field and the send button.
 * @csspart input - The text field.
 * @csspart send-button - The send button.
 *
 * @cssprop --interact-color - Accent colour: launcher, header, the visitor's bubbles. Default: the channel's colour.
 * @cssprop --interact-on-color - Text on the accent colour. Default: white.
 * @cssprop --interact-font-family - Default: the system UI font.
 * @cssprop --interact-radius - Corner radius of the panel and bubbles. Default: 16px.
 * @cssprop --interact-background - Panel background. Default: white.
 * @cssprop --interact-text-color - Default: #1f2937.
 * @cssprop --interact-muted-color - Names, statuses, borders. Default: #6b7280.
 * @cssprop --interact-surface-color - Staff bubbles and notices. Default: #f3f4f6.
 * @cssprop --interact-badge-color - Unread badge. Default: #dc2626.
 * @cssprop --interact-focus-color - Focus ring. Default: the accent colour.
 * @cssprop --interact-offset - Distance from the corner of the window. Default: 20px.
 * @cssprop --interact-panel-width - Default: 370px.
 * @cssprop --interact-panel-height - Default: 560px.
 * @cssprop --interact-z-index - Default: 2147483000.
 */
export class InteractChat extends LitElement {
  static override styles = styles;

  /** The SDK's VisitorClient whose state is shown. */
  @property({ attribute: false }) client: ChatClient | undefined;

  /** Whether the panel is open. */
  @property({ type: Boolean, reflect: true }) open = false;

  /** BCP 47 language of the widget's own texts. @default the page's `<html lang>`, else the browser's */
  @property() locale: string = pageLocale();

  /** Corner of the window. @default the channel's setting, else 'bottom-right' */
  @property() position: WidgetPosition | undefined;

  /** Replaces some of the widget's texts, e.g. `{ greeting: 'Ask us anything' }`. */
  @property({ attribute: false }) strings: Partial<WidgetStrings> | undefined;

  @state() private emailSentTo = '';
  @state() private emailInvalid = false;

  private readonly session = new ClientController(this);
  private renderedMessages = 0;
  private appliedColor: string | undefined;
  private returnFocus = false;

  override render(): TemplateResult {
    const state = this.session.state;
    // `|| pageLocale()`: the SDK may pass its own option through as undefined.
    const locale = this.locale || pageLocale();
    const t = stringsFor(locale, this.strings);
    const title = state.channel?.name || t.title;
    const left = (this.position ?? state.channel?.position) === 'bottom-left';
    const toggleName = this.open ? t.closeChat : t.openChat;
    return html`<div class="root${left ? ' left' : ''}" lang=${locale} @keydown=${this.onKeydown}>
      <div part="panel" id="panel" class="panel" role="dialog" aria-label=${title} ?hidden=${!this.open}>
        <header part="header">
          <h2 part="title">${title}</h2>
          <button part="close-button" class="close" type="button" aria-label=${t.closeChat} @click=${this.onCloseClick}>
            ${closeIcon}
          </button>
        </header>
        ${this.renderBanner(state, t)} ${this.renderAway(state, t)}
        <div part="messages" class="messages" role="log" aria-live="polite" aria-label=${t.messages}>
          ${state.messages.length === 0
            ? html`<p part="greeting" class="greeting">${renderText(state.channel?.greeting || t.greeting)}</p>`
            : nothing}
          ${repeat(state.messages, messageKey, (message) => renderMessage(message, t))}
        </div>
        <p part="typing" class="typing">${state.typing ? format(t.typing, { name: state.typing.name || t.someone }) : ''}</p>
        <form part="composer" class="composer" @submit=${this.onSubmit}>
          <textarea
            part="input"
            rows="1"
            maxlength=${LIMITS.messageLength}
            placeholder=${t.placeholder}
            aria-label=${t.placeholder}
            enterkeyhint="send"
            @keydown=${this.onComposerKeydown}
            @input=${this.onInput}
          ></textarea>
          <button part="send-button" class="send" type="submit" aria-label=${t.send}>${sendIcon}</button>
        </form>
      </div>
      <button
        part="launcher"
        class="launcher"
        type="button"
        aria-label=${state.unread > 0 ? `${toggleName}, ${format(t.unread, { count: state.unread })}` : toggleName}
        aria-expanded=${this.open ? 'true' : 'false'}
        aria-controls="panel"
        @click=${this.onLauncherClick}
      >
        ${this.open ? closeIcon : chatIcon}
        ${state.unread > 0
          ? html`<span part="badge" class="badge" aria-hidden="true">${state.unread > 99 ? '99+' : state.unread}</span>`
          : nothing}
      </button>
    </div>`;
  }

  private renderBanner(state: VisitorState, t: WidgetStrings): TemplateResult | typeof nothing {
    const error = this.session.error;
    if (error) {
      const text = error.code === 'channel_refused' ? t.unavailable : t.messageTooLong;
      return html`<p part="banner" class="banner error" role="alert">${text}</p>`;
    }
    const notice = !this.session.browserOnline
      ? t.offline
      : state.connection === 'reconnecting'
        ? t.reconnecting
        : state.connection === 'connecting'
          ? t.connecting
          : '';
    return notice ? html`<p part="banner" class="banner" role="status">${notice}</p>` : nothing;
  }

  private renderAway(state: VisitorState, t: WidgetStrings): TemplateResult | typeof nothing {
    if (state.availability?.status !== 'away') return nothing;
    const known = !!state.visitor?.profile.email;
    return html`<div part="away" class="away">
      <p class="text">${renderText(state.availability.awayMessage || t.away)}</p>
      ${this.emailSentTo
        ? html`<p role="status">${format(t.emailThanks, { email: this.emailSentTo })}</p>`
        : known
          ? nothing
          : html`<form part="email-form" class="email" novalidate @submit=${this.onEmailSubmit}>
              <label for="email">${t.emailLabel}</label>
              <input
                id="email"
                name="email"
                type="email"
                autocomplete="email"
                required
                aria-invalid=${this.emailInvalid ? 'true' : 'false'}
                aria-describedby="email-error"
              />
              <button type="submit">${t.emailSubmit}</button>
              ${this.emailInvalid ? html`<p id="email-error" class="invalid" role="alert">${t.emailInvalid}</p>` : nothing}
            </form>`}
    </div>`;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Closing hides whatever had focus inside the panel: hand focus back to the launcher.
    if (changed.has('open') && !this.open) {
      const active = this.shadowRoot?.activeElement;
      this.returnFocus = !!active && !active.classList.contains('launcher');
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('open')) {
      if (this.open) {
        this.query<HTMLTextAreaElement>('textarea')?.focus();
      } else if (this.returnFocus) {
        this.returnFocus = false;
        this.query<HTMLButtonElement>('.launcher')?.focus();
      }
    }
    this.applyChannelColor(this.session.state.channel?.color);
    const count = this.session.state.messages.length;
    if (count !== this.renderedMessages || changed.has('open')) {
      this.renderedMessages = count;
      const log = this.query<HTMLElement>('.messages');
      if (log) log.scrollTop = log.scrollHeight;
    }
  }

  /** A custom property set through the CSSOM: allowed under a CSP without 'unsafe-inline'. */
  private applyChannelColor(color: string | undefined): void {
    const value = color && CSS_COLOR.test(color) ? color : undefined;
    if (value === this.appliedColor) return;
    this.appliedColor = value;
    if (value) this.style.setProperty('--interact-channel-color', value);
    else this.style.removeProperty('--interact-channel-color');
  }

  private query<E extends Element>(selector: string): E | null {
    return this.renderRoot.querySelector<E>(selector);
  }

  private setOpenByVisitor(open: boolean): void {
    if (this.open === open) return;
    this.open = open;
    this.dispatchEvent(new CustomEvent(open ? 'interact-open' : 'interact-close', { bubbles: true, composed: true }));
  }

  private onLauncherClick(): void {
    this.setOpenByVisitor(!this.open);
  }

  private onCloseClick(): void {
    this.setOpenByVisitor(false);
  }

  private onKeydown(event: KeyboardEvent): void {
    if (event.key === 'Escape' && this.open) {
      event.stopPropagation();
      this.setOpenByVisitor(false);
    }
  }

  private onComposerKeydown(event: KeyboardEvent): void {
    // Enter sends, Shift+Enter is a new line; Enter that confirms an IME composition is neither.
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      this.sendDraft();
    }
  }

  private onInput(event: Event): void {
    this.session.typed((event.target as HTMLTextAreaElement).value.trim() !== '');
  }

  private onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    this.sendDraft();
  }

  private sendDraft(): void {
    const input = this.query<HTMLTextAreaElement>('textarea');
    if (input && this.session.send(input.value)) input.value = '';
  }

  private onEmailSubmit(event: SubmitEvent): void {
    event.preventDefault();
    const email = (this.query<HTMLInputElement>('#email')?.value ?? '').trim();
    this.emailInvalid = !EMAIL.test(email);
    if (this.emailInvalid) return;
    this.session.identify(email);
    this.emailSentTo = email;
  }
}

// A page may include the script twice (a snippet pasted in two templates): define the element once.
if (!customElements.get('interact-chat')) customElements.define('interact-chat', InteractChat);

declare global {
  interface HTMLElementTagNameMap {
    'interact-chat': InteractChat;
  }
  interface HTMLElementEventMap {
    'interact-open': CustomEvent<void>;
    'interact-close': CustomEvent<void>;
  }
}
