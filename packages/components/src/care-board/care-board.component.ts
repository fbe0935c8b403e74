import { html, nothing, type PropertyValues } from 'lit';
import type { BoardPage, BoardPhoto, BoardPost, BoardReply, UploadedPhoto } from '@care-widgets/bff/api-types';
import { ApiError, type CareApiClient } from '../shared/api-client.js';
import { CareDataElement } from '../shared/care-data-element.js';
import { formatDateTime } from '../shared/date-format.js';
import { emit } from '../shared/events.js';
import { focusAfterUpdate } from '../shared/focus.js';
import { DraftKey, newIdempotencyKey } from '../shared/idempotency.js';
import { problemText, renderLoadState } from '../shared/states.js';
import { boardMessages, type nl } from './care-board.messages.js';
import { careBoardStyles } from './care-board.styles.js';
import { sendPhoto } from './photo-upload.js';
export type { BoardPost, BoardReply, BoardPhoto };

export interface CareBoardUnreadDetail {
  count: number;
}

export interface CareBoardPostedDetail {
  post: BoardPost;
}

type Key = keyof typeof nl;

/** A photo in the composer: its own upload with progress, retried under one Idempotency-Key. */
interface ComposerPhoto {
  key: string;
  file: File;
  preview: string;
  description: string;
  status: 'uploading' | 'uploaded' | 'failed';
  progress: number;
  error: string;
  uploaded: UploadedPhoto | undefined;
}

interface Removal {
  kind: 'post' | 'reply';
  id: string;
  postId: string;
}

const PAGE_SIZE = 10;
const MAX_CHARACTERS = 2000;
const COUNTER_FROM = 1800;
const MAX_PHOTOS = 6;
const MAX_BYTES = 10 * 1024 * 1024;
const RECONNECT_MS = 5000;

const characters = (text: string) => [...text.replace(/\r\n?/g, '\n').trim()].length;

/**
 * The client's bulletin board ("Prikbord", seed 001): posts and photos that everyone who may use
 * the portal sees, the care team too, with replies under each post. Newest first, paged back with
 * "Oudere berichten laden". A post has text (up to 2,000 characters) and up to 6 photos, each
 * uploaded on its own with its progress and a required description (the alt text); a failed
 * upload or post keeps the text and photos and is tried again under the same Idempotency-Key.
 * Authors delete their own posts and replies, the client anything on the own board. New posts,
 * replies and removals arrive live over server-sent events; the unread count is the `unread`
 * attribute and the `care-board-unread-changed` event. A photo opens larger in a dialog
 * (Esc closes it, the arrow keys go to the next or previous photo of the post).
 *
 * @summary The bulletin board: posts with photos and replies, live, for the client and their people.
 *
 * @fires care-board-unread-changed - The number of new posts and replies changed. `detail: { count }`.
 * @fires care-board-posted - The signed-in person's post was stored. `detail: { post }`.
 * @fires care-session-expired - The BFF answered 401, or the live stream said the session ended. `detail: { code, tenant }`.
 *
 * @csspart base - The card around the widget.
 * @csspart heading - The heading "Prikbord".
 * @csspart unread-badge - "2 nieuw" next to the heading.
 * @csspart list - The list of posts.
 * @csspart post - One post.
 * @csspart meta - Author and time of a post or reply.
 * @csspart text - The text of a post or reply.
 * @csspart photos - The photos of a post.
 * @csspart photo - One photo button (thumbnail).
 * @csspart replies - The replies under a post.
 * @csspart reply - One reply.
 * @csspart form - The composer and each reply form.
 * @csspart input - The text areas and the photo descriptions.
 * @csspart counter - The characters of the post.
 * @csspart preview - A chosen photo in the composer, with its description and progress.
 * @csspart progress - The upload progress of a photo.
 * @csspart photo-dialog - The dialog with a photo larger.
 * @csspart dialog - The "Verwijderen?" dialog.
 * @csspart button - Every button.
 * @csspart status - Loading and empty messages.
 * @csspart error - Alerts.
 *
 * @cssproperty --care-font-family - Font. Default: inherited.
 * @cssproperty --care-font-size - Base size; everything inside is in em. Default: `medium`, the reader's browser setting.
 * @cssproperty --care-color-text - Text colour.
 * @cssproperty --care-color-text-muted - Times, hints and the counter.
 * @cssproperty --care-color-background - Card, posts and inputs.
 * @cssproperty --care-color-surface - Replies and the composer.
 * @cssproperty --care-color-border - Card, post and input borders.
 * @cssproperty --care-color-primary - Buttons and the progress bar.
 * @cssproperty --care-color-primary-text - Text on filled buttons.
 * @cssproperty --care-color-focus - Focus outline.
 * @cssproperty --care-color-danger - Errors.
 * @cssproperty --care-radius - Corner radius.
 * @cssproperty --care-space - Base spacing.
 *
 * @attr unread - The number of new posts and replies (set by the widget, reflected).
 * @attr tenant - Slug of the care organisation, when used without `<care-portal>`.
 * @attr api - Base URL of the BFF, when used without `<care-portal>`.
 * @attr lang - `nl` or `en`; when absent, the portal's language.
 */
