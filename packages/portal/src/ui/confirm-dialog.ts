import { css, html } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { PortalElement } from './portal-element.js';

export interface ConfirmOptions {
  title: string;
  message: string;
  confirmLabel: string;
  /** Styles the confirm button as destructive. */
  danger?: boolean;
}

/**
 * A modal question with Cancel / confirm. `ask()` opens it and resolves with the answer; Escape
 * and Cancel answer false. The native <dialog> keeps focus inside and returns it afterwards.
 */
@customElement('confirm-dialog')
export class ConfirmDialog extends PortalElement {
  static override styles = [
    PortalElement.styles,
    css`
      .actions {
        justify-content: flex-end;
        margin-top: 20px;
      }
    `,
  ];

  @state() private options: ConfirmOptions = { title: '', message: '', confirmLabel: '' };
  @property({ type: Boolean, reflect: true }) open = false;
  @query('dialog') private dialog!: HTMLDialogElement;
  #answer: ((yes: boolean) => void) | null = null;

  async ask(options: ConfirmOptions): Promise<boolean> {
    this.#answer?.(false);
    this.options = options;
    this.open = true;
    await this.updateComplete;
    if (!this.dialog.open) this.dialog.showModal();
    this.renderRoot.querySelector<HTMLButtonElement>('.cancel')?.focus();
    return new Promise<boolean>((resolve) => (this.#answer = resolve));
  }

  override render() {
    const o = this.options;
    return html`
      <dialog aria-labelledby="title" aria-describedby="message" @close=${() => this.#settle(false)}>
        <h2 id="title">${o.title}</h2>
        <p id="message">${o.message}</p>
        <div class="actions">
          <button class="button cancel" type="button" @click=${() => this.#settle(false)}>${this.t.common.cancel}</button>
          <button class="button ${o.danger ? 'danger' : 'primary'} confirm" type="button" @click=${() => this.#settle(true)}>${o.confirmLabel}</button>
        </div>
      </dialog>
    `;
  }

  #settle(yes: boolean): void {
    const answer = this.#answer;
    this.#answer = null;
    this.open = false;
    if (this.dialog?.open) this.dialog.close();
    answer?.(yes);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'confirm-dialog': ConfirmDialog;
  }
}
