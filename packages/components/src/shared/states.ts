import { html, nothing, type TemplateResult } from 'lit';
import type { ApiError } from './api-client.js';
import type { Locale } from './i18n.js';
import { stateMessages } from './states.messages.js';

/**
 * Where a data widget's load stands; `renderLoadState` shows every state but 'ready'. `signed-out`
 * with a `reason`: a widget without a portal whose session ended at another widget of the page.
 */
export type LoadState =
  | { status: 'loading' }
  | { status: 'ready' }
  | { status: 'signed-out'; reason?: 'sessionExpired' | 'loggedOut' | undefined }
  | { status: 'error'; error: ApiError };

const t = stateMessages.t;

/**
 * The states every data widget shows in the same words and the same places: loading, signed
 * out, session expired, offline and error (with a retry where trying again can help). The
 * widget puts `aria-busy` on its own container while loading.
 */
export function renderLoadState(state: LoadState, locale: Locale, retry: () => void): TemplateResult | typeof nothing {
  switch (state.status) {
    case 'ready':
      return nothing;
    case 'loading':
      return html`<p part="status" class="state state--loading" role="status">${t(locale, 'state.loading')}</p>`;
    case 'signed-out':
      return html`<p part="status" class="state" role="status">${t(locale, `state.${state.reason ?? 'signedOut'}`)}</p>`;
    case 'error':
      return renderProblem(state.error, locale, retry);
  }
}

/** The message for an error, as shown in the widget's alert. */
export function problemText(error: ApiError, locale: Locale): string {
  if (error.kind === 'offline') return t(locale, 'state.offline');
  if (error.kind === 'session-expired') {
    return t(locale, error.code === 'session-expired' ? 'state.sessionExpired' : 'state.signedOut');
  }
  const forbidden = error.status === 403 || isNoAccess(error);
  // A 403's detail is written for the client (first login not finished, not allowed), as is the
  // sentence of a widget the organisation does not offer; the BFF wrote it in the widget's
  // language, which the API client asks for (Accept-Language).
  if (forbidden && error.detail) return error.detail;
  return t(locale, forbidden ? 'state.forbidden' : 'state.error');
}

/**
 * A contact person without the right to this part of the client's portal (`no-right`), a part
 * only the client may use (`client-only`), or a widget the organisation does not offer (a 404
 * `widget-disabled`): a plain fact about their access, not a failure.
 */
export function isNoAccess(error: ApiError): boolean {
  return (error.status === 403 && (error.code === 'no-right' || error.code === 'client-only')) || error.code === 'widget-disabled';
}

export function renderProblem(error: ApiError, locale: Locale, retry?: () => void): TemplateResult {
  // Not signed in (yet): a calm note beside the login, not an alarm in every widget on the page.
  if (error.kind === 'session-expired' && error.code !== 'session-expired') {
    return html`<p part="status" class="state state--signed-out" role="status">${problemText(error, locale)}</p>`;
  }
  // No right to this part: said once, calmly, with nothing to retry.
  if (isNoAccess(error)) return html`<p part="status no-access" class="state notice" role="status">${problemText(error, locale)}</p>`;
  const canRetry = retry && error.kind !== 'session-expired' && error.status !== 403;
  const kind = error.kind === 'problem' ? 'error' : error.kind;
  return html`<div part="error" class="state state--${kind}" role="alert">
    <p>${problemText(error, locale)}</p>
    ${
      error.kind === 'problem' && error.requestId
        ? html`<p class="request-id">${t(locale, 'state.requestId', { requestId: error.requestId })}</p>`
        : nothing
    }
    ${canRetry ? html`<button type="button" part="button retry" class="button button--secondary" @click=${retry}>${t(locale, 'state.retry')}</button>` : nothing}
  </div>`;
}