export class CareBoard extends CareDataElement<Key> {
  static override styles = careBoardStyles;

  static override properties = {
    unread: { type: Number, reflect: true },
    posts: { state: true },
    nextBefore: { state: true },
    draft: { state: true },
    photos: { state: true },
    composeError: { state: true },
    posting: { state: true },
    replyDrafts: { state: true },
    replyErrors: { state: true },
    announcement: { state: true },
    loadingOlder: { state: true },
    olderError: { state: true },
    viewing: { state: true },
  };

  /** New posts and replies of others, as the BFF counts them for the signed-in person. */
  declare unread: number;
  /** Newest first, as the BFF pages them. */
  declare protected posts: BoardPost[];
  declare protected nextBefore: string | null;
  declare protected draft: string;
  declare protected photos: ComposerPhoto[];
  declare protected composeError: string;
  declare protected posting: boolean;
  declare protected replyDrafts: Record<string, string>;
  declare protected replyErrors: Record<string, string>;
  declare protected announcement: string;
  declare protected loadingOlder: boolean;
  declare protected olderError: string;
  /** The photo open in the dialog: a post and the photo's index in it. */
  declare protected viewing: { post: BoardPost; index: number } | undefined;

  private readonly postKey = new DraftKey();
  private readonly replyKeys = new Map<string, DraftKey>();
  private stream: EventSource | undefined;
  private streamClient: CareApiClient | undefined;
  private streamOpened = false;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private observer: IntersectionObserver | undefined;
  private inView = false;
  private marking = false;
  private photoTrigger: HTMLElement | undefined;
  /** "Plaatsen" was chosen while photos were still on their way: post once they are there. */
  private postWhenUploaded = false;
  private readonly removal = this.confirmDialog<Removal>({
    id: `${this.uid}-dialog`,
    confirmed: (subject) => this.removeItem(subject),
    showBusy: true,
  });

  constructor() {
    super(boardMessages);
    this.unread = 0;
    this.posts = [];
    this.nextBefore = null;
    this.draft = '';
    this.photos = [];
    this.composeError = '';
    this.posting = false;
    this.replyDrafts = {};
    this.replyErrors = {};
    this.announcement = '';
    this.loadingOlder = false;
    this.olderError = '';
    this.viewing = undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Seen only while the board is on screen and the tab is visible.
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

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    this.markRead();
    const dialog = this.renderRoot.querySelector<HTMLDialogElement>('dialog.photo-dialog');
    if (dialog && !dialog.open) dialog.showModal();
  }

  protected override async fetchData(client: CareApiClient, signal: AbortSignal): Promise<void> {
    const page = await client.get<BoardPage>(`/board?limit=${PAGE_SIZE}`, { signal });
    this.posts = page.items;
    this.nextBefore = page.nextBefore;
    this.olderError = '';
    this.setUnread(page.unreadCount);
    this.openStream(client);
  }

  protected override clearData(): void {
    this.closeStream();
    for (const photo of this.photos) URL.revokeObjectURL(photo.preview);
    this.posts = [];
    this.nextBefore = null;
    this.draft = '';
    this.photos = [];
    this.composeError = '';
    this.replyDrafts = {};
    this.replyErrors = {};
    this.viewing = undefined;
    this.postKey.reset();
    this.replyKeys.clear();
    this.removal?.reset();
    this.setUnread(0);
  }

  private setUnread(count: number) {
    if (count === this.unread) return;
    this.unread = count;
    emit(this, 'care-board-unread-changed', { count });
  }

