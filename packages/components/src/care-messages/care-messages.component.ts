import { html, nothing, type PropertyValues } from 'lit';
import { ApiError, type CareApiClient } from '../shared/api-client.js';
import { CareViewElement } from '../shared/care-data-element.js';
import { emit } from '../shared/events.js';
import { focusAfterUpdate } from '../shared/focus.js';
import { newIdempotencyKey } from '../shared/idempotency.js';
import { formatDateTime } from '../shared/date-format.js';
import { problemText, renderLoadState } from '../shared/states.js';
import { messagesMessages, type nl } from './care-messages.messages.js';
import { careMessagesStyles } from './care-messages.styles.js';
import type { Message, MessagePage } from '@care-widgets/bff/api-types';
export type { Message };

/** A message on its way: shown at once, sent (and re-sent) under one Idempotency-Key. */
interface Outgoing {
  key: string;
  body: string;
  writtenAt: string;
  status: 'sending' | 'failed';
}

export interface CareUnreadChangedDetail {
  count: number;
}

export interface CareMessageSentDetail {
  message: Message;
}

const HOME_COUNT = 4;
const PAGE_SIZE = 20;
const MAX_CHARACTERS = 2000;
const COUNTER_FROM = 1800;
/** After the stream has given up (e.g. a 5xx), the widget opens a new one itself. */
const RECONNECT_MS = 5000;

/** What the BFF stores: `\r\n` as `\n`, trimmed; its length is counted in code points. */
function normalised(text: string) {
  return text.replace(/\r\n?/g, '\n').trim();
}

function newestFirst(a: Message, b: Message) {
  return a.sentAt === b.sentAt ? (a.id < b.id ? 1 : -1) : a.sentAt < b.sentAt ? 1 : -1;
}

/**
 * The message thread with the care team ("Berichten"). The block shows the last four messages and
 * "Alle berichten", which pages back through the history. "Stuur" shows the message at once as
 * "Wordt verstuurd…" until the BFF has stored it; a failed send keeps its text and offers "Opnieuw
 * proberen", under the same Idempotency-Key, so it is never stored twice. Replies of the care team
 * (and relatives) arrive live over server-sent events, which reconnect by themselves. Messages the
 * client has in view are marked read; the unread count is the `unread` attribute and the
 * `care-unread-changed` event, for a badge on the host page.
 *
 * @summary The message thread with the care team: send, live replies, unread count.
 *
 * @fires care-unread-changed - The number of unread messages changed. `detail: { count }`.
 * @fires care-message-sent - The client's message was stored. `detail: { message }`.
 * @fires care-navigate - "Alle berichten" or back was chosen. `detail: { widget, view }`; cancelable:
 *   a host that routes itself calls `preventDefault()` and the widget stays as it is.
 * @fires care-session-expired - The BFF answered 401, or the live stream said the session ended. `detail: { code, tenant }`.
 *
 * @csspart base - The card around the widget.
 * @csspart heading - The heading ("Berichten", "Alle berichten").
 * @csspart unread-badge - "2 ongelezen" next to the heading.
 * @csspart list - The list of messages.
 * @csspart message - One message; also `message-own`, `message-staff` or `message-contact`.
 * @csspart meta - Sender and time of a message.
 * @csspart delivery - "Wordt verstuurd…" / "Niet verstuurd" of the client's own message.
 * @csspart form - The form to write a message.
 * @csspart input - The textarea.
 * @csspart counter - The characters left, shown near the limit.
 * @csspart button - Every button.
 * @csspart status - Loading and empty messages.
 * @csspart error - Alerts.
 *
 * @cssproperty --care-font-family - Font. Default: inherited.
 * @cssproperty --care-font-size - Base size; everything inside is in em. Default: `medium`, the reader's browser setting.
 * @cssproperty --care-color-text - Text colour.
 * @cssproperty --care-color-text-muted - Times, hints and the counter.
 * @cssproperty --care-color-background - Card, input and incoming message background.
 * @cssproperty --care-color-surface - Background of the client's own messages and the form.
 * @cssproperty --care-color-border - Card, input and message borders.
 * @cssproperty --care-color-primary - Buttons and the mark of the care team's messages.
 * @cssproperty --care-color-primary-text - Text on filled buttons.
 * @cssproperty --care-color-focus - Focus outline.
 * @cssproperty --care-color-danger - Errors and "Niet verstuurd".
 * @cssproperty --care-color-success - The mark of the client's own messages.
 * @cssproperty --care-radius - Corner radius.
 * @cssproperty --care-space - Base spacing.
 *
 * @attr view - `home` (last 4, default) or `all` (pages back through the history).
 * @attr unread - The number of unread messages (set by the widget, reflected).
 * @attr tenant - Slug of the care organisation, when used without `<care-portal>`.
 * @attr api - Base URL of the BFF, when used without `<care-portal>`.
 * @attr lang - `nl` or `en`; when absent, the portal's language.
 */
