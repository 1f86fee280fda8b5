import { css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type { Api } from '../api/index.js';
import type { CodedError } from '../api/http.js';
import type { StaffMember } from '../api/types.js';
import { errorText } from '../i18n/error-text.js';
import { PortalElement } from '../ui/portal-element.js';

export interface TransferTarget {
  id: string;
  name: string;
}

/**
 * Chooses the colleague a conversation goes to: everyone of `GET /staff` except oneself, online
 * colleagues first.
 *
 * @fires transfer-chosen - `detail: TransferTarget`; the dialog has closed.
 */
@customElement('transfer-dialog')
export class TransferDialog extends PortalElement {
  static override styles = [
    PortalElement.styles,
    css`
      fieldset {
        margin: 0 0 12px;
        padding: 0;
        border: 0;
      }
      legend {
        margin-bottom: 8px;
        font-weight: 600;
      }
      ul {
        max-height: 320px;
        margin: 0;
        padding: 0;
        overflow-y: auto;
        list-style: none;
      }
      li label {
        display: flex;
        align-items: center;
        gap: 10px;
        padding: 8px;
        border-radius: 8px;
        font-weight: 400;
        cursor: pointer;
      }
      li label:hover {
        background: var(--surface-muted, #f1f5f9);
      }
      .who {
        flex: 1;
      }
      .actions {
        justify-content: flex-end;
      }
    `,
  ];

  @property({ attribute: false }) api?: Api;
  /** The signed-in user, who is not offered. */
  @property({ attribute: false }) meId = '';

  @state() private staff: StaffMember[] | null = null;
  @state() private error: CodedError | null = null;
  @state() private chosen = '';
  @query('dialog') private dialog!: HTMLDialogElement;

  async show(): Promise<void> {
    this.chosen = '';
    this.error = null;
    this.staff = null;
    await this.updateComplete;
    if (!this.dialog.open) this.dialog.showModal();
    try {
      const staff = (await this.api!.users.staff()).filter((s) => s.id !== this.meId);
      this.staff = staff.sort((a, b) => Number(b.online) - Number(a.online) || a.firstName.localeCompare(b.firstName));
    } catch (error) {
      this.error = error as CodedError;
    }
  }

  override render() {
    const t = this.t.transfer;
    return html`
      <dialog aria-labelledby="transfer-title">
        <h2 id="transfer-title">${t.title}</h2>
        <form method="dialog" @submit=${this.#submit}>
          ${this.staff === null && !this.error ? html`<p role="status">${this.t.common.loading}</p>` : nothing}
          ${this.staff?.length === 0 ? html`<p>${t.nobody}</p>` : nothing}
          ${this.staff?.length
            ? html`<fieldset>
                <legend>${t.to}</legend>
                <ul>
                  ${this.staff.map(
                    (s) => html`<li>
                      <label>
                        <input type="radio" name="to" .value=${s.id} .checked=${this.chosen === s.id} @change=${() => (this.chosen = s.id)} />
                        <span class="who">${s.firstName} ${s.lastName} <span class="muted">· ${this.t.roles[s.role]}</span></span>
                        <span class="dot ${s.online ? 'online' : ''}" aria-hidden="true"></span>
                        <span class="muted">${s.online ? t.online : t.offline}</span>
                      </label>
                    </li>`,
                  )}
                </ul>
              </fieldset>`
            : nothing}
          <div class="alert" role="alert">${this.error ? errorText(this.t, this.error) : nothing}</div>
          <div class="actions">
            <button class="button" type="button" @click=${() => this.dialog.close()}>${this.t.common.cancel}</button>
            <button class="button primary" type="submit" ?disabled=${!this.chosen}>${t.submit}</button>
          </div>
        </form>
      </dialog>
    `;
  }

  #submit(event: SubmitEvent): void {
    event.preventDefault();
    const member = this.staff?.find((s) => s.id === this.chosen);
    if (!member) return;
    this.dialog.close();
    const detail: TransferTarget = { id: member.id, name: `${member.firstName} ${member.lastName}`.trim() };
    this.dispatchEvent(new CustomEvent('transfer-chosen', { detail, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'transfer-dialog': TransferDialog;
  }
}
