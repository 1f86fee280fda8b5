import { css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type { Api } from '../api/index.js';
import type { CodedError } from '../api/http.js';
import { USER_SORT_FIELDS, type Account, type User, type UserList, type UserQuery, type UserSortField } from '../api/types.js';
import { errorText } from '../i18n/error-text.js';
import { format } from '../i18n/strings.js';
import type { SessionStore } from '../state/session-store.js';
import type { ConfirmDialog } from '../ui/confirm-dialog.js';
import { PortalElement } from '../ui/portal-element.js';
import { languageName } from './languages.js';
import type { UserDialog } from './user-dialog.js';
import '../ui/confirm-dialog.js';
import './user-dialog.js';

/** Typing in the search field waits this long for a pause before asking the hub. */
const SEARCH_DELAY_MS = 300;

/**
 * The account's staff users for administrators: search, sortable columns, pages, the seats in
 * use, and (with users.manage) create, edit, deactivate / reactivate, delete and resend invitation.
 */
@customElement('users-page')
export class UsersPage extends PortalElement {
  static override styles = [
    PortalElement.styles,
    css`
      :host {
        display: block;
      }
      .head {
        display: flex;
        flex-wrap: wrap;
        gap: 12px;
        align-items: center;
        justify-content: space-between;
        margin-bottom: 16px;
      }
      .head h1 {
        margin: 0;
      }
      .title {
        display: flex;
        flex-wrap: wrap;
        gap: 8px 16px;
        align-items: center;
      }
      .seats {
        margin: 0;
        padding: 2px 10px;
        font-size: 0.85rem;
      }
      .seats strong {
        font-variant-numeric: tabular-nums;
      }
      .toolbar {
        display: flex;
        gap: 8px;
        align-items: flex-end;
        margin-bottom: 12px;
      }
      .toolbar .field {
        flex: 1;
        max-width: 360px;
        margin: 0;
      }
      .table-wrap {
        overflow-x: auto;
      }
      table {
        width: 100%;
        border-collapse: collapse;
      }
      th,
      td {
        padding: 8px 10px;
        border-bottom: 1px solid var(--border, #e5e7eb);
        text-align: left;
        vertical-align: middle;
      }
      th {
        font-size: 0.85rem;
        color: var(--muted, #475569);
        font-weight: 600;
        white-space: nowrap;
      }
      th button {
        display: inline-flex;
        gap: 4px;
        align-items: center;
        padding: 4px 6px;
        margin: -4px -6px;
        border: 0;
        border-radius: 6px;
        background: none;
        color: inherit;
        font-weight: inherit;
        cursor: pointer;
      }
      th button:hover {
        background: var(--surface-muted, #f1f5f9);
      }
      td.email {
        overflow-wrap: anywhere;
      }
      tr.inactive td:not(.actions-cell) {
        color: var(--muted, #475569);
      }
      .actions-cell .actions {
        flex-wrap: nowrap;
        justify-content: flex-end;
      }
      .pager {
        display: flex;
        gap: 12px;
        align-items: center;
        justify-content: flex-end;
        margin-top: 12px;
      }
      .status-label {
        white-space: nowrap;
      }
    `,
  ];

  @property({ attribute: false }) api?: Api;
  @property({ attribute: false }) session?: SessionStore;

  @state() private query: UserQuery = { search: '', sort: 'lastName', order: 'asc', page: 1, pageSize: 25 };
  @state() private list: UserList | null = null;
  @state() private account: Pick<Account, 'seatCount' | 'seatsUsed'> | null = null;
  @state() private error: CodedError | null = null;
  @state() private status = '';
  @state() private loading = false;
  @query('user-dialog') private userDialog!: UserDialog;
  @query('confirm-dialog') private confirmDialog!: ConfirmDialog;
  #searchTimer: ReturnType<typeof setTimeout> | undefined;
  #requests = 0;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.#load();
    void this.#loadAccount();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#searchTimer);
  }

  get #mayManage(): boolean {
    return this.session?.may('users.manage') ?? false;
  }

  override render() {
    const t = this.t.users;
    const list = this.list;
    const pages = list ? Math.max(1, Math.ceil(list.total / list.pageSize)) : 1;
    return html`
      <section class="card" aria-labelledby="users-title">
        <div class="head">
          <div class="title">
            <h1 id="users-title">${t.title}</h1>
            ${this.account
              ? html`<p class="seats badge">${format(t.seats, { used: this.account.seatsUsed, count: this.account.seatCount })}</p>`
              : nothing}
          </div>
          ${this.#mayManage ? html`<button class="button primary" type="button" @click=${() => void this.userDialog.show(null)}>${t.newUser}</button>` : nothing}
        </div>
        <form class="toolbar" role="search" @submit=${this.#submitSearch}>
          <div class="field">
            <label for="search">${t.search}</label>
            <input id="search" type="search" .value=${this.query.search} @input=${this.#typed} />
          </div>
          <button class="button" type="submit">${t.searchButton}</button>
        </form>
        <p class="success" role="status">${this.status}</p>
        <div class="alert" role="alert">${this.error ? errorText(this.t, this.error) : nothing}</div>
        <div class="table-wrap">
          <table aria-busy=${this.loading ? 'true' : 'false'}>
            <caption class="visually-hidden">
              ${format(t.caption, { column: t.columns[this.query.sort], order: this.query.order === 'asc' ? t.ascending : t.descending })}
            </caption>
            <thead>
              <tr>
                ${USER_SORT_FIELDS.map((f) => this.#header(f))}
                <th scope="col">${t.columns.status}</th>
                <th scope="col"><span class="visually-hidden">${t.columns.actions}</span></th>
              </tr>
            </thead>
            <tbody>
              ${list?.items.map((u) => this.#row(u))}
              ${list && list.items.length === 0
                ? html`<tr>
                    <td colspan="7" class="muted">${this.query.search ? t.noMatch : t.none}</td>
                  </tr>`
                : nothing}
            </tbody>
          </table>
        </div>
        <nav class="pager" aria-label=${t.pagination}>
          <button class="button small" type="button" ?disabled=${this.query.page <= 1} @click=${() => this.#go(this.query.page - 1)}>${t.previous}</button>
          <span>${format(t.page, { page: this.query.page, pages, total: list?.total ?? 0 })}</span>
          <button class="button small" type="button" ?disabled=${this.query.page >= pages} @click=${() => this.#go(this.query.page + 1)}>${t.next}</button>
        </nav>
      </section>
      <user-dialog .locale=${this.locale} .api=${this.api} .meId=${this.session?.session?.user.id ?? ''} @user-saved=${this.#saved}></user-dialog>
      <confirm-dialog .locale=${this.locale}></confirm-dialog>
    `;
  }

  #header(field: UserSortField) {
    const sorted = this.query.sort === field;
    const sort = sorted ? (this.query.order === 'asc' ? 'ascending' : 'descending') : 'none';
    return html`<th scope="col" aria-sort=${sort}>
      <button type="button" id="sort-${field}" @click=${() => this.#sortBy(field)}>
        ${this.t.users.columns[field]}<span aria-hidden="true">${sorted ? (this.query.order === 'asc' ? '▲' : '▼') : ''}</span>
      </button>
    </th>`;
  }

  #row(u: User) {
    const t = this.t.users;
    const name = `${u.firstName} ${u.lastName}`;
    const self = u.id === this.session?.session?.user.id;
    const manage = this.#mayManage;
    return html`<tr class=${u.active ? '' : 'inactive'}>
      <td>${u.firstName}</td>
      <td>${u.lastName}</td>
      <td class="email">${u.email}</td>
      <td>${this.t.roles[u.role]}</td>
      <td>${languageName(u.nativeLanguage, this.language)}</td>
      <td class="status-label">${!u.active ? t.status.inactive : u.locked ? t.status.locked : !u.hasPassword ? t.status.invited : t.status.active}</td>
      <td class="actions-cell">
        ${manage
          ? html`<div class="actions">
              <button class="button small" type="button" @click=${() => void this.userDialog.show(u)}>${t.edit}<span class="visually-hidden"> ${name}</span></button>
              ${self
                ? nothing
                : html`<button class="button small" type="button" @click=${() => void this.#setActive(u, !u.active)}>
                    ${u.active ? t.deactivate : t.reactivate}<span class="visually-hidden"> ${name}</span>
                  </button>`}
              ${u.active && (!u.hasPassword || u.locked)
                ? html`<button class="button small" type="button" @click=${() => void this.#sendLink(u)}>
                    ${u.hasPassword ? t.sendUnlock : t.resendInvite}<span class="visually-hidden"> ${name}</span>
                  </button>`
                : nothing}
              ${self
                ? nothing
                : html`<button class="button small quiet" type="button" @click=${() => void this.#delete(u)}>${t.delete}<span class="visually-hidden"> ${name}</span></button>`}
            </div>`
          : nothing}
      </td>
    </tr>`;
  }

  async #load(): Promise<void> {
    if (!this.api) return;
    const request = ++this.#requests;
    this.loading = true;
    try {
      const list = await this.api.users.list(this.query);
      if (request !== this.#requests) return;
      this.list = list;
      this.error = null;
    } catch (error) {
      if (request === this.#requests) this.error = error as CodedError;
    } finally {
      if (request === this.#requests) this.loading = false;
    }
  }

  async #loadAccount(): Promise<void> {
    try {
      const account = await this.api?.users.account();
      if (account) this.account = { seatCount: account.seatCount, seatsUsed: account.seatsUsed };
    } catch {
      // The seat count is a help, not a requirement: the table still works without it.
    }
  }

  #refresh(): void {
    void this.#load();
    void this.#loadAccount();
  }

  #update(query: Partial<UserQuery>): void {
    this.query = { ...this.query, ...query };
    void this.#load();
  }

  #sortBy(field: UserSortField): void {
    const order = this.query.sort === field && this.query.order === 'asc' ? 'desc' : 'asc';
    this.#update({ sort: field, order, page: 1 });
  }

  #go(page: number): void {
    this.#update({ page });
  }

  #typed(event: InputEvent): void {
    const search = (event.target as HTMLInputElement).value;
    clearTimeout(this.#searchTimer);
    this.#searchTimer = setTimeout(() => this.#update({ search, page: 1 }), SEARCH_DELAY_MS);
  }

  #submitSearch(event: SubmitEvent): void {
    event.preventDefault();
    clearTimeout(this.#searchTimer);
    const search = this.renderRoot.querySelector<HTMLInputElement>('#search')!.value;
    this.#update({ search, page: 1 });
  }

  #saved(event: CustomEvent<{ user: User; created: boolean }>): void {
    const { user, created } = event.detail;
    this.error = null;
    this.status = format(created ? this.t.users.created : this.t.users.saved, { name: `${user.firstName} ${user.lastName}`, email: user.email });
    this.#refresh();
  }

  async #setActive(user: User, active: boolean): Promise<void> {
    await this.#act(() => this.api!.users.update(user.id, { active }), active ? this.t.users.reactivated : this.t.users.deactivated, user);
  }

  async #sendLink(user: User): Promise<void> {
    await this.#act(() => this.api!.users.sendPasswordLink(user.id), user.hasPassword ? this.t.users.unlockSent : this.t.users.inviteSent, user);
  }

  async #delete(user: User): Promise<void> {
    const t = this.t.users;
    const name = `${user.firstName} ${user.lastName}`;
    const yes = await this.confirmDialog.ask({
      title: format(t.deleteTitle, { name }),
      message: t.deleteMessage,
      confirmLabel: t.delete,
      danger: true,
    });
    if (yes) await this.#act(() => this.api!.users.remove(user.id), t.deleted, user);
  }

  async #act(request: () => Promise<unknown>, done: string, user: User): Promise<void> {
    this.status = '';
    this.error = null;
    try {
      await request();
      this.status = format(done, { name: `${user.firstName} ${user.lastName}`, email: user.email });
      this.#refresh();
    } catch (error) {
      this.error = error as CodedError;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'users-page': UsersPage;
  }
}