export class CareMessages extends CareViewElement<keyof typeof nl> {
  static override styles = careMessagesStyles;

  static override properties = {
    unread: { type: Number, reflect: true },
    items: { state: true },
    nextBefore: { state: true },
    outgoing: { state: true },
    draft: { state: true },
    draftError: { state: true },
    announcement: { state: true },
    loadingOlder: { state: true },
    olderError: { state: true },
  };

  /** Unread messages in the thread, as the BFF counts them. */
  declare unread: number;
  /** Newest first, as the BFF pages them; shown oldest first. */
  declare protected items: Message[];
  declare protected nextBefore: string | null;
  declare protected outgoing: Outgoing[];
  declare protected draft: string;
  declare protected draftError: string;
  declare protected announcement: string;
  declare protected loadingOlder: boolean;
  declare protected olderError: string;

  private stream: EventSource | undefined;
  private streamClient: CareApiClient | undefined;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private observer: IntersectionObserver | undefined;
  private inView = false;
  private markedUpTo: string | undefined;

  constructor() {
    super(messagesMessages);
    this.unread = 0;
    this.items = [];
    this.nextBefore = null;
    this.outgoing = [];
    this.draft = '';
    this.draftError = '';
    this.announcement = '';
    this.loadingOlder = false;
    this.olderError = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // "Marked read when shown": only while the block is on screen and the tab is visible.
    this.observer = new IntersectionObserver((entries) => {
      this.inView = entries.some((entry) => entry.isIntersecting);
      this.markRead();
    });
    this.observer.observe(this);
    document.addEventListener('visibilitychange', this.onVisibility);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.observer?.disconnect();
    document.removeEventListener('visibilitychange', this.onVisibility);
    this.closeStream();
  }

