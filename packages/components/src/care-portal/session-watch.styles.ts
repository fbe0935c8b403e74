import { css } from 'lit';

/**
 * The idle warning: a modal dialog in the portal's shadow root, so it is above the whole page.
 * Every rule is inside the dialog: the client picker's styles share the root, and whichever of the
 * two lazy sheets is adopted last would otherwise restyle the other's buttons.
 */
export const sessionWatchStyles = css`
  [part~='session-warning'] {
    max-width: min(30em, calc(100vw - 2em));
    padding: calc(var(--care-space, 8px) * 2);
    border: var(--care-border-width, 1px) solid var(--care-color-border, #7b8794);
    border-radius: var(--care-radius, 6px);
    background: var(--care-color-background, #fff);
    color: var(--care-color-text, #1f2933);
    font-family: var(--care-font-family, inherit);
    font-size: var(--care-font-size, medium);
    line-height: var(--care-font-line-height, 1.5);
    letter-spacing: normal;
    text-align: start;
  }

  [part~='session-warning']::backdrop {
    background: var(--care-color-backdrop, #00000073);
  }

  [part~='session-warning'] h2 {
    margin: 0 0 0.5em;
    color: var(--care-color-heading, var(--care-color-text, #1f2933));
    font-size: 1.375em;
    font-weight: var(--care-font-weight-bold, 700);
    line-height: 1.25;
  }

  [part~='session-warning'] .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--care-space, 8px);
  }

  [part~='session-warning'] button {
    min-height: var(--care-button-min-height, 44px);
    padding: 0.5em 1em;
    border: 2px solid var(--care-button-background-color, var(--care-color-primary, #0b5cad));
    border-radius: var(--care-button-border-radius, var(--care-radius, 6px));
    background: var(--care-button-background-color, var(--care-color-primary, #0b5cad));
    color: var(--care-button-color, var(--care-color-primary-text, #fff));
    font: inherit;
    font-weight: 600;
    cursor: pointer;
  }

  [part~='session-warning'] button + button {
    border-color: var(--care-button-secondary-border-color, var(--care-color-primary, #0b5cad));
    background: var(--care-button-secondary-background-color, var(--care-color-background, #fff));
    color: var(--care-button-secondary-color, var(--care-color-primary, #0b5cad));
  }

  [part~='session-warning'] button:focus-visible {
    outline: var(--care-focus-ring-width, 3px) solid var(--care-focus-ring-color, var(--care-color-focus, #9a3412));
    outline-offset: var(--care-focus-ring-offset, 2px);
  }
`;
