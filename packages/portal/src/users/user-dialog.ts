import { css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type { Api } from '../api/index.js';
import type { CodedError } from '../api/http.js';
import { ROLES, type Role, type User, type UserInput } from '../api/types.js';
import { errorText } from '../i18n/error-text.js';
import { fieldError } from '../ui/field-error.js';
import { PortalElement } from '../ui/portal-element.js';
import { languageName, NATIVE_LANGUAGES } from './languages.js';

const FIELDS = ['firstName', 'lastName', 'email', 'role', 'nativeLanguage'] as const;
type Field = (typeof FIELDS)[number];

/**
 * Creates a user (the hub mails the invitation) or edits one. Errors the hub ties to a field
 * (duplicate e-mail, validation) show by that field; the others (seat limit, last administrator,
 * own role) above the buttons.
 *
 * @fires user-saved - `detail: {user, created}` after the hub stored it; the dialog has closed.
 */
@customElement('user-dialog')
export class UserDialog extends PortalElement {
  static override styles = [
    PortalElement.styles,
    css`
      .row {
        display: grid;
        grid-template-columns: 1fr 1fr;
        gap: 0 12px;
      }
      .check {
        display: flex;
        gap: 8px;
        align-items: center;
        margin-bottom: 14px;
      }
      .actions {
        justify-content: flex-end;
      }
    `,
  ];

  @property({ attribute: false }) api?: Api;
  /** The signed-in user: their own role cannot be changed. */
  @property({ attribute: false }) meId = '';

  @state() private user: User | null = null;
  @state() private errors: Partial<Record<Field, string>> = {};
  @state() private error: CodedError | null = null;
  @state() private busy = false;
  @query('dialog') private dialog!: HTMLDialogElement;
  @query('form') private form!: HTMLFormElement;

  /** Opens the dialog for a new user (`null`) or to edit one. */
  async show(user: User | null): Promise<void> {
    this.user = user;
    this.errors = {};
    this.error = null;
    await this.updateComplete;
    this.form.reset();
    this.#fill(user);
    if (!this.dialog.open) this.dialog.showModal();
    this.renderRoot.querySelector<HTMLInputElement>('#firstName')?.focus();
  }

  override render() {
    const t = this.t.users;
    const user = this.user;
    const ownRole = !!user && user.id === this.meId;
    const languages = user && !(NATIVE_LANGUAGES as readonly string[]).includes(user.nativeLanguage) ? [...NATIVE_LANGUAGES, user.nativeLanguage] : NATIVE_LANGUAGES;
    return html`
      <dialog aria-labelledby="user-dialog-title">
        <h2 id="user-dialog-title">${user ? t.editTitle : t.createTitle}</h2>
        ${user ? nothing : html`<p class="hint">${t.inviteHint}</p>`}
        <form @submit=${this.#submit} novalidate>
          <div class="row">${this.#input('firstName', 'given-name')} ${this.#input('lastName', 'family-name')}</div>
          ${this.#input('email', 'off', 'email')}
          <div class="row">
            <div class="field">
              <label for="role">${t.columns.role}</label>
              <select id="role" name="role" ?disabled=${ownRole} aria-describedby="role-error ${ownRole ? 'role-hint' : ''}">
                ${ROLES.map((r) => html`<option value=${r}>${this.t.roles[r]}</option>`)}
              </select>
              ${ownRole ? html`<p class="hint" id="role-hint">${t.ownRoleHint}</p>` : nothing}
              <p class="field-error" id="role-error">${this.errors.role ?? nothing}</p>
            </div>
            <div class="field">
              <label for="nativeLanguage">${t.columns.nativeLanguage}</label>
              <select id="nativeLanguage" name="nativeLanguage" aria-describedby="nativeLanguage-error">
                ${languages.map((l) => html`<option value=${l}>${languageName(l, this.language)}</option>`)}
              </select>
              <p class="field-error" id="nativeLanguage-error">${this.errors.nativeLanguage ?? nothing}</p>
            </div>
          </div>
          ${user
            ? nothing
            : html`<label class="check"><input type="checkbox" id="active" name="active" checked /> ${t.activeNow}</label>`}
          <div class="alert" role="alert">${this.error ? errorText(this.t, this.error) : nothing}</div>
          <div class="actions">
            <button class="button" type="button" @click=${() => this.dialog.close()}>${this.t.common.cancel}</button>
            <button class="button primary" type="submit" ?disabled=${this.busy}>${user ? this.t.common.save : t.create}</button>
          </div>
        </form>
      </dialog>
    `;
  }

  #input(field: 'firstName' | 'lastName' | 'email', autocomplete: string, type = 'text') {
    const error = this.errors[field];
    return html`<div class="field">
      <label for=${field}>${this.t.users.columns[field]}</label>
      <input
        id=${field}
        name=${field}
        type=${type}
        autocomplete=${autocomplete}
        required
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby="${field}-error"
      />
      <p class="field-error" id="${field}-error">${error ?? nothing}</p>
    </div>`;
  }

  #fill(user: User | null): void {
    const set = (id: string, value: string) => {
      const el = this.renderRoot.querySelector<HTMLInputElement | HTMLSelectElement>(`#${id}`);
      if (el) el.value = value;
    };
    set('firstName', user?.firstName ?? '');
    set('lastName', user?.lastName ?? '');
    set('email', user?.email ?? '');
    set('role', user?.role ?? 'agent');
    set('nativeLanguage', user?.nativeLanguage ?? this.language);
  }

  #values(): UserInput {
    const value = (id: string) => this.renderRoot.querySelector<HTMLInputElement | HTMLSelectElement>(`#${id}`)?.value.trim() ?? '';
    const input: UserInput = {
      firstName: value('firstName'),
      lastName: value('lastName'),
      email: value('email'),
      role: value('role') as Role,
      nativeLanguage: value('nativeLanguage'),
    };
    const active = this.renderRoot.querySelector<HTMLInputElement>('#active');
    if (active) input.active = active.checked;
    return input;
  }

  async #submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.busy || !this.api) return;
    const input = this.#values();
    const t = this.t.users;
    const missing: Partial<Record<Field, string>> = {};
    for (const f of ['firstName', 'lastName', 'email'] as const) if (!input[f]) missing[f] = t.required;
    if (input.email && !/^[^\s@]+@[^\s@]+$/.test(input.email)) missing.email = t.invalidEmail;
    this.errors = missing;
    this.error = null;
    if (Object.keys(missing).length) return this.#focusFirstError();

    this.busy = true;
    try {
      const user = this.user;
      let saved: User;
      if (user) {
        const changes: Partial<UserInput> = {};
        for (const f of FIELDS) if (input[f] !== user[f] && !(f === 'role' && user.id === this.meId)) (changes as Record<string, string>)[f] = input[f];
        saved = Object.keys(changes).length ? await this.api.users.update(user.id, changes) : user;
      } else {
        saved = await this.api.users.create(input);
      }
      this.dialog.close();
      this.dispatchEvent(new CustomEvent('user-saved', { detail: { user: saved, created: !user }, bubbles: true, composed: true }));
    } catch (error) {
      const coded = error as CodedError;
      const about = coded.code === 'email_taken' ? { field: 'email' as const, text: errorText(this.t, coded) } : coded.code === 'validation_failed' ? fieldError(coded.message, FIELDS) : null;
      if (about) {
        this.errors = { [about.field]: about.text };
        await this.#focusFirstError();
      } else {
        this.error = coded;
      }
    } finally {
      this.busy = false;
    }
  }

  async #focusFirstError(): Promise<void> {
    await this.updateComplete;
    const first = FIELDS.find((f) => this.errors[f]);
    if (first) this.renderRoot.querySelector<HTMLElement>(`#${first}`)?.focus();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'user-dialog': UserDialog;
  }
}