  private readonly onVisibility = () => this.markRead();

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('view') && changed.get('view') !== undefined) this.reload();
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    this.markRead();
  }

  protected override async fetchData(client: CareApiClient, signal: AbortSignal): Promise<void> {
    const page = await client.get<MessagePage>(`/messages?limit=${this.view === 'all' ? PAGE_SIZE : HOME_COUNT}`, { signal });
    this.items = page.items;
    this.nextBefore = page.nextBefore;
    this.olderError = '';
    this.setUnread(page.unreadCount);
    this.openStream(client);
  }

  protected override clearData(): void {
    this.closeStream();
    this.items = [];
    this.nextBefore = null;
    this.outgoing = [];
    this.draft = '';
    this.markedUpTo = undefined;
    this.setUnread(0);
  }

  private setUnread(count: number) {
    if (count === this.unread) return;
    this.unread = count;
    emit(this, 'care-unread-changed', { count });
  }

  /** Adds messages, each once (the stream and a send's answer may bring the same one). */
  private merge(messages: Message[]) {
    const byId = new Map(this.items.map((m) => [m.id, m]));
    for (const message of messages) byId.set(message.id, message);
    const all = [...byId.values()].sort(newestFirst);
    this.items = this.view === 'all' ? all : all.slice(0, HOME_COUNT);
  }

  // --- live stream ---------------------------------------------------------------------------------

  private openStream(client: CareApiClient) {
    if (this.stream && this.streamClient === client && this.stream.readyState !== EventSource.CLOSED) return;
    this.closeStream();
    // A stream opened anew (not the browser's own reconnect) resumes after the newest message known.
    const after = this.items[0]?.id;
    const source = new EventSource(client.url(`/messages/stream${after ? `?lastEventId=${encodeURIComponent(after)}` : ''}`), {
      withCredentials: true,
    });
    source.addEventListener('message', (event) => this.received(JSON.parse((event as MessageEvent<string>).data) as Message));
    source.addEventListener('unread', (event) =>
      this.setUnread((JSON.parse((event as MessageEvent<string>).data) as { unreadCount: number }).unreadCount),
    );
    source.addEventListener('session-expired', () => {
      this.closeStream();
      this.apiError(new ApiError({ kind: 'session-expired', status: 401, code: 'session-expired', title: 'Sessie verlopen' }));
    });
    // The browser reconnects by itself after a dropped connection; it gives up only on an answer
    // that is not a stream (401, 5xx). Then ask the BFF why, and open a new stream if the session lives.
    source.addEventListener('error', () => {
      if (source.readyState !== EventSource.CLOSED || this.stream !== source) return;
      this.reconnectTimer = setTimeout(() => void this.reconnect(client), RECONNECT_MS);
    });
    this.stream = source;
    this.streamClient = client;
  }

  private async reconnect(client: CareApiClient) {
    if (!this.isConnected || this.client !== client) return;
    try {
      this.setUnread((await client.get<{ unreadCount: number }>('/messages/unread-count')).unreadCount);
      this.stream = undefined;
      this.openStream(client);
    } catch (error) {
      const apiError = this.apiError(error);
      if (apiError.kind !== 'session-expired') this.reconnectTimer = setTimeout(() => void this.reconnect(client), RECONNECT_MS);
    }
  }

  private closeStream() {
    clearTimeout(this.reconnectTimer);
    this.stream?.close();
    this.stream = undefined;
    this.streamClient = undefined;
  }

  private received(message: Message) {
    const known = this.items.some((m) => m.id === message.id);
    this.merge([message]);
    if (!known && !message.own) this.announcement = this.t('messages.received', { name: message.sender.name });
  }

  /** Marks everything up to the newest message shown as read, while the block is in view. */
  private markRead() {
    const client = this.client;
    const newest = this.items[0];
    if (!client || !newest || !this.inView || document.visibilityState !== 'visible' || this.loadState.status !== 'ready') return;
    if (this.markedUpTo === newest.id || (this.unread === 0 && !this.items.some((m) => !m.own && !m.readAt))) return;
    this.markedUpTo = newest.id;
    client.post<{ unreadCount: number }>('/messages/read', { upTo: newest.id }).then(
      ({ unreadCount }) => this.setUnread(unreadCount),
      (error: unknown) => {
        this.markedUpTo = undefined;
        this.apiError(error);
      },
    );
  }

  // --- views ---------------------------------------------------------------------------------------

  private async loadOlder() {
    const client = this.client;
    if (!client || !this.nextBefore || this.loadingOlder) return;
    this.loadingOlder = true;
    this.olderError = '';
    try {
      const page = await client.get<MessagePage>(`/messages?before=${encodeURIComponent(this.nextBefore)}&limit=${PAGE_SIZE}`);
      this.merge(page.items);
      this.nextBefore = page.nextBefore;
      this.announcement = page.nextBefore ? this.t('messages.olderLoaded', { n: page.items.length }) : this.t('messages.noOlder');
      // The button is gone on the last page: the oldest message takes the focus.
      if (!page.nextBefore) focusAfterUpdate(this, '[part~="message"]');
    } catch (error) {
      const apiError = this.apiError(error);
      if (apiError.kind !== 'session-expired') this.olderError = problemText(apiError, this.locale);
    } finally {
      this.loadingOlder = false;
    }
  }

  // --- sending -------------------------------------------------------------------------------------

  private submit(event: Event) {
    event.preventDefault();
    const body = normalised(this.draft);
    const length = [...body].length;
    this.draftError = !length ? this.t('messages.required') : length > MAX_CHARACTERS ? this.t('messages.tooLong') : '';
    if (this.draftError) {
      focusAfterUpdate(this, `#${this.idFor('text')}`);
      return;
    }
    const message: Outgoing = { key: newIdempotencyKey(), body, writtenAt: new Date().toISOString(), status: 'sending' };
    this.outgoing = [...this.outgoing, message];
    this.draft = '';
    void this.send(message);
  }

  private retry(message: Outgoing) {
    focusAfterUpdate(this, `#${this.idFor('text')}`);
    void this.send(message);
  }

  private async send(message: Outgoing) {
    const client = this.client;
    if (!client) return;
    this.patchOutgoing(message.key, 'sending');
    try {
      const stored = await client.post<Message>('/messages', { body: message.body }, { idempotencyKey: message.key });
      this.outgoing = this.outgoing.filter((o) => o.key !== message.key);
      this.merge([stored]);
      this.announcement = this.t('messages.sent');
      emit(this, 'care-message-sent', { message: stored });
    } catch (error) {
      if (this.apiError(error).kind === 'session-expired') return;
      this.patchOutgoing(message.key, 'failed');
    }
  }

  private patchOutgoing(key: string, status: Outgoing['status']) {
    this.outgoing = this.outgoing.map((o) => (o.key === key ? { ...o, status } : o));
  }

  private onKeydown(event: KeyboardEvent) {
    // Ctrl/Cmd + Enter sends, as in most mail and chat programs; Enter alone is a new line.
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) this.submit(event);
  }

  // --- rendering -----------------------------------------------------------------------------------

  protected override render() {
    const all = this.view === 'all';
    const state = this.loadState;
    return html`<section part="base" aria-labelledby=${this.idFor('heading')}>
      <div class="header">
        <h2 part="heading" id=${this.idFor('heading')} tabindex="-1">${this.t(all ? 'messages.all' : 'messages.heading')}</h2>
        ${this.unread > 0 ? html`<span part="unread-badge" class="badge unread">${this.t('messages.unread', { n: this.unread })}</span>` : nothing}
      </div>
      ${
        all && this.openedFromHome
          ? html`<button type="button" part="button back" class="link-button" @click=${this.backHome}>
            <span aria-hidden="true">←</span> ${this.t('messages.back')}
          </button>`
          : nothing
      }
      <p class="visually-hidden" role="status">${this.announcement}</p>
      <div class="results" aria-busy=${state.status === 'loading' ? 'true' : 'false'}>
        ${renderLoadState(state, this.locale, () => this.reload())} ${state.status === 'ready' ? this.renderThread(all) : nothing}
      </div>
    </section>`;
  }

  private renderThread(all: boolean) {
    const shown = [...this.items].reverse();
    return html`${
      all && this.nextBefore
        ? html`<button type="button" part="button older" class="button button--secondary older" aria-disabled=${this.loadingOlder ? 'true' : 'false'} @click=${this.loadOlder}>
            ${this.t('messages.older')}
          </button>`
        : nothing
    }
      ${this.olderError ? html`<div part="error" role="alert"><p>${this.olderError}</p></div>` : nothing}
      ${
        shown.length || this.outgoing.length
          ? html`<ol part="list" class="plain thread" aria-labelledby=${this.idFor('heading')}>
            ${shown.map((m) => this.renderMessage(m))} ${this.outgoing.map((o) => this.renderOutgoing(o))}
          </ol>`
          : html`<p part="status" class="state state--empty">${this.t('messages.empty')}</p>`
      }
      ${
        all
          ? nothing
          : html`<div class="actions">
            <button type="button" part="button all" class="button button--secondary" @click=${this.showAll}>${this.t('messages.all')}</button>
          </div>`
      }
      ${this.renderForm()}`;
  }

  private renderSender(kind: Message['sender']['kind'], name: string, own: boolean) {
    if (own) return html`<span class="sender">${this.t('messages.you')}</span>`;
    return html`<span class="sender"><span class="visually-hidden">${this.t('messages.from')} </span>${name}</span>
      <span class="role">(${this.t(kind === 'contact' ? 'messages.kind.contact' : 'messages.kind.staff')})</span>`;
  }

  private renderMessage(m: Message) {
    const kind = m.own ? 'own' : m.sender.kind === 'contact' ? 'contact' : 'staff';
    return html`<li part="message message-${kind}" class="message message--${kind}" data-id=${m.id} tabindex="-1">
      <p part="meta" class="meta">
        ${this.renderSender(m.sender.kind, m.sender.name, m.own)}
        <time datetime=${m.sentAt}>${formatDateTime(m.sentAt, this.locale)}</time>
        ${!m.own && !m.readAt ? html`<span class="badge new">${this.t('messages.new')}</span>` : nothing}
      </p>
      <p class="body">${m.body}</p>
    </li>`;
  }

  private renderOutgoing(o: Outgoing) {
    return html`<li part="message message-own" class="message message--own message--${o.status}" data-key=${o.key}>
      <p part="meta" class="meta">
        ${this.renderSender('client', '', true)}
        <time datetime=${o.writtenAt}>${formatDateTime(o.writtenAt, this.locale)}</time>
      </p>
      <p class="body">${o.body}</p>
      ${
        o.status === 'sending'
          ? html`<p part="delivery" class="delivery">${this.t('messages.sending')}</p>`
          : html`<p part="delivery" class="delivery delivery--failed">
            ${this.t('messages.failed')} —
            <button type="button" part="button retry" class="link-button" @click=${() => this.retry(o)}>${this.t('messages.retry')}</button>
          </p>`
      }
    </li>`;
  }

  private renderForm() {
    const length = [...normalised(this.draft)].length;
    const counter =
      length < COUNTER_FROM
        ? ''
        : length <= MAX_CHARACTERS
          ? this.t('messages.left', { n: MAX_CHARACTERS - length })
          : this.t('messages.over', { n: length - MAX_CHARACTERS });
    const describedBy = [this.idFor('hint'), this.idFor('counter'), this.draftError ? this.idFor('error') : ''].filter(Boolean).join(' ');
    return html`<form part="form" class="compose" novalidate @submit=${this.submit}>
      <div class="field field--wide">
        <label for=${this.idFor('text')}>${this.t('messages.label')}</label>
        <p class="hint" id=${this.idFor('hint')}>${this.t('messages.hint')}</p>
        <textarea
          part="input"
          id=${this.idFor('text')}
          name="body"
          rows="3"
          .value=${this.draft}
          aria-invalid=${this.draftError ? 'true' : 'false'}
          aria-describedby=${describedBy}
          @input=${(e: InputEvent) => {
            this.draft = (e.target as HTMLTextAreaElement).value;
            if (this.draftError) this.draftError = '';
          }}
          @keydown=${this.onKeydown}
        ></textarea>
        <p part="counter" class="hint counter ${length > MAX_CHARACTERS ? 'counter--over' : ''}" id=${this.idFor('counter')} aria-live="polite">${counter}</p>
        ${this.draftError ? html`<p class="field-error" id=${this.idFor('error')} role="alert">${this.draftError}</p>` : nothing}
      </div>
      <div class="actions">
        <button type="submit" part="button send" class="button">${this.t('messages.send')}</button>
      </div>
    </form>`;
  }
}
