import { css } from '../shared/css-text.js';

/**
 * <care-login> renders into the light DOM (see the class comment), so these rules go to the
 * document: every selector starts with `care-login .care-login`, which both keeps them off the
 * host's own content and, with two classes, outweighs the usual `form button` or `.content input`
 * of a host stylesheet. The host's element styles are first reverted on the login's own tags.
 */
export const scope = 'care-login .care-login';

export const careLoginStyles = css`
  care-login {
    display: block;
  }
  care-login[hidden] {
    display: none;
  }
  ${scope} :not(img) {
    all: revert;
  }
  /* \`hidden\` is a presentational hint, which \`all: revert\` undoes. */
  ${scope} [hidden] {
    display: none;
  }
  ${scope} {
    box-sizing: border-box;
    max-width: 32em;
    font-family: var(--care-font-family, inherit);
    /* The reader's own browser setting, unless the host connects its text-size control. */
    font-size: var(--care-font-size, medium);
    line-height: 1.5;
    letter-spacing: normal;
    text-align: start;
    color: var(--care-color-text, #1f2933);
    overflow-wrap: anywhere;
  }
  ${scope} .care-login__form {
    margin: 0;
  }
  ${scope} .care-login__heading {
    margin: 0 0 0.5em;
    font-size: 1.5em;
    font-weight: 700;
    line-height: 1.25;
    color: var(--care-color-heading, var(--care-color-text, #1f2933));
    outline: none;
  }
  ${scope} p {
    margin: 0 0 1em;
  }
  ${scope} .care-login__field {
    margin: 0 0 1em;
  }
  ${scope} .care-login__label {
    display: block;
    margin: 0 0 0.25em;
    font-weight: 600;
  }
  ${scope} .care-login__input {
    display: block;
    box-sizing: border-box;
    width: 100%;
    min-height: 2.75em;
    margin: 0;
    padding: 0.5em 0.75em;
    border: 2px solid var(--care-input-border-color, var(--care-color-border, #7b8794));
    border-radius: var(--care-input-border-radius, var(--care-radius, 6px));
    background: var(--care-input-background-color, var(--care-color-background, #fff));
    color: var(--care-input-color, var(--care-color-text, #1f2933));
    font: inherit;
  }
  ${scope} [aria-invalid='true'] {
    border-color: var(--care-color-danger, #b00020);
  }
  ${scope} .care-login__actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.75em 1.5em;
    margin: 1em 0;
  }
  ${scope} .care-login__button {
    box-sizing: border-box;
    min-height: 2.75em;
    margin: 0;
    padding: 0.5em 1.25em;
    /* Transparent over the background: the button's own colour. */
    border: 2px solid transparent;
    border-radius: var(--care-radius, 6px);
    background: var(--care-button-background-color, var(--care-color-primary, #0b5cad));
    color: var(--care-button-color, var(--care-color-primary-text, #fff));
    font: inherit;
    font-weight: 600;
    text-align: center;
    cursor: pointer;
  }
  ${scope} .care-login__button[aria-busy='true'] {
    cursor: progress;
  }
  ${scope} :is(.care-login__link, .care-login__toggle) {
    display: inline-flex;
    align-items: center;
    gap: 0.5em;
    min-height: 24px;
    margin: 0;
    padding: 0.25em 0;
    border: 0;
    background: none;
    color: var(--care-color-link, var(--care-color-primary, #0b5cad));
    font: inherit;
    text-align: start;
    cursor: pointer;
  }
  ${scope} .care-login__link {
    text-decoration: underline;
  }
  ${scope} .care-login__toggle {
    margin: -0.5em 0 1em;
    color: var(--care-color-text, #1f2933);
  }
  ${scope} .care-login__box {
    display: inline-block;
    box-sizing: border-box;
    width: 1.25em;
    height: 1.25em;
    border: 2px solid var(--care-color-border, #7b8794);
    border-radius: 3px;
    line-height: 1;
    text-align: center;
  }
  ${scope} :is(input, button, .care-login__terms):focus-visible {
    outline: var(--care-focus-ring-width, 3px) solid var(--care-focus-ring-color, var(--care-color-focus, #9a3412));
    outline-offset: var(--care-focus-ring-offset, 2px);
  }
  ${scope} .care-login__alert:not(:empty),
  ${scope} .care-login__notice:not(:empty) {
    margin: 0 0 1em;
    padding: 0.75em 1em;
    border: 1px solid var(--care-color-danger, #b00020);
    border-inline-start-width: 4px;
    border-radius: var(--care-radius, 6px);
    background: var(--care-color-danger-surface, #fdecee);
    color: var(--care-color-danger-text, #7a0016);
  }
  ${scope} .care-login__notice:not(:empty) {
    border-color: var(--care-color-success, #1e6b34);
    background: var(--care-color-surface, #f5f7fa);
    color: var(--care-color-text, #1f2933);
  }
`;
