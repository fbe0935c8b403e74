import { html, nothing, type ReactiveElement, type TemplateResult } from 'lit';
import type { ApiError } from './api-client.js';
import { focusAfterUpdate } from './focus.js';
import type { Locale } from './i18n.js';
import { problemText } from './states.js';
import { stateMessages } from './states.messages.js';

export interface ConfirmDialogOptions<T> {
  /** Prefix of the dialog's ids (`-title`, `-text`), unique in the host's render root. */
  id: string;
  locale: () => Locale;
  /** Does what the client confirmed, and then calls `done()` or `failed()`. */
  confirmed: (subject: T) => Promise<void>;
  /** The confirm button says "Even geduld…" while `confirmed` runs. */
  showBusy?: boolean;
}

/** What the dialog says: a title, the question, and the subject (in bold) on a line of its own. */
export interface ConfirmDialogContent {
  title: string;
  text: string;
  subject: TemplateResult;
}

export interface ConfirmDialog<T> {
  /** Asks about `subject`; `event` is the click on the button that asked. */
  open(subject: T, event: Event): void;
  /** The data went (session ended): no dialog any more. */
  reset(): void;
  /** It is deleted: the dialog closes and the focus goes to the heading, as the button is gone. */
  done(): void;
  /** It failed: a 401 closes the dialog (the widget shows the session ended), other errors show in it. */
  failed(error: ApiError): void;
  /** The dialog while it is open, else nothing. */
  render(content: (subject: T) => ConfirmDialogContent): TemplateResult | typeof nothing;
}

/**
 * "Verwijderen?" in a native modal dialog, for what a data widget lets the client delete. It opens
 * with the focus on Annuleren, the safe choice (Enter on an unexpected dialog deletes nothing);
 * Annuleren and Esc close it, and the focus goes back to the button that opened it, or to the
 * widget's heading when that button is gone. Parts: `dialog`, `error`, `button confirm`, `button cancel`.
 */
export function confirmDialog<T>(host: ReactiveElement, { id, locale, confirmed, showBusy }: ConfirmDialogOptions<T>): ConfirmDialog<T> {
  let subject: T | undefined;
  let error = '';
  let busy = false;
  let trigger: HTMLElement | undefined;
  /** Between close() and the dialog's close event, when an update must not open it again. */
  let closing = false;
  const dialog = () => host.renderRoot.querySelector('dialog');
  const update = () => host.requestUpdate();
  const t = (key: 'common.delete' | 'common.cancel' | 'common.busy') => stateMessages.t(locale(), key);

  const close = () => {
    const open = dialog();
    if (!open?.open) return;
    closing = true;
    open.close();
  };
  const onClose = () => {
    closing = false;
    subject = undefined;
    const opener = trigger;
    trigger = undefined;
    if (opener?.isConnected) opener.focus();
    else focusAfterUpdate(host, '[part~="heading"]');
    update();
  };
  const confirm = async () => {
    if (subject === undefined || busy) return;
    busy = true;
    update();
    try {
      await confirmed(subject);
    } finally {
      busy = false;
      update();
    }
  };

  host.addController({
    hostUpdated() {
      const open = dialog();
      if (open && subject !== undefined && !open.open && !closing) {
        open.showModal();
        open.querySelector<HTMLElement>('[part~="cancel"]')?.focus();
      }
    },
  });

  return {
    open(asked, event) {
      trigger = event.currentTarget as HTMLElement;
      error = '';
      subject = asked;
      update();
    },
    reset() {
      subject = undefined;
      error = '';
      update();
    },
    done() {
      trigger = undefined;
      close();
    },
    failed(problem) {
      if (problem.kind === 'session-expired') return close();
      error = problemText(problem, locale());
      update();
    },
    render(content) {
      if (subject === undefined) return nothing;
      const { title, text, subject: what } = content(subject);
      const working = showBusy && busy;
      return html`<dialog part="dialog" aria-labelledby=${`${id}-title`} aria-describedby=${`${id}-text`} @close=${onClose}>
        <h2 id=${`${id}-title`} class="dialog__title">${title}</h2>
        <p id=${`${id}-text`}>${text}<br />${what}</p>
        ${error ? html`<div part="error" role="alert"><p>${error}</p></div>` : nothing}
        <div class="actions">
          <button type="button" part="button confirm" class="button button--danger" aria-disabled=${showBusy ? String(busy) : nothing} @click=${confirm}>
            ${t(working ? 'common.busy' : 'common.delete')}
          </button>
          <button type="button" part="button cancel" class="button button--secondary" @click=${close}>${t('common.cancel')}</button>
        </div>
      </dialog>`;
    },
  };
}
