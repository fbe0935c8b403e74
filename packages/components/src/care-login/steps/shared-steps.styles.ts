import { css, unsafeCSS } from 'lit';
import { scope } from '../care-login.styles.js';

const s = unsafeCSS(scope);

/** What the steps after the first screen share: hints, checkboxes, secondary and disabled buttons. */
export const sharedStepStyles = css`
  ${s} .care-login__hint {
    margin: 0.25em 0 1em;
    color: var(--care-color-text-muted, #52606d);
  }
  ${s} .care-login__check {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 0 0.5em;
    align-items: start;
    margin: 0 0 1em;
  }
  ${s} .care-login__check input {
    width: 1.5em;
    height: 1.5em;
    margin: 0;
  }
  ${s} .care-login__check .care-login__hint {
    grid-column: 2;
    margin: 0;
  }
  ${s} .care-login__button--secondary {
    border-color: var(--care-button-secondary-border-color, var(--care-color-primary, #0b5cad));
    background: var(--care-button-secondary-background-color, var(--care-color-background, #fff));
    color: var(--care-button-secondary-color, var(--care-color-primary, #0b5cad));
  }
  ${s} .care-login__button:disabled {
    border-color: var(--care-color-border, #7b8794);
    background: var(--care-color-surface, #f5f7fa);
    color: var(--care-color-text-muted, #52606d);
    cursor: not-allowed;
  }
`;