  // --- the list ------------------------------------------------------------------------------------

  /** Adds or replaces posts, each once (the stream and a write's answer may bring the same one). */
  private mergePosts(posts: BoardPost[]) {
    const byId = new Map(this.posts.map((p) => [p.id, p]));
    for (const post of posts) byId.set(post.id, post);
    this.posts = [...byId.values()].sort((a, b) =>
      a.createdAt === b.createdAt ? (a.id < b.id ? 1 : -1) : a.createdAt < b.createdAt ? 1 : -1,
    );
  }

  private mergeReply(reply: BoardReply) {
    this.posts = this.posts.map((post) => {
      if (post.id !== reply.postId) return post;
      const known = post.replies.some((r) => r.id === reply.id);
      const replies = known ? post.replies.map((r) => (r.id === reply.id ? reply : r)) : [...post.replies, reply];
      return { ...post, replies, replyCount: post.replyCount + (known ? 0 : 1) };
    });
  }

  private dropped(removed: { kind: 'post' | 'reply'; id: string; postId: string | null }) {
    if (removed.kind === 'post') {
      this.posts = this.posts.filter((p) => p.id !== removed.id);
      if (this.viewing?.post.id === removed.id) this.viewing = undefined;
      return;
    }
    this.posts = this.posts.map((post) =>
      post.id === removed.postId && post.replies.some((r) => r.id === removed.id)
        ? { ...post, replies: post.replies.filter((r) => r.id !== removed.id), replyCount: post.replyCount - 1 }
        : post,
    );
  }

  private async loadOlder() {
    const client = this.client;
    if (!client || !this.nextBefore || this.loadingOlder) return;
    this.loadingOlder = true;
    this.olderError = '';
    try {
      const page = await client.get<BoardPage>(`/board?before=${encodeURIComponent(this.nextBefore)}&limit=${PAGE_SIZE}`);
      this.mergePosts(page.items);
      this.nextBefore = page.nextBefore;
      this.announcement = page.nextBefore ? this.t('olderLoaded', { n: page.items.length }) : this.t('noOlder');
      if (!page.nextBefore) focusAfterUpdate(this, '[part~="post"]:last-child');
    } catch (error) {
      const apiError = this.apiError(error);
      if (apiError.kind !== 'session-expired') this.olderError = problemText(apiError, this.locale);
    } finally {
      this.loadingOlder = false;
    }
  }

  // --- live stream ---------------------------------------------------------------------------------

  private openStream(client: CareApiClient) {
    if (this.stream && this.streamClient === client && this.stream.readyState !== EventSource.CLOSED) return;
    this.closeStream();
    const source = new EventSource(client.url('/board/stream'), { withCredentials: true });
    const data = <T>(event: Event) => JSON.parse((event as MessageEvent<string>).data) as T;
    source.addEventListener('post', (event) => this.receivedPost(data<BoardPost>(event)));
    source.addEventListener('reply', (event) => this.receivedReply(data<BoardReply>(event)));
    source.addEventListener('removed', (event) => this.dropped(data(event)));
    source.addEventListener('unread', (event) => this.setUnread(data<{ unreadCount: number }>(event).unreadCount));
    source.addEventListener('session-expired', () => {
      this.closeStream();
      this.apiError(new ApiError({ kind: 'session-expired', status: 401, code: 'session-expired', title: 'Sessie verlopen' }));
    });
    // The board has no resume: after the browser's own reconnect, read the first page again.
    source.addEventListener('open', () => {
      if (this.streamOpened) this.refresh(client).catch((error: unknown) => this.apiError(error));
      this.streamOpened = true;
    });
    source.addEventListener('error', () => {
      if (source.readyState !== EventSource.CLOSED || this.stream !== source) return;
      this.reconnectTimer = setTimeout(() => void this.reconnect(client), RECONNECT_MS);
    });
    this.stream = source;
    this.streamClient = client;
    this.streamOpened = false;
  }

  /** Reads the first page again, for what happened while no stream was open. */
  private async refresh(client: CareApiClient) {
    const page = await client.get<BoardPage>(`/board?limit=${PAGE_SIZE}`);
    this.mergePosts(page.items);
    this.setUnread(page.unreadCount);
  }

