import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Api } from '../api/index.js';
import type { CodedError } from '../api/http.js';
import { VISITOR_FIELDS, type Visitor, type VisitorField, type VisitorFields } from '../api/types.js';
import { errorText } from '../i18n/error-text.js';
import { fieldError } from '../ui/field-error.js';
import { PortalElement } from '../ui/portal-element.js';
import { ReloadOnVisitorChange } from './reload-on-visitor-change.js';

const INPUT_TYPES: Record<VisitorField, string> = {
  firstName: 'text',
  lastName: 'text',
  email: 'email',
  birthDate: 'date',
  phone: 'tel',
  mobile: 'tel',
};

/**
 * A visitor's profile: first and last name, e-mail, birth date, phone and mobile, to read and to
 * edit. The hub validates; its message is shown by the field it names.
 */
@customElement('visitor-details')
export class VisitorDetails extends PortalElement {
  static override styles = [
    PortalElement.styles,
    css`
      dl {
        display: grid;
        grid-template-columns: minmax(90px, auto) 1fr;
        gap: 6px 12px;
        margin: 0 0 12px;
      }
      dt {
        color: var(--muted, #475569);
        font-size: 0.875rem;
      }
      dd {
        margin: 0;
        overflow-wrap: anywhere;
      }
      .title {
        display: flex;
        gap: 8px;
        align-items: baseline;
        justify-content: space-between;
      }
    `,
  ];

  @property({ attribute: false }) api?: Api;
  @property({ attribute: false }) visitorId?: string;

  @state() private visitor: Visitor | null = null;
  @state() private editing = false;
  @state() private loadError: CodedError | null = null;
  @state() private saveError: CodedError | null = null;
  @state() private fieldErrors: Partial<Record<VisitorField, string>> = {};
  @state() private saved = false;
  @state() private busy = false;
  /** Keeps the panel's data for the visitor it shows. */
  readonly #reload = new ReloadOnVisitorChange(this, () => this.visitorId, () => this.#load());


  override render() {
    const t = this.t.visitor;
    const v = this.visitor;
    return html`
      <div class="title">
        <h2 id="visitor-title">${t.title}</h2>
        ${v?.verified ? html`<span class="badge">${t.verified}</span>` : nothing}
      </div>
      ${this.loadError ? html`<p class="alert" role="alert">${errorText(this.t, this.loadError)}</p>` : nothing}
      ${!v && !this.loadError ? html`<p class="muted">${this.t.common.loading}</p>` : nothing}
      ${v ? (this.editing ? this.#form(v) : this.#view(v)) : nothing}
      <p class="success" role="status">${this.saved ? t.saved : nothing}</p>
    `;
  }

  #view(v: Visitor) {
    const t = this.t.visitor;
    return html`
      <dl>
        ${VISITOR_FIELDS.map((f) => html`<dt>${t.fields[f]}</dt><dd>${v[f] || html`<span class="muted">${t.empty}</span>`}</dd>`)}
        <dt>${t.channel}</dt>
        <dd>${v.channelName}</dd>
      </dl>
      <button class="button small" type="button" @click=${this.#edit}>${t.edit}</button>
    `;
  }

  #form(v: Visitor) {
    const t = this.t.visitor;
    return html`
      <form @submit=${this.#save} novalidate>
        ${VISITOR_FIELDS.map((f) => {
          const error = this.fieldErrors[f];
          return html`<div class="field">
            <label for="visitor-${f}">${t.fields[f]}</label>
            <input
              id="visitor-${f}"
              name=${f}
              type=${INPUT_TYPES[f]}
              autocomplete="off"
              .value=${v[f] ?? ''}
              aria-invalid=${error ? 'true' : 'false'}
              aria-describedby="visitor-${f}-error"
            />
            <p class="field-error" id="visitor-${f}-error">${error ?? nothing}</p>
          </div>`;
        })}
        <div class="alert" role="alert">${this.saveError ? errorText(this.t, this.saveError) : nothing}</div>
        <div class="actions">
          <button class="button primary small" type="submit" ?disabled=${this.busy}>${this.t.common.save}</button>
          <button class="button small" type="button" @click=${this.#cancel}>${this.t.common.cancel}</button>
        </div>
      </form>
    `;
  }

  async #load(): Promise<void> {
    const id = this.visitorId;
    this.visitor = null;
    this.editing = false;
    this.loadError = null;
    this.saved = false;
    if (!id || !this.api) return;
    try {
      const visitor = await this.api.visitors.get(id);
      if (id === this.visitorId) this.visitor = visitor;
    } catch (error) {
      if (id === this.visitorId) this.loadError = error as CodedError;
    }
  }

  async #edit(): Promise<void> {
    this.editing = true;
    this.saved = false;
    this.fieldErrors = {};
    this.saveError = null;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>('input')?.focus();
  }

  async #cancel(): Promise<void> {
    this.editing = false;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLButtonElement>('button')?.focus();
  }

  async #save(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const v = this.visitor;
    if (!v || !this.api || this.busy) return;
    const changes: Partial<VisitorFields> = {};
    for (const f of VISITOR_FIELDS) {
      const value = this.renderRoot.querySelector<HTMLInputElement>(`#visitor-${f}`)!.value.trim();
      const next = value === '' ? null : value;
      if (next !== (v[f] ?? null)) changes[f] = next;
    }
    this.fieldErrors = {};
    this.saveError = null;
    if (Object.keys(changes).length === 0) {
      this.editing = false;
      return;
    }
    this.busy = true;
    try {
      this.visitor = await this.api.visitors.update(v.id, changes);
      this.editing = false;
      this.saved = true;
    } catch (error) {
      const coded = error as CodedError;
      const about = coded.code === 'validation_failed' ? fieldError(coded.message, VISITOR_FIELDS) : null;
      if (about) {
        this.fieldErrors = { [about.field]: about.text };
        await this.updateComplete;
        this.renderRoot.querySelector<HTMLInputElement>(`#visitor-${about.field}`)?.focus();
      } else {
        this.saveError = coded;
      }
    } finally {
      this.busy = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'visitor-details': VisitorDetails;
  }
}
