import { css } from 'lit';

export const carePortalStyles = css`
  :host {
    display: block;
    font-family: var(--care-font-family, inherit);
    color: var(--care-color-text, inherit);
  }

  :host([hidden]) {
    display: none;
  }

  [part='error'] {
    margin: 0 0 1em;
    padding: 0.75em 1em;
    border: 1px solid var(--care-color-danger, #b00020);
    border-inline-start-width: 4px;
    border-radius: var(--care-radius, 6px);
    background: var(--care-color-danger-surface, #fdecee);
    color: var(--care-color-danger-text, #7a0016);
    line-height: 1.5;
  }

  .request-id {
    display: block;
    margin-top: 0.25em;
    font-size: 0.875em;
  }
`;
