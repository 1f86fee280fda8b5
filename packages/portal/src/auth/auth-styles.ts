import { css } from 'lit';

/** The signed-out pages: one narrow card in the middle of the page. */
export const authStyles = css`
  :host {
    display: block;
    padding: 48px 16px;
  }
  .card {
    max-width: 420px;
    margin: 0 auto;
    padding: 28px;
  }
  .brand {
    margin: 0 0 16px;
    color: var(--accent, #2563eb);
    font-weight: 700;
    font-size: 1.1rem;
  }
  form .button.primary {
    width: 100%;
    margin-top: 4px;
  }
  .links {
    margin: 18px 0 0;
    text-align: center;
  }
`;
