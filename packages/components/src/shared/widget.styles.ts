import { css } from 'lit';

/**
 * The shadow-DOM styles the data widgets share: a card with a heading, buttons, the segmented
 * period control, form fields with their errors, the states and the confirm dialog. Tokens first,
 * every size in em/px so the host's root font size changes nothing.
 */
export const careWidgetStyles = css`
  :host {
    display: block;
    container-type: inline-size;
  }

  /*
   * The widget's edge: a host page's rules for the element itself (care-portal * { line-height: 3 })
   * beat :host, so the text settings are set again on what the shadow root holds. The base size is
   * the reader's own browser setting (medium) unless the host connects its text-size control
   * through --care-font-size; everything inside is in em. The component tokens are resolved here,
   * each with the common token it defaults to, so an override of either on any ancestor counts.
   */
  :host > * {
    --_button-background: var(--care-button-background-color, var(--care-color-primary, #0b5cad));
    --_button-color: var(--care-button-color, var(--care-color-primary-text, #fff));
    --_focus-ring: var(--care-focus-ring-width, 3px) solid var(--care-focus-ring-color, var(--care-color-focus, #9a3412));
    --_card-border: var(--care-border-width, 1px) solid var(--care-color-border, #7b8794);
    font-family: var(--care-font-family, inherit);
    font-size: var(--care-font-size, medium);
    line-height: var(--care-font-line-height, 1.5);
    letter-spacing: normal;
    text-align: start;
    color: var(--care-color-text, #1f2933);
    /* An unbroken word (a document code of 200 characters, a long e-mail address) wraps at the card's edge. */
    overflow-wrap: anywhere;
  }

  :host([hidden]) {
    display: none;
  }

  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }

  [part~='base'] {
    padding: calc(var(--care-space, 8px) * 2);
    border: var(--_card-border);
    border-radius: var(--care-radius, 6px);
    background: var(--care-color-background, #fff);
  }

  .header {
    display: flex;
    flex-wrap: wrap;
    gap: var(--care-space, 8px);
    align-items: center;
    justify-content: space-between;
    margin-block-end: var(--care-space, 8px);
  }

  h2,
  h3 {
    margin: 0;
    color: var(--care-color-heading, var(--care-color-text, #1f2933));
    font-weight: var(--care-font-weight-bold, 700);
    line-height: 1.25;
  }

  h2 {
    font-size: 1.375em;
  }

  h3 {
    font-size: 1.125em;
  }

  [tabindex='-1']:focus {
    outline: none;
  }

  p {
    margin: 0 0 0.5em;
  }

  .muted {
    color: var(--care-color-text-muted, #52606d);
  }

  .visually-hidden {
    position: absolute !important;
    width: 1px;
    height: 1px;
    padding: 0;
    margin: -1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    clip-path: inset(50%);
    white-space: nowrap;
    border: 0;
  }

  .button,
  .link-button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.375em;
    min-height: var(--care-button-min-height, 44px);
    padding: 0.5em 1em;
    border: 2px solid var(--_button-background);
    border-radius: var(--care-button-border-radius, var(--care-radius, 6px));
    background: var(--_button-background);
    color: var(--_button-color);
    font: inherit;
    font-weight: 600;
    line-height: 1.2;
    text-decoration: none;
    cursor: pointer;
  }

  .button--secondary,
  .segments .button {
    border-color: var(--care-button-secondary-border-color, var(--care-color-primary, #0b5cad));
    background: var(--care-button-secondary-background-color, var(--care-color-background, #fff));
    color: var(--care-button-secondary-color, var(--care-color-primary, #0b5cad));
  }

  .link-button {
    min-height: 44px;
    padding-inline: 0.25em;
    border-color: transparent;
    background: none;
    color: var(--care-color-link, var(--care-color-primary, #0b5cad));
    text-decoration: underline;
    text-underline-offset: 0.15em;
  }

  .button:hover,
  .link-button:hover {
    filter: brightness(0.92);
  }

  .button:disabled {
    cursor: not-allowed;
    opacity: 0.6;
  }

  .button:focus-visible,
  .link-button:focus-visible,
  input:focus-visible,
  select:focus-visible,
  textarea:focus-visible,
  summary:focus-visible {
    outline: var(--_focus-ring);
    outline-offset: var(--care-focus-ring-offset, 2px);
  }

  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--care-space, 8px);
    align-items: center;
    margin-block-start: calc(var(--care-space, 8px) * 1.5);
  }

  /* Segmented control: one group of toggle buttons, the pressed one filled. */
  .segments {
    display: flex;
    flex-wrap: wrap;
    gap: 4px;
    margin-block: var(--care-space, 8px);
    padding: 0;
    border: 0;
  }

  .segments .button[aria-pressed='true'],
  .segments .button[aria-expanded='true'] {
    border-color: var(--_button-background);
    background: var(--_button-background);
    color: var(--_button-color);
  }

  form,
  .form {
    margin-block: calc(var(--care-space, 8px) * 1.5);
    padding: calc(var(--care-space, 8px) * 1.5);
    border-radius: var(--care-radius, 6px);
    background: var(--care-color-surface, #f5f7fa);
  }

  .period-form[hidden] {
    display: none;
  }

  /* The line above a period's results: how many, of which period, and its download. */
  .summary-row {
    display: flex;
    flex-wrap: wrap;
    gap: var(--care-space, 8px);
    align-items: center;
    justify-content: space-between;
  }

  .summary {
    margin: 0;
    font-weight: 600;
  }

  .summary:empty {
    display: contents;
  }

  .fields {
    display: flex;
    flex-wrap: wrap;
    gap: var(--care-space, 8px) calc(var(--care-space, 8px) * 2);
  }

  .field {
    display: flex;
    flex-direction: column;
    gap: 0.25em;
    min-width: min(100%, 12em);
    margin-block-end: var(--care-space, 8px);
  }

  .field--wide {
    flex: 1 1 100%;
  }

  label {
    font-weight: 600;
  }

  .hint {
    font-size: 0.9375em;
    color: var(--care-color-text-muted, #52606d);
  }

  input,
  select,
  textarea {
    min-height: 44px;
    max-width: 100%;
    padding: 0.375em 0.5em;
    border: var(--care-input-border-width, var(--care-border-width, 1px)) solid var(--care-input-border-color, var(--care-color-border, #7b8794));
    border-radius: var(--care-input-border-radius, var(--care-radius, 6px));
    background: var(--care-input-background-color, var(--care-color-background, #fff));
    color: var(--care-input-color, var(--care-color-text, #1f2933));
    font: inherit;
  }

  textarea {
    width: 100%;
    min-height: 8em;
    resize: vertical;
  }

  .with-unit {
    display: flex;
    align-items: center;
    gap: 0.5em;
  }

  .with-unit input {
    width: 7em;
  }

  [aria-invalid='true'] {
    border: 2px solid var(--care-color-danger, #b00020);
  }

  .field-error {
    margin: 0;
    color: var(--care-color-danger, #b00020);
    font-weight: 600;
  }

  .field-error::before {
    content: '⚠ ';
  }

  .state {
    margin-block: var(--care-space, 8px);
  }

  [part~='error'] {
    margin-block: var(--care-space, 8px);
    padding: 0.75em 1em;
    border: 1px solid var(--care-color-danger, #b00020);
    border-inline-start-width: 4px;
    border-radius: var(--care-radius, 6px);
    background: var(--care-color-danger-surface, #fdecee);
    color: var(--care-color-danger-text, #7a0016);
  }

  [part~='error'] p:last-of-type {
    margin-block-end: 0;
  }

  [part~='error'] .button {
    margin-block-start: var(--care-space, 8px);
  }

  .request-id {
    font-size: 0.875em;
  }

  .notice {
    margin-block: var(--care-space, 8px);
    padding: 0.5em 0.75em;
    border-inline-start: 4px solid var(--care-color-primary, #0b5cad);
    background: var(--care-color-info-surface, var(--care-color-surface, #f5f7fa));
    color: var(--care-color-info-text, var(--care-color-text, #1f2933));
  }

  /* Live regions stay in the accessibility tree while empty, or their first message is lost. */
  .status:empty {
    margin: 0;
    padding: 0;
    border: 0;
  }

  .status {
    margin-block: var(--care-space, 8px);
    padding: 0.5em 0.75em;
    border-inline-start: 4px solid var(--care-color-success, #1e6b34);
    background: var(--care-color-surface, #f5f7fa);
  }

  .badge {
    display: inline-block;
    padding: 0 0.5em;
    border: 1px solid currentColor;
    border-radius: 1em;
    font-size: 0.875em;
    font-weight: 600;
    color: var(--care-color-success, #1e6b34);
  }

  dialog {
    max-width: min(32em, calc(100vw - 2em));
    padding: calc(var(--care-space, 8px) * 2);
    border: var(--_card-border);
    border-radius: var(--care-radius, 6px);
    background: var(--care-color-background, #fff);
    color: var(--care-color-text, #1f2933);
  }

  dialog::backdrop {
    background: var(--care-color-backdrop, #00000073);
  }

  .dialog__title {
    margin-block-end: 0.5em;
  }

  :is(ul, ol).plain {
    margin: 0;
    padding: 0;
    list-style: none;
  }

  @media (forced-colors: active) {
    .segments .button[aria-pressed='true'] {
      border-width: 4px;
    }
  }
`;
