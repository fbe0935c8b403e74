import { css, unsafeCSS } from 'lit';
import { scope } from '../care-login.styles.js';

const s = unsafeCSS(scope);

/** A checkbox with its label and hint, and the secondary button: the steps after the first screen. */
export const checkStyles = css`
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
    background: var(--care-color-background, #fff);
    color: var(--care-color-primary, #0b5cad);
  }
`;
