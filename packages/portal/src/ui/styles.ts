import { css } from 'lit';

/**
 * The portal's look, shared by every element (each has a shadow root): a calm palette, the system
 * font, cards, buttons, form fields and a clearly visible focus ring. Colours are custom
 * properties set once on the page (page.css), so a dark theme or a brand colour is one place.
 */
export const baseStyles = css`
  :host {
    font-family: system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', sans-serif;
    color: var(--text, #1f2937);
    line-height: 1.45;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  [hidden] {
    display: none !important;
  }
  h1,
  h2,
  h3 {
    margin: 0 0 0.5em;
    line-height: 1.25;
    font-weight: 600;
  }
  h1 {
    font-size: 1.4rem;
  }
  h2 {
    font-size: 1.1rem;
  }
  h3 {
    font-size: 1rem;
  }
  p {
    margin: 0 0 0.75em;
  }
  a {
    color: var(--accent, #2563eb);
  }
  :focus-visible {
    outline: 3px solid var(--focus, #f59e0b);
    outline-offset: 2px;
  }
  button,
  input,
  select,
  textarea {
    font: inherit;
    color: inherit;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    padding: 0;
    margin: -1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }

  .card {
    background: var(--surface, #fff);
    border: 1px solid var(--border, #e5e7eb);
    border-radius: 12px;
    padding: 20px;
  }

  .button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 6px;
    min-height: 36px;
    padding: 6px 14px;
    border: 1px solid var(--border-strong, #cbd5e1);
    border-radius: 8px;
    background: var(--surface, #fff);
    color: var(--text, #1f2937);
    font-weight: 500;
    text-decoration: none;
    cursor: pointer;
    white-space: nowrap;
  }
  .button:hover {
    background: var(--surface-muted, #f1f5f9);
  }
  .button.primary {
    border-color: var(--accent, #2563eb);
    background: var(--accent, #2563eb);
    color: #fff;
  }
  .button.primary:hover {
    background: var(--accent-strong, #1d4ed8);
  }
  .button.danger {
    border-color: var(--danger, #b91c1c);
    background: var(--danger, #b91c1c);
    color: #fff;
  }
  .button.quiet {
    border-color: transparent;
    background: transparent;
  }
  .button.quiet:hover {
    background: var(--surface-muted, #f1f5f9);
  }
  .button.small {
    min-height: 30px;
    padding: 3px 10px;
    font-size: 0.875rem;
  }
  .button[disabled],
  .button[aria-disabled='true'] {
    opacity: 0.55;
    cursor: not-allowed;
  }

  .field {
    display: flex;
    flex-direction: column;
    gap: 4px;
    margin-bottom: 14px;
  }
  label,
  .label {
    font-weight: 500;
    font-size: 0.9rem;
  }
  input:not([type='checkbox']):not([type='radio']),
  select,
  textarea {
    width: 100%;
    min-height: 38px;
    padding: 7px 10px;
    border: 1px solid var(--border-strong, #cbd5e1);
    border-radius: 8px;
    background: var(--surface, #fff);
  }
  input[aria-invalid='true'],
  textarea[aria-invalid='true'] {
    border-color: var(--danger, #b91c1c);
  }
  .hint {
    margin: 0;
    color: var(--muted, #475569);
    font-size: 0.85rem;
  }
  .field-error {
    margin: 0;
    color: var(--danger, #b91c1c);
    font-size: 0.85rem;
  }
  .alert {
    margin: 0 0 14px;
    padding: 10px 12px;
    border-radius: 8px;
    background: var(--danger-soft, #fef2f2);
    border: 1px solid var(--danger-border, #fecaca);
    color: var(--danger-text, #7f1d1d);
  }
  .alert:empty {
    display: none;
  }
  .success {
    margin: 0 0 14px;
    padding: 10px 12px;
    border-radius: 8px;
    background: var(--ok-soft, #f0fdf4);
    border: 1px solid var(--ok-border, #bbf7d0);
    color: var(--ok-text, #14532d);
  }
  .success:empty {
    display: none;
  }
  .muted {
    color: var(--muted, #475569);
  }
  .badge {
    display: inline-block;
    min-width: 20px;
    padding: 0 6px;
    border-radius: 10px;
    background: var(--accent-soft, #dbeafe);
    color: var(--accent-text, #1e3a8a);
    font-size: 0.75rem;
    font-weight: 600;
    line-height: 20px;
    text-align: center;
  }
  .dot {
    display: inline-block;
    width: 8px;
    height: 8px;
    border-radius: 50%;
    background: var(--muted, #94a3b8);
  }
  .dot.online {
    background: var(--ok, #16a34a);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
    align-items: center;
  }

  dialog {
    width: min(520px, calc(100vw - 32px));
    max-height: calc(100vh - 64px);
    padding: 24px;
    border: 0;
    border-radius: 14px;
    background: var(--surface, #fff);
    color: inherit;
    box-shadow: 0 20px 50px rgb(15 23 42 / 0.25);
  }
  dialog::backdrop {
    background: rgb(15 23 42 / 0.45);
  }

  @media (prefers-reduced-motion: reduce) {
    *,
    *::before,
    *::after {
      animation: none !important;
      transition: none !important;
    }
  }
`;
