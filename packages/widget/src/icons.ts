import { html, svg, type SVGTemplateResult } from 'lit';

// Decorative icons: the buttons that hold them carry the accessible names.
const icon = (shape: SVGTemplateResult) => html`<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">${shape}</svg>`;

export const chatIcon = icon(svg`<path d="M4 3h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-5 4V5a2 2 0 0 1 1-2z"/>`);
export const closeIcon = icon(svg`<path d="m6.4 5 5.6 5.6L17.6 5 19 6.4 13.4 12l5.6 5.6-1.4 1.4-5.6-5.6L6.4 19 5 17.6l5.6-5.6L5 6.4z"/>`);
export const sendIcon = icon(svg`<path d="M3 20.5 21 12 3 3.5v6.6L15 12 3 13.9z"/>`);
