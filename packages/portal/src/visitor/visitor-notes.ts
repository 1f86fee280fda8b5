import { css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type { Api } from '../api/index.js';
import type { CodedError } from '../api/http.js';
import type { VisitorNote } from '../api/types.js';
import { errorText } from '../i18n/error-text.js';
import { PortalElement } from '../ui/portal-element.js';
import { ReloadOnVisitorChange } from './reload-on-visitor-change.js';
import { dateTimeOf } from '../ui/time.js';

/** Staff notes about a visitor, newest first, with who wrote them and when, and a form to add one. */
@customElement('visitor-notes')
export class VisitorNotes extends PortalElement {
  static override styles = [
    PortalElement.styles,
    css`
      ol {
        margin: 0 0 12px;
        padding: 0;
        list-style: none;
      }
      li {
        padding: 8px 0;
        border-bottom: 1px solid var(--border, #e5e7eb);
      }
      .text {
        margin: 0;
        white-space: pre-wrap;
        overflow-wrap: anywhere;
      }
      .meta {
        margin: 2px 0 0;
        color: var(--muted, #475569);
        font-size: 0.8rem;
      }
      textarea {
        min-height: 64px;
        resize: vertical;
      }
    `,
  ];

  @property({ attribute: false }) api?: Api;
  @property({ attribute: false }) visitorId?: string;

  @state() private notes: VisitorNote[] | null = null;
  @state() private error: CodedError | null = null;
  @state() private busy = false;
  @query('textarea') private textarea!: HTMLTextAreaElement;
  /** Keeps the panel's data for the visitor it shows. */
  readonly #reload = new ReloadOnVisitorChange(this, () => this.visitorId, () => this.#load());


  override render() {
    const t = this.t.notes;
    return html`
      <h2 id="notes-title">${t.title}</h2>
      <form @submit=${this.#add}>
        <div class="field">
          <label for="note">${t.add}</label>
          <textarea id="note" maxlength="2000" required></textarea>
        </div>
        <div class="alert" role="alert">${this.error ? errorText(this.t, this.error) : nothing}</div>
        <button class="button small" type="submit" ?disabled=${this.busy}>${t.submit}</button>
      </form>
      ${this.notes === null
        ? html`<p class="muted">${this.t.common.loading}</p>`
        : this.notes.length === 0
          ? html`<p class="muted">${t.none}</p>`
          : html`<ol aria-labelledby="notes-title">
              ${this.notes.map(
                (n) => html`<li>
                  <p class="text">${n.text}</p>
                  <p class="meta">${n.author.name} · <time datetime=${n.createdAt}>${dateTimeOf(n.createdAt, this.language)}</time></p>
                </li>`,
              )}
            </ol>`}
    `;
  }

  async #load(): Promise<void> {
    const id = this.visitorId;
    this.notes = null;
    this.error = null;
    if (!id || !this.api) return;
    try {
      const notes = await this.api.visitors.notes(id);
      if (id === this.visitorId) this.notes = notes;
    } catch (error) {
      if (id === this.visitorId) {
        this.notes = [];
        this.error = error as CodedError;
      }
    }
  }

  async #add(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const text = this.textarea.value.trim();
    if (!text || !this.visitorId || !this.api || this.busy) return;
    this.busy = true;
    this.error = null;
    try {
      const note = await this.api.visitors.addNote(this.visitorId, text);
      this.notes = [note, ...(this.notes ?? [])];
      this.textarea.value = '';
    } catch (error) {
      this.error = error as CodedError;
    } finally {
      this.busy = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'visitor-notes': VisitorNotes;
  }
}
