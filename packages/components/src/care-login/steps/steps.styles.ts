import { css } from '../../shared/css-text.js';
import { codeInputStyles } from '../../shared/code-input/code-input.styles.js';
import { scope } from '../care-login.styles.js';

/**
 * The styles of every step after the first screen, adopted with the first of them to show (they
 * are one chunk, after-first-screen.ts): hints, checkboxes, secondary and disabled buttons, the
 * code input, the terms of use, the password checklist and "Mijn inloggegevens".
 */
export const stepStyles = css`
  ${scope} .care-login__hint {
    margin: 0.25em 0 1em;
    color: var(--care-color-text-muted, #52606d);
  }
  ${scope} .care-login__check {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 0 0.5em;
    align-items: start;
    margin: 0 0 1em;
  }
  ${scope} .care-login__check input {
    width: 1.5em;
    height: 1.5em;
    margin: 0;
  }
  ${scope} .care-login__check .care-login__hint {
    grid-column: 2;
    margin: 0;
  }
  ${scope} .care-login__button--secondary {
    border-color: var(--care-button-secondary-border-color, var(--care-color-primary, #0b5cad));
    background: var(--care-button-secondary-background-color, var(--care-color-background, #fff));
    color: var(--care-button-secondary-color, var(--care-color-primary, #0b5cad));
  }
  ${scope} .care-login__button:disabled {
    border-color: var(--care-color-border, #7b8794);
    background: var(--care-color-surface, #f5f7fa);
    color: var(--care-color-text-muted, #52606d);
    cursor: not-allowed;
  }
  ${codeInputStyles(scope)}
  ${scope} .care-code__prefix {
    color: var(--care-color-text, #1f2933);
  }
  ${scope} .care-login__terms {
    display: block;
    max-height: 16em;
    overflow: auto;
    margin: 0 0 1em;
    padding: 0.75em 1em;
    border: 1px solid var(--care-color-border, #7b8794);
    border-radius: var(--care-radius, 6px);
    background: var(--care-color-surface, #f5f7fa);
    white-space: pre-line;
  }
  ${scope} .checklist ul {
    margin: 0 0 1em;
    padding: 0;
    list-style: none;
  }
  ${scope} .checklist p {
    margin: 0 0 0.25em;
    font-weight: 600;
  }
  ${scope} .checklist li {
    display: block;
    margin: 0 0 0.25em;
    padding-inline-start: 1.75em;
    text-indent: -1.75em;
  }
  ${scope} .checklist__mark {
    display: inline-block;
    width: 1.75em;
    text-indent: 0;
    font-weight: 700;
  }
  ${scope} .ok .checklist__mark {
    color: var(--care-color-success, #1e6b34);
  }
  ${scope} .no .checklist__mark {
    color: var(--care-color-danger, #b00020);
  }
  ${scope} .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
  ${scope} .care-account__heading {
    margin: 1.5em 0 0.5em;
    font-size: 1.125em;
  }
  ${scope} .care-account__choice {
    margin: 0 0 1em;
    padding: 0;
    border: 0;
  }
  ${scope} .care-account__choice legend {
    margin: 0 0 0.5em;
    padding: 0;
    font-weight: 600;
  }
  ${scope} .care-account__qr {
    display: block;
    margin: 0 0 1em;
    border: 1px solid var(--care-color-border, #7b8794);
    border-radius: var(--care-radius, 6px);
  }
  ${scope} .care-account__key-label {
    margin: 0 0 0.25em;
    font-weight: 600;
  }
  ${scope} .care-account__key {
    margin: 0 0 1em;
    font-family: monospace;
    font-size: 1.125em;
    letter-spacing: 0.1em;
    word-spacing: 0.25em;
  }
`;