  private async reconnect(client: CareApiClient) {
    if (!this.isConnected || this.client !== client) return;
    try {
      await this.refresh(client);
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

  private receivedPost(post: BoardPost) {
    const known = this.posts.some((p) => p.id === post.id);
    this.mergePosts([post]);
    if (!known && !post.author.own) this.announcement = this.t('received', { name: this.authorName(post.author) });
  }

  private receivedReply(reply: BoardReply) {
    const post = this.posts.find((p) => p.id === reply.postId);
    if (!post) return;
    const known = post.replies.some((r) => r.id === reply.id);
    this.mergeReply(reply);
    if (!known && !reply.author.own) this.announcement = this.t('received', { name: this.authorName(reply.author) });
  }

  /** The board is seen while it is on screen: the unread count goes to 0. */
  private markRead() {
    const client = this.client;
    if (!client || this.unread === 0 || this.marking || !this.inView || document.visibilityState !== 'visible') return;
    if (this.loadState.status !== 'ready') return;
    this.marking = true;
    client.post<{ unreadCount: number }>('/board/read').then(
      ({ unreadCount }) => {
        this.marking = false;
        this.setUnread(unreadCount);
      },
      (error: unknown) => {
        this.marking = false;
        this.apiError(error);
      },
    );
  }

  // --- composing -----------------------------------------------------------------------------------

  private choosePhotos(event: Event) {
    const input = event.target as HTMLInputElement;
    const files = [...(input.files ?? [])];
    input.value = '';
    const room = MAX_PHOTOS - this.photos.length;
    this.composeError = files.length > room ? this.t('tooManyPhotos') : '';
    const added = files.slice(0, Math.max(room, 0)).map((file): ComposerPhoto => ({
      key: newIdempotencyKey(),
      file,
      preview: URL.createObjectURL(file),
      description: '',
      status: 'uploading',
      progress: 0,
      error: '',
      uploaded: undefined,
    }));
    this.photos = [...this.photos, ...added];
    for (const photo of added) void this.upload(photo);
    if (added[0]) focusAfterUpdate(this, `#${this.idFor(`describe-${added[0].key}`)}`);
  }

  private patchPhoto(key: string, patch: Partial<ComposerPhoto>) {
    this.photos = this.photos.map((p) => (p.key === key ? { ...p, ...patch } : p));
  }

  /** One photo, its own request (so its progress shows), retried under its own Idempotency-Key. */
  private async upload(photo: ComposerPhoto) {
    const client = this.client;
    if (!client) return;
    if (photo.file.size > MAX_BYTES) {
      this.patchPhoto(photo.key, { status: 'failed', error: this.t('upload.tooLarge') });
      return;
    }
    this.patchPhoto(photo.key, { status: 'uploading', progress: 0, error: '' });
    try {
      const uploaded = await sendPhoto(client, photo, (progress) => this.patchPhoto(photo.key, { progress }));
      this.patchPhoto(photo.key, { status: 'uploaded', progress: 100, uploaded });
      if (this.postWhenUploaded && this.photos.every((p) => p.status === 'uploaded')) void this.submit(new Event('submit'));
    } catch (error) {
      this.postWhenUploaded = false;
      const apiError = this.apiError(error);
      if (apiError.kind === 'session-expired') return;
      this.patchPhoto(photo.key, { status: 'failed', error: this.uploadProblem(apiError) });
    }
  }

  private uploadProblem(error: ApiError): string {
    // The BFF's Dutch detail says exactly what is wrong with this file.
    if (this.locale === 'nl' && error.detail && [413, 415, 422, 507].includes(error.status)) return error.detail;
    if (error.code === 'too-large') return this.t('upload.tooLarge');
    if (error.code === 'unsupported-photo') return this.t(error.extensions['format'] === 'heic' ? 'upload.heic' : 'upload.unsupported');
    if (error.code === 'unreadable-photo') return this.t('upload.unreadable');
    if (error.code === 'quota-exceeded') return this.t('upload.quota');
    return `${this.t('upload.failed')} ${problemText(error, this.locale)}`;
  }

  private removePhoto(photo: ComposerPhoto) {
    URL.revokeObjectURL(photo.preview);
    this.photos = this.photos.filter((p) => p.key !== photo.key);
    const client = this.client;
    // An upload nobody will post: the BFF forgets it (and it stops counting towards the quota).
    if (client && photo.uploaded) client.delete(`/board/photos/${encodeURIComponent(photo.uploaded.id)}`).catch(() => {});
    focusAfterUpdate(this, `#${this.idFor('choose')}`);
  }

  private async submit(event: Event) {
    event.preventDefault();
    this.postWhenUploaded = false;
    if (this.posting) return;
    const text = this.draft.replace(/\r\n?/g, '\n').trim();
    const length = characters(text);
    const undescribed = this.photos.find((p) => !p.description.trim());
    this.composeError =
      length > MAX_CHARACTERS
        ? this.t('tooLong')
        : !length && !this.photos.length
          ? this.t('required')
          : undescribed
            ? this.t('describe.required')
            : this.photos.some((p) => p.status === 'uploading')
              ? this.t('waitUploads')
              : '';
    for (const photo of this.photos.filter((p) => p.status === 'failed')) void this.upload(photo);
    if (!this.composeError && this.photos.some((p) => p.status !== 'uploaded')) this.composeError = this.t('waitUploads');
    if (this.composeError === this.t('waitUploads')) {
      this.postWhenUploaded = true;
      return;
    }
    if (this.composeError) {
      focusAfterUpdate(
        this,
        undescribed && length <= MAX_CHARACTERS ? `#${this.idFor(`describe-${undescribed.key}`)}` : `#${this.idFor('text')}`,
      );
      return;
    }
    const client = this.client;
    if (!client) return;
    const body = { text, photos: this.photos.map((p) => ({ id: p.uploaded!.id, description: p.description.trim() })) };
    this.posting = true;
    try {
      const post = await client.post<BoardPost>('/board/posts', body, { idempotencyKey: this.postKey.for(body) });
      this.postKey.reset();
      for (const photo of this.photos) URL.revokeObjectURL(photo.preview);
      this.draft = '';
      this.photos = [];
      this.composeError = '';
      this.mergePosts([post]);
      this.announcement = this.t('posted');
      emit(this, 'care-board-posted', { post });
    } catch (error) {
      const apiError = this.apiError(error);
      if (apiError.kind !== 'session-expired') this.composeError = `${this.t('post.failed')} ${problemText(apiError, this.locale)}`;
    } finally {
      this.posting = false;
    }
  }

  private async sendReply(event: Event, post: BoardPost) {
    event.preventDefault();
    const text = (this.replyDrafts[post.id] ?? '').replace(/\r\n?/g, '\n').trim();
    const length = characters(text);
    const error = !length ? this.t('reply.required') : length > MAX_CHARACTERS ? this.t('tooLong') : '';
    this.replyErrors = { ...this.replyErrors, [post.id]: error };
    if (error) {
      focusAfterUpdate(this, `#${this.idFor(`reply-${post.id}`)}`);
      return;
    }
    const client = this.client;
    if (!client) return;
    let key = this.replyKeys.get(post.id);
    if (!key) this.replyKeys.set(post.id, (key = new DraftKey()));
    const body = { text };
    try {
      const reply = await client.post<BoardReply>(`/board/posts/${encodeURIComponent(post.id)}/replies`, body, {
        idempotencyKey: key.for(body),
      });
      key.reset();
      this.replyDrafts = { ...this.replyDrafts, [post.id]: '' };
      this.mergeReply(reply);
      this.announcement = this.t('reply.sent');
    } catch (caught) {
      const apiError = this.apiError(caught);
      if (apiError.kind !== 'session-expired') {
        this.replyErrors = { ...this.replyErrors, [post.id]: `${this.t('reply.failed')} ${problemText(apiError, this.locale)}` };
      }
    }
  }

  private async removeItem(subject: Removal) {
    const client = this.client;
    if (!client) return;
    try {
      await client.delete(
        subject.kind === 'post' ? `/board/posts/${encodeURIComponent(subject.id)}` : `/board/replies/${encodeURIComponent(subject.id)}`,
      );
      this.dropped(subject);
      this.announcement = this.t('removed');
      this.removal.done();
    } catch (error) {
      this.removal.failed(this.apiError(error));
    }
  }

  // --- photo dialog --------------------------------------------------------------------------------

  private openPhoto(event: Event, post: BoardPost, index: number) {
    this.photoTrigger = event.currentTarget as HTMLElement;
    this.viewing = { post, index };
  }

  private closePhoto() {
    this.renderRoot.querySelector<HTMLDialogElement>('dialog.photo-dialog')?.close();
  }

  private onPhotoClosed() {
    this.viewing = undefined;
    const trigger = this.photoTrigger;
    this.photoTrigger = undefined;
    if (trigger?.isConnected) trigger.focus();
  }

  private stepPhoto(by: number) {
    const viewing = this.viewing;
    if (!viewing) return;
    const count = viewing.post.photos.length;
    this.viewing = { post: viewing.post, index: (viewing.index + by + count) % count };
  }

  private onPhotoKey(event: KeyboardEvent) {
    if (event.key === 'ArrowRight') this.stepPhoto(1);
    else if (event.key === 'ArrowLeft') this.stepPhoto(-1);
  }

  // --- rendering -----------------------------------------------------------------------------------

  private authorName(author: BoardPost['author']): string {
    if (author.own) return this.t('you');
    if (this.locale === 'nl') return author.label;
    return author.kind === 'client' ? author.name : `${author.name} (${this.t(author.kind === 'staff' ? 'kind.staff' : 'kind.contact')})`;
  }

  /** A photo's `url` is relative to the tenant API. */
  private photoUrl(photo: BoardPhoto, size: 'thumbnail' | 'screen'): string {
    return new URL(photo[size].url, new URL(this.client?.url('/') ?? '', location.href)).href;
  }

  protected override render() {
    const state = this.loadState;
    return html`<section part="base" aria-labelledby=${this.idFor('heading')}>
      <div class="header">
        <h2 part="heading" id=${this.idFor('heading')} tabindex="-1">${this.t('heading')}</h2>
        ${this.unread > 0 ? html`<span part="unread-badge" class="badge unread">${this.t('unread', { n: this.unread })}</span>` : nothing}
      </div>
      <p class="visually-hidden" role="status">${this.announcement}</p>
      <div class="results" aria-busy=${state.status === 'loading' ? 'true' : 'false'}>
        ${renderLoadState(state, this.locale, () => this.reload())} ${state.status === 'ready' ? this.renderBoard() : nothing}
      </div>
      ${this.removal.render((subject) => ({
        title: this.t(subject.kind === 'post' ? 'remove.post' : 'remove.reply'),
        text: this.t('remove.text'),
        subject: html`${this.removalSubject(subject)}`,
      }))}
      ${this.renderPhotoDialog()}
    </section>`;
  }

  private removalSubject(subject: Removal): string {
    const post = this.posts.find((p) => p.id === subject.postId);
    const text = subject.kind === 'post' ? post?.text : post?.replies.find((r) => r.id === subject.id)?.text;
    const line = text || post?.photos[0]?.description || '';
    return line.length > 80 ? `${line.slice(0, 79)}…` : line;
  }

  private renderBoard() {
    return html`<p class="muted intro">${this.t('intro')}</p>
      ${this.renderComposer()}
      ${
        this.posts.length
          ? html`<ul part="list" class="plain posts" aria-label=${this.t('heading')}>
              ${this.posts.map((post) => this.renderPost(post))}
            </ul>`
          : html`<p part="status" class="state state--empty">${this.t('empty')}</p>`
      }
      ${
        this.nextBefore
          ? html`<div class="actions">
              <button type="button" part="button older" class="button button--secondary" aria-disabled=${this.loadingOlder ? 'true' : 'false'} @click=${this.loadOlder}>
                ${this.t('older')}
              </button>
            </div>`
          : nothing
      }
      ${this.olderError ? html`<div part="error" role="alert"><p>${this.olderError}</p></div>` : nothing}`;
  }

  /** Author and time: the heading of a post (`id`), a line of a reply. */
  private renderMeta(author: BoardPost['author'], createdAt: string, id?: string) {
    const meta = html`<span class="author">${this.authorName(author)}</span>
      <time datetime=${createdAt}>${formatDateTime(createdAt, this.locale)}</time>`;
    return id ? html`<h3 part="meta" class="meta" id=${id}>${meta}</h3>` : html`<p part="meta" class="meta">${meta}</p>`;
  }

  private renderPost(post: BoardPost) {
    const headingId = this.idFor(`post-${post.id}`);
    return html`<li part="post" class="post" data-id=${post.id} tabindex="-1">
      <article aria-labelledby=${headingId}>
        ${this.renderMeta(post.author, post.createdAt, headingId)} ${post.text ? html`<p part="text" class="text">${post.text}</p>` : nothing}
        ${
          post.photos.length
            ? html`<ul part="photos" class="plain photos">
                ${post.photos.map(
                  (photo, index) =>
                    html`<li>
                      <button
                        type="button"
                        part="photo"
                        class="photo"
                        aria-label=${`${this.t('open')}: ${photo.description}`}
                        @click=${(e: Event) => this.openPhoto(e, post, index)}
                      >
                        <img src=${this.photoUrl(photo, 'thumbnail')} alt=${photo.description} width=${photo.thumbnail.width} height=${photo.thumbnail.height} loading="lazy" />
                      </button>
                    </li>`,
                )}
              </ul>`
            : nothing
        }
        ${
          post.canDelete
            ? html`<div class="actions">
                <button
                  type="button"
                  part="button remove"
                  class="link-button"
                  @click=${(e: Event) => this.removal.open({ kind: 'post', id: post.id, postId: post.id }, e)}
                >
                  ${this.t('remove.post')}
                </button>
              </div>`
            : nothing
        }
        ${this.renderReplies(post)}
      </article>
    </li>`;
  }

  private renderReplies(post: BoardPost) {
    const inputId = this.idFor(`reply-${post.id}`);
    const error = this.replyErrors[post.id] ?? '';
    return html`<div part="replies" class="replies">
      ${
        post.replies.length
          ? html`<ul class="plain" aria-label=${this.t('replies')}>
                ${post.replies.map(
                  (reply) =>
                    html`<li part="reply" class="reply" data-id=${reply.id}>
                      ${this.renderMeta(reply.author, reply.createdAt)}
                      <p part="text" class="text">${reply.text}</p>
                      ${
                        reply.canDelete
                          ? html`<button
                              type="button"
                              part="button remove"
                              class="link-button"
                              @click=${(e: Event) => this.removal.open({ kind: 'reply', id: reply.id, postId: post.id }, e)}
                            >
                              ${this.t('remove.reply')}
                            </button>`
                          : nothing
                      }
                    </li>`,
                )}
              </ul>`
          : nothing
      }
      <form part="form" class="reply-form" novalidate @submit=${(e: Event) => this.sendReply(e, post)}>
        <label for=${inputId}>${this.t('replyLabel')}</label>
        <div class="reply-row">
          <textarea
            part="input"
            id=${inputId}
            name="reply"
            rows="1"
            .value=${this.replyDrafts[post.id] ?? ''}
            aria-invalid=${error ? 'true' : 'false'}
            aria-describedby=${error ? `${inputId}-error` : nothing}
            @input=${(e: InputEvent) => {
              this.replyDrafts = { ...this.replyDrafts, [post.id]: (e.target as HTMLTextAreaElement).value };
              if (error) this.replyErrors = { ...this.replyErrors, [post.id]: '' };
            }}
          ></textarea>
          <button type="submit" part="button reply" class="button button--secondary">${this.t('reply')}</button>
        </div>
        ${error ? html`<p class="field-error" id=${`${inputId}-error`} role="alert">${error}</p>` : nothing}
      </form>
    </div>`;
  }

  private renderComposer() {
    const length = characters(this.draft);
    const near = length >= COUNTER_FROM;
    const counter =
      length <= MAX_CHARACTERS
        ? near
          ? this.t('left', { n: MAX_CHARACTERS - length })
          : ''
        : this.t('over', { n: length - MAX_CHARACTERS });
    const describedBy = [this.idFor('count'), this.idFor('counter'), this.composeError ? this.idFor('error') : '']
      .filter(Boolean)
      .join(' ');
    return html`<form part="form" class="compose" novalidate aria-labelledby=${this.idFor('compose')} @submit=${this.submit}>
      <h3 id=${this.idFor('compose')}>${this.t('composeHeading')}</h3>
      <div class="field field--wide">
        <label for=${this.idFor('text')}>${this.t('label')}</label>
        <textarea
          part="input"
          id=${this.idFor('text')}
          name="text"
          rows="3"
          .value=${this.draft}
          aria-invalid=${length > MAX_CHARACTERS ? 'true' : 'false'}
          aria-describedby=${describedBy}
          @input=${(e: InputEvent) => {
            this.draft = (e.target as HTMLTextAreaElement).value;
            if (this.composeError) this.composeError = '';
          }}
        ></textarea>
        <p part="counter" class="hint counter ${length > MAX_CHARACTERS ? 'counter--over' : ''}" id=${this.idFor('count')}>
          ${this.t('count', { n: length })}
        </p>
        <p class="visually-hidden" id=${this.idFor('counter')} aria-live="polite">${counter}</p>
      </div>
      <div class="field field--wide">
        <label class="button button--secondary choose" for=${this.idFor('choose')}>${this.t('addPhotos')}</label>
        <input
          class="visually-hidden"
          type="file"
          id=${this.idFor('choose')}
          accept="image/jpeg,image/png,image/webp,image/heic,image/heif"
          multiple
          ?disabled=${this.photos.length >= MAX_PHOTOS}
          aria-describedby=${this.idFor('photos-hint')}
          @change=${this.choosePhotos}
        />
        <p class="hint" id=${this.idFor('photos-hint')}>${this.t('photosHint')}</p>
      </div>
      ${this.photos.length ? html`<ul class="plain previews">${this.photos.map((photo) => this.renderPreview(photo))}</ul>` : nothing}
      ${this.composeError ? html`<p part="error" class="field-error" id=${this.idFor('error')} role="alert">${this.composeError}</p>` : nothing}
      <div class="actions">
        <button type="submit" part="button send" class="button" aria-disabled=${this.posting ? 'true' : 'false'}>
          ${this.t(this.posting ? 'posting' : 'post')}
        </button>
      </div>
    </form>`;
  }

  private renderPreview(photo: ComposerPhoto) {
    const id = this.idFor(`describe-${photo.key}`);
    return html`<li part="preview" class="preview">
      <img src=${photo.preview} alt="" />
      <div class="preview-fields">
        <label for=${id}>${this.t('describe')}</label>
        <p class="hint" id=${`${id}-hint`}>${this.t('describeHint')}</p>
        <input
          part="input"
          id=${id}
          name="description"
          maxlength="250"
          .value=${photo.description}
          aria-describedby=${`${id}-hint ${id}-state`}
          @input=${(e: InputEvent) => this.patchPhoto(photo.key, { description: (e.target as HTMLInputElement).value })}
        />
        <p class="hint upload" id=${`${id}-state`}>
          ${
            photo.status === 'uploading'
              ? html`<progress part="progress" max="100" .value=${photo.progress} aria-label=${this.t('uploading', { n: photo.progress })}></progress>
                  ${this.t('uploading', { n: photo.progress })}`
              : photo.status === 'uploaded'
                ? this.t('uploaded')
                : html`<span class="upload-error">${photo.error}</span>
                    <button type="button" part="button retry" class="link-button" @click=${() => void this.upload(photo)}>${this.t('retry')}</button>`
          }
        </p>
        <button type="button" part="button remove-photo" class="link-button" aria-describedby=${id} @click=${() => this.removePhoto(photo)}>
          ${this.t('removePhoto')}
        </button>
      </div>
    </li>`;
  }

  private renderPhotoDialog() {
    const viewing = this.viewing;
    if (!viewing) return nothing;
    const photo = viewing.post.photos[viewing.index];
    if (!photo) return nothing;
    const total = viewing.post.photos.length;
    return html`<dialog
      part="photo-dialog"
      class="photo-dialog"
      aria-labelledby=${this.idFor('photo-caption')}
      @close=${this.onPhotoClosed}
      @keydown=${this.onPhotoKey}
    >
      <figure>
        <img src=${this.photoUrl(photo, 'screen')} alt=${photo.description} width=${photo.screen.width} height=${photo.screen.height} />
        <figcaption id=${this.idFor('photo-caption')}>
          ${this.t('photoOf', { n: viewing.index + 1, total, description: photo.description })}
        </figcaption>
      </figure>
      <div class="actions">
        ${
          total > 1
            ? html`<button type="button" part="button previous" class="button button--secondary" @click=${() => this.stepPhoto(-1)}>
                  ${this.t('previous')}
                </button>
                <button type="button" part="button next" class="button button--secondary" @click=${() => this.stepPhoto(1)}>${this.t('next')}</button>`
            : nothing
        }
        <button type="button" part="button close" class="button" autofocus @click=${this.closePhoto}>${this.t('close')}</button>
      </div>
    </dialog>`;
  }
}
