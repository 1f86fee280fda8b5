import { css } from 'lit';

/**
 * Everything the element looks like. Colours, font, radius and sizes come from custom properties a
 * site can set; `--interact-channel-color` is set by the element from the channel's settings and is
 * used only when the site sets no `--interact-color`.
 */
export const styles = css`
  :host {
    --_color: var(--interact-color, var(--interact-channel-color, #2563eb));
    --_on-color: var(--interact-on-color, #fff);
    --_bg: var(--interact-background, #fff);
    --_text: var(--interact-text-color, #1f2937);
    --_muted: var(--interact-muted-color, #6b7280);
    --_surface: var(--interact-surface-color, #f3f4f6);
    --_radius: var(--interact-radius, 16px);
    --_offset: var(--interact-offset, 20px);
    --_focus: var(--interact-focus-color, var(--_color));
    font-family: var(--interact-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    font-size: 15px;
    line-height: 1.4;
    color: var(--_text);
  }
  .root {
    position: fixed;
    z-index: var(--interact-z-index, 2147483000);
    bottom: var(--_offset);
    right: var(--_offset);
  }
  .root.left {
    right: auto;
    left: var(--_offset);
  }
  [hidden] {
    display: none !important;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  button,
  textarea,
  input {
    font: inherit;
    color: inherit;
  }
  :focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  svg {
    width: 24px;
    height: 24px;
    fill: currentColor;
  }

  .launcher {
    position: relative;
    display: grid;
    place-items: center;
    width: 56px;
    height: 56px;
    border: 0;
    border-radius: 50%;
    background: var(--_color);
    color: var(--_on-color);
    box-shadow: 0 4px 16px rgb(0 0 0 / 0.25);
    cursor: pointer;
    transition: transform 0.15s ease;
  }
  .launcher:hover {
    transform: scale(1.06);
  }
  .badge {
    position: absolute;
    top: -4px;
    right: -4px;
    min-width: 22px;
    height: 22px;
    padding: 0 6px;
    border-radius: 11px;
    background: var(--interact-badge-color, #dc2626);
    color: #fff;
    font-size: 12px;
    font-weight: 700;
    line-height: 22px;
    text-align: center;
  }

  .panel {
    position: absolute;
    bottom: 72px;
    right: 0;
    display: flex;
    flex-direction: column;
    width: var(--interact-panel-width, 370px);
    height: var(--interact-panel-height, 560px);
    max-height: calc(100vh - 72px - 2 * var(--_offset));
    overflow: hidden;
    border-radius: var(--_radius);
    background: var(--_bg);
    box-shadow: 0 8px 32px rgb(0 0 0 / 0.2);
    animation: appear 0.18s ease-out;
  }
  .left .panel {
    right: auto;
    left: 0;
  }
  @keyframes appear {
    from {
      opacity: 0;
      transform: translateY(12px);
    }
  }

  header {
    display: flex;
    align-items: center;
    gap: 8px;
    padding: 12px 12px 12px 16px;
    background: var(--_color);
    color: var(--_on-color);
  }
  h2 {
    flex: 1;
    margin: 0;
    font-size: 16px;
    font-weight: 600;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .close {
    display: grid;
    place-items: center;
    width: 36px;
    height: 36px;
    border: 0;
    border-radius: 50%;
    background: transparent;
    color: inherit;
    cursor: pointer;
  }
  .close:focus-visible {
    outline-color: var(--_on-color);
  }

  .banner {
    margin: 0;
    padding: 6px 16px;
    background: #fef3c7;
    color: #78350f;
    font-size: 13px;
  }
  .banner.error {
    background: #fee2e2;
    color: #7f1d1d;
  }

  .messages {
    flex: 1;
    display: flex;
    flex-direction: column;
    gap: 8px;
    padding: 16px;
    overflow-y: auto;
    overscroll-behavior: contain;
  }
  .message {
    max-width: 80%;
    align-self: flex-start;
    padding: 8px 12px;
    border-radius: var(--_radius);
    background: var(--_surface);
    overflow-wrap: anywhere;
  }
  .message.visitor {
    align-self: flex-end;
    background: var(--_color);
    color: var(--_on-color);
  }
  .message.bot {
    border: 1px solid var(--_surface);
    background: var(--_bg);
  }
  .message.system {
    align-self: center;
    max-width: 100%;
    background: transparent;
    color: var(--_muted);
    font-size: 13px;
    font-style: italic;
    text-align: center;
  }
  .message.sending {
    opacity: 0.7;
  }
  .text {
    margin: 0;
    white-space: pre-wrap;
  }
  .message a {
    color: inherit;
    text-decoration: underline;
  }
  .author,
  .status {
    display: block;
    font-size: 12px;
    color: var(--_muted);
  }
  .visitor .status {
    color: inherit;
    text-align: right;
  }
  .away {
    margin: 8px 12px 0;
  }
  .greeting {
    margin: 0;
  }
  .greeting,
  .away {
    padding: 8px 12px;
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  .typing {
    min-height: 20px;
    margin: 0;
    padding: 0 16px;
    color: var(--_muted);
    font-size: 13px;
  }

  .email {
    display: flex;
    flex-wrap: wrap;
    gap: 6px;
  }
  .email label {
    flex-basis: 100%;
    font-size: 13px;
  }
  .email input {
    flex: 1;
    min-width: 0;
    padding: 6px 10px;
    border: 1px solid var(--_muted);
    border-radius: 8px;
    background: var(--_bg);
  }
  .email button {
    padding: 6px 12px;
    border: 0;
    border-radius: 8px;
    background: var(--_color);
    color: var(--_on-color);
    cursor: pointer;
  }
  .invalid {
    flex-basis: 100%;
    margin: 0;
    color: #b91c1c;
    font-size: 13px;
  }

  .composer {
    display: flex;
    align-items: flex-end;
    gap: 8px;
    padding: 8px 12px 12px;
    border-top: 1px solid var(--_surface);
  }
  textarea {
    flex: 1;
    max-height: 120px;
    padding: 8px 12px;
    border: 1px solid var(--_muted);
    border-radius: calc(var(--_radius) / 2);
    background: var(--_bg);
    resize: none;
    field-sizing: content;
  }
  .send {
    display: grid;
    place-items: center;
    width: 40px;
    height: 40px;
    border: 0;
    border-radius: 50%;
    background: var(--_color);
    color: var(--_on-color);
    cursor: pointer;
  }

  @media (max-width: 480px) {
    :host([open]) .panel {
      position: fixed;
      inset: 0;
      width: 100%;
      height: 100%;
      max-height: none;
      border-radius: 0;
    }
    /* The full-screen panel has its own close button; the launcher would cover the composer. */
    :host([open]) .launcher {
      display: none;
    }
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
