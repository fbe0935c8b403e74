import { css, html, nothing } from 'lit';
import type { OwnAccount } from '@care-widgets/bff/api-types';
import type { ApiError, CareApiClient } from '../shared/api-client.js';
import { emit } from '../shared/events.js';
import { focusAfterUpdate } from '../shared/focus.js';
import { problemText } from '../shared/states.js';
import { profileMessages, type nl as profileTexts } from './care-profile.messages.js';
import type { ProfilePartHost } from './part-host.js';
import { ProfileChange, type EditableField } from './profile-change.js';
import { changeMessages } from './profile-change.messages.js';

const styles = css`
  [part~='own'] {
    margin-block-start: calc(var(--care-space, 8px) * 2);
  }
`;

/**
 * "Uw eigen gegevens" of a contact person (GET /profile/account): the mobile number of their own
 * login codes and their own e-mail address, each changed with the same password-and-code flow as
 * the client's own (profile-change.ts, at /profile/account). The person's own account, not the
 * client's file, so it shows whatever rights the client gave. Loaded by <care-profile> only when
 * the BFF's answer to /profile is a contact person's (refused, or not to be changed), so a
 * client's page never fetches it.
 */
export class OwnAccountDetails {
  private account: OwnAccount | undefined;
  private failure: ApiError | undefined;
  private editing: EditableField | undefined;
  private announcement = '';
  private readonly change: ProfileChange;

  constructor(private readonly host: ProfilePartHost) {
    const root = host.renderRoot as ShadowRoot;
    if (styles.styleSheet) root.adoptedStyleSheets = [...root.adoptedStyleSheets, styles.styleSheet];
    const pending = (field: EditableField, value: string | null, values: Partial<OwnAccount> = {}) => {
      const account = this.account;
      if (account) this.account = { ...account, ...values, pending: { ...account.pending, [field]: value } };
      host.requestUpdate();
    };
    const done = (field: EditableField, announcement: string) => {
      this.editing = undefined;
      this.announcement = announcement;
      focusAfterUpdate(host, `[part~="own"] [part~="change-${field}"]`);
    };
    this.change = new ProfileChange({
      element: host,
      base: '/profile/account',
      client: () => host.client!,
      locale: () => host.locale,
      currentEmail: () => this.account?.email ?? null,
      idFor: (name) => host.idFor(`own-${name}`),
      pending,
      sessionEnded: (error) => {
        this.editing = undefined;
        host.apiError(error);
      },
      changed: (field, value, announcement) => {
        pending(field, null, { [field]: value });
        done(field, announcement);
        emit(host, 'care-profile-changed', { field, value });
      },
      linkSent: (email, announcement) => {
        pending('email', email);
        done('email', announcement);
      },
      stop: () => {
        const field = this.editing;
        this.editing = undefined;
        this.change.reset();
        if (field) focusAfterUpdate(host, `[part~="own"] [part~="change-${field}"]`);
      },
    });
  }

  async load(client: CareApiClient, signal: AbortSignal): Promise<void> {
    this.failure = undefined;
    try {
      this.account = await client.get<OwnAccount>('/profile/account', { signal });
    } catch (error) {
      if (signal.aborted) return;
      const failure = this.host.apiError(error);
      // A 401 ends the whole widget's session, which says so itself.
      if (failure.kind !== 'session-expired') this.failure = failure;
    }
    this.host.requestUpdate();
  }

  /** The new address of the e-mailed link (profile-change.ts) is this account's. */
  emailConfirmed(email: string): void {
    const account = this.account;
    if (account) this.account = { ...account, email, pending: { ...account.pending, email: null } };
    this.host.requestUpdate();
  }

  reset(): void {
    this.account = this.failure = this.editing = undefined;
    this.announcement = '';
    this.change.reset();
  }

  private edit(field: EditableField) {
    this.announcement = '';
    this.editing = field;
    this.change.start(field);
  }

  render() {
    const { account, failure, host } = this;
    if (!account && !failure) return nothing;
    const locale = host.locale;
    const t = (key: keyof typeof profileTexts, params?: Record<string, string>) => profileMessages.t(locale, key, params);
    const heading = host.idFor('own-heading');
    const row = (field: EditableField) => {
      const value = account![field];
      const pending = account!.pending[field];
      const mobile = field === 'mobile';
      return html`<div part="field" class="row">
        <dt>${t(mobile ? 'profile.mobile' : 'profile.email')}</dt>
        <dd>
          ${value ?? html`<span class="muted">${t('profile.unknown')}</span>`}
          ${
            pending && pending !== value
              ? html`<span part="pending" class="pending">${t(mobile ? 'profile.pending.mobile' : 'profile.pending.email', { value: pending })}</span>`
              : nothing
          }
          ${
            this.editing === field
              ? nothing
              : html`<button type="button" part="button change-${field}" class="link-button change" @click=${() => this.edit(field)}>
                ${t('profile.change')}<span class="visually-hidden"> ${t(mobile ? 'profile.change.mobile' : 'profile.change.email')}</span>
              </button>`
          }
        </dd>
      </div>`;
    };
    return html`<section part="own" aria-labelledby=${heading}>
      <h3 id=${heading}>${changeMessages.t(locale, 'profile.own.heading')}</h3>
      ${
        account
          ? html`<p class="hint">${changeMessages.t(locale, 'profile.own.intro')}</p>
              <p part="status" class="status" role="status">${this.announcement}</p>
              <dl part="fields" class="fields-list">${row('mobile')} ${row('email')}</dl>
              ${this.editing ? this.change.render() : nothing}`
          : html`<div part="error" role="alert"><p>${problemText(failure!, locale)}</p></div>`
      }
    </section>`;
  }
}
