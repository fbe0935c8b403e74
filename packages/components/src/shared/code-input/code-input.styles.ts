import { css } from '../css-text.js';

/**
 * Styles of codeInput(), as text: a widget's shadow root takes them as `unsafeCSS(codeInputStyles())`,
 * <care-login>'s light-DOM sheet writes them in. `scope` prefixes every selector: '' inside a
 * widget's shadow root, 'care-login .care-login' for <care-login>'s light DOM.
 */
export function codeInputStyles(scope = ''): string {
  return css`
    ${scope} .care-code__label {
      display: block;
      margin: 0 0 0.25em;
      font-weight: 600;
    }
    ${scope} .care-code__field {
      display: flex;
      align-items: center;
      gap: 0.25em;
      font-size: 1.25em;
      font-variant-numeric: tabular-nums;
    }
    ${scope} .care-code__prefix {
      padding: 0.4em 0;
      font-family: inherit;
      letter-spacing: 0.08em;
    }
    ${scope} .care-code__input {
      box-sizing: border-box;
      width: 7.5em;
      max-width: 100%;
      min-height: 2.5em;
      padding: 0.4em 0.5em;
      border: 2px solid var(--care-input-border-color, var(--care-color-border, #7b8794));
      border-radius: var(--care-input-border-radius, var(--care-radius, 6px));
      background: var(--care-input-background-color, var(--care-color-background, #fff));
      color: var(--care-input-color, var(--care-color-text, #1f2933));
      font: inherit;
      letter-spacing: 0.2em;
    }
    ${scope} .care-code__input[aria-invalid='true'] {
      border-color: var(--care-color-danger, #b00020);
    }
    ${scope} .care-code__input:focus-visible {
      outline: var(--care-focus-ring-width, 3px) solid var(--care-focus-ring-color, var(--care-color-focus, #9a3412));
      outline-offset: var(--care-focus-ring-offset, 2px);
    }
  `;
}
