import { css } from 'lit';
import { careWidgetStyles } from '../shared/widget.styles.js';

export const careBoardStyles = [
  careWidgetStyles,
  css`
    .intro {
      margin-block: 0 var(--care-space, 8px);
    }

    h3 {
      margin: 0 0 0.5em;
      font-size: 1.1em;
    }

    .compose {
      display: grid;
      gap: var(--care-space, 8px);
      padding: calc(var(--care-space, 8px) * 1.5);
      border: var(--_card-border);
      border-radius: var(--care-radius, 6px);
      background: var(--care-color-surface, #f5f7fa);
    }

    .choose {
      justify-self: start;
      cursor: pointer;
    }

    .photo:focus-visible,
    .choose:has(+ input:focus-visible) {
      outline: var(--_focus-ring);
      outline-offset: 2px;
    }

    .previews {
      display: grid;
      gap: var(--care-space, 8px);
    }

    .preview {
      display: flex;
      flex-wrap: wrap;
      gap: var(--care-space, 8px);
      align-items: flex-start;
    }

    .preview img {
      width: 6em;
      height: 6em;
      object-fit: cover;
      border-radius: var(--care-radius, 6px);
    }

    .preview-fields {
      display: grid;
      gap: 0.25em;
      flex: 1 1 12em;
      min-width: 0;
    }

    progress {
      accent-color: var(--care-color-primary, #0b5cad);
    }

    .upload-error,
    .counter--over {
      color: var(--care-color-danger, #b00020);
    }

    .posts {
      display: grid;
      gap: calc(var(--care-space, 8px) * 2);
      margin-block-start: calc(var(--care-space, 8px) * 2);
    }

    .post {
      padding: calc(var(--care-space, 8px) * 1.5);
      border: var(--_card-border);
      border-radius: var(--care-radius, 6px);
      background: var(--care-color-background, #fff);
      overflow-wrap: anywhere;
    }

    .meta {
      display: flex;
      flex-wrap: wrap;
      gap: 0 0.75em;
      margin: 0;
      font-size: 1em;
      font-weight: 400;
      color: var(--care-color-text-muted, #52606d);
    }

    .author {
      font-weight: 600;
      color: var(--care-color-text, #1f2933);
    }

    .text {
      margin: 0.25em 0 0;
      white-space: pre-line;
    }

    .photos {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(min(100%, 8em), 1fr));
      gap: var(--care-space, 8px);
      margin-block: var(--care-space, 8px);
    }

    .photo {
      display: block;
      width: 100%;
      padding: 0;
      border: 0;
      background: none;
      cursor: zoom-in;
      border-radius: var(--care-radius, 6px);
    }

    .photo img {
      display: block;
      width: 100%;
      height: auto;
      aspect-ratio: 1;
      object-fit: cover;
      border-radius: var(--care-radius, 6px);
    }

    .replies {
      margin-block-start: var(--care-space, 8px);
      padding-inline-start: var(--care-space, 8px);
      border-inline-start: 3px solid var(--care-color-border, #7b8794);
    }

    .reply {
      padding: 0.5em 0.75em;
      margin-block-end: 0.5em;
      border-radius: var(--care-radius, 6px);
      background: var(--care-color-surface, #f5f7fa);
    }

    .reply-row {
      display: flex;
      flex-wrap: wrap;
      gap: var(--care-space, 8px);
      align-items: flex-start;
    }

    .reply-row textarea {
      flex: 1 1 12em;
      min-height: 44px;
    }

    .photo-dialog {
      max-width: min(60em, calc(100vw - 2em));
    }


    .photo-dialog img {
      display: block;
      max-width: 100%;
      max-height: calc(100vh - 10em);
      width: auto;
      height: auto;
      margin-inline: auto;
    }

    figure {
      margin: 0;
      overflow-wrap: anywhere;
    }
  `,
];
