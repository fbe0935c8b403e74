import { css } from 'lit';

/**
 * The client picker in the portal's shadow root: the list after sign-in, and the line to switch.
 * Every rule is inside the picker or its line: the idle warning's styles share the root (see
 * session-watch.styles.ts).
 */
export const clientPickerStyles = css`
  :host([choosing-client]) slot {
    display: none;
  }

  [part~='client-picker'],
  [part~='client-bar'] {
    margin-block: 0 1em;
    font-size: var(--care-font-size, medium);
    line-height: var(--care-font-line-height, 1.5);
  }

  [part~='client-bar'] {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em 1em;
  }

  [part~='client-bar'] p {
    margin: 0;
  }

  [part~='client-picker'] h2 {
    margin: 0 0 0.5em;
    color: var(--care-color-heading, var(--care-color-text, #1f2933));
    font-size: 1.375em;
    line-height: 1.25;
  }

  :is([part~='client-picker'], [part~='client-bar']) ul {
    display: grid;
    gap: 0.5em;
    margin: 0;
    padding: 0;
    list-style: none;
  }

  :is([part~='client-picker'], [part~='client-bar']) button {
    min-height: 44px;
    padding: 0.5em 1em;
    border: var(--care-border-width, 1px) solid var(--care-color-primary, #0b5cad);
    border-radius: var(--care-radius, 6px);
    background: var(--care-color-background, #fff);
    color: var(--care-color-primary, #0b5cad);
    font: inherit;
    text-align: start;
    cursor: pointer;
  }

  [part~='client-choice'] {
    display: block;
    width: 100%;
    max-width: 30em;
  }

  [part~='client-choice'] strong,
  [part~='client-choice'] span {
    display: block;
    overflow-wrap: anywhere;
  }

  [part~='client-choice'] span {
    color: var(--care-color-text, #1f2933);
  }

  :is([part~='client-picker'], [part~='client-bar']) button:hover {
    background: var(--care-color-surface, #f5f7fa);
  }

  :is([part~='client-picker'], [part~='client-bar']) button:focus-visible {
    outline: var(--care-focus-ring-width, 3px) solid var(--care-focus-ring-color, var(--care-color-focus, #9a3412));
    outline-offset: var(--care-focus-ring-offset, 2px);
  }

  :is([part~='client-picker'], [part~='client-bar']) [role='alert'] {
    margin: 0.5em 0 0;
    color: var(--care-color-danger, #b00020);
    font-weight: 600;
  }
`;
