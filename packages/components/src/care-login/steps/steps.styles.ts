import { css, unsafeCSS } from 'lit';
import { scope } from '../care-login.styles.js';
import { sharedStepStyles } from './shared-steps.styles.js';

const s = unsafeCSS(scope);

/** The terms of use and the password checklist, adopted with the steps that show them. */
export const stepStyles = css`
  ${sharedStepStyles}
  ${s} .care-login__terms {
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
  ${s} .checklist ul {
    margin: 0 0 1em;
    padding: 0;
    list-style: none;
  }
  ${s} .checklist p {
    margin: 0 0 0.25em;
    font-weight: 600;
  }
  ${s} .checklist li {
    display: block;
    margin: 0 0 0.25em;
    padding-inline-start: 1.75em;
    text-indent: -1.75em;
  }
  ${s} .checklist__mark {
    display: inline-block;
    width: 1.75em;
    text-indent: 0;
    font-weight: 700;
  }
  ${s} .ok .checklist__mark {
    color: var(--care-color-success, #1e6b34);
  }
  ${s} .no .checklist__mark {
    color: var(--care-color-danger, #b00020);
  }
  ${s} .sr-only {
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
`;
