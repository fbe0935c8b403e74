import { z } from 'zod';
import { dateTime, idParam, media, ok, problem, read, write } from '../contract/operations.js';
import { plainLine, plainText } from '../http/plain-text.js';
import { relationships } from '../contacts/rights.js';

/** Longest post or reply, in characters (code points) as the widget's counter counts them. */
export const BOARD_TEXT_MAX_CHARACTERS = 2000;
export const BOARD_PHOTOS_PER_POST = 6;
/** Largest photo upload, in bytes, as the phone sends it (the stored versions are much smaller). */
export const BOARD_PHOTO_MAX_BYTES = 10 * 1024 * 1024;
export const BOARD_PHOTO_DESCRIPTION_MAX_CHARACTERS = 250;
/** Replies shown under a post in a page: the newest this many, oldest first; `replyCount` has them all. */
export const BOARD_REPLIES_PER_POST = 50;

const characterCount = (text: string) => [...text].length;
const isUuid = (text: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text);

export const boardAuthor = z
  .strictObject({
    kind: z.enum(['client', 'contact', 'staff']),
    name: z.string().describe('"Marieke de Vries"'),
    relationship: z.enum(relationships).nullable().describe("A contact person's relationship to the client"),
    label: z
      .string()
      .describe('How the portal shows the author: "Marieke de Vries (dochter)", "Sanne Visser (zorgteam)", the client\'s name'),
    own: z.boolean().describe('Written by the signed-in account'),
  })
  .meta({ id: 'BoardAuthor' });

const photoVersion = z.strictObject({
  url: z.string().describe('Below the tenant API: `board/photos/{id}/thumbnail` or `…/screen`'),
  width: z.int(),
  height: z.int(),
});

export const boardPhoto = z
  .strictObject({
    id: z.string(),
    description: z.string().describe('The alt text'),
    contentType: z.string().describe('Of both versions, e.g. image/jpeg'),
    thumbnail: photoVersion.describe('At most 480 px on its longest side'),
    screen: photoVersion.describe('At most 1,600 px on its longest side'),
  })
  .meta({ id: 'BoardPhoto' });

export const boardReply = z
  .strictObject({
    id: z.string(),
    postId: z.string(),
    author: boardAuthor,
    createdAt: dateTime(),
    text: z.string(),
    canDelete: z.boolean().describe("The author's own reply, or the client's own board"),
  })
  .meta({ id: 'BoardReply' });

export const boardPost = z
  .strictObject({
    id: z.string(),
    author: boardAuthor,
    createdAt: dateTime(),
    text: z.string().describe('May be empty when the post has photos'),
    photos: z.array(boardPhoto).max(BOARD_PHOTOS_PER_POST),
    replies: z.array(boardReply).describe(`The newest ${BOARD_REPLIES_PER_POST} replies, oldest first`),
    replyCount: z.int(),
    canDelete: z.boolean().describe("The author's own post, or the client's own board"),
  })
  .meta({ id: 'BoardPost' });

export const boardPageQuery = z.object({
  before: z.string().optional().describe('Id of the oldest post of the previous page'),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});

export const boardPage = z.strictObject({
  items: z.array(boardPost),
  nextBefore: z.string().nullable().describe('`before` of the next (older) page; null at the oldest post'),
  unreadCount: z.int(),
});

export const boardUnreadCount = z.strictObject({ unreadCount: z.int() }).meta({ id: 'BoardUnreadCount' });

const boardText = (allowEmpty: boolean) =>
  z
    .string()
    .transform((text) => plainText(text).trim())
    .refine((text) => allowEmpty || text.length > 0, 'write something first')
    .refine((text) => characterCount(text) <= BOARD_TEXT_MAX_CHARACTERS, `at most ${BOARD_TEXT_MAX_CHARACTERS} characters`)
    .meta({ description: `At most ${BOARD_TEXT_MAX_CHARACTERS} characters` });

export const postPhotoReference = z.object({
  id: z.string().refine(isUuid, 'the id of an uploaded photo'),
  description: z
    .string()
    .transform((text) => plainLine(text).trim())
    .refine((text) => text.length > 0, 'describe the photo')
    .refine(
      (text) => characterCount(text) <= BOARD_PHOTO_DESCRIPTION_MAX_CHARACTERS,
      `at most ${BOARD_PHOTO_DESCRIPTION_MAX_CHARACTERS} characters`,
    )
    .meta({ minLength: 1, description: 'The alt text ("Beschrijf de foto")' }),
});

export const newPostBody = z
  .object({
    text: boardText(true).default(''),
    photos: z
      .array(postPhotoReference)
      .max(BOARD_PHOTOS_PER_POST, `at most ${BOARD_PHOTOS_PER_POST} photos`)
      .default([])
      .describe('Photos uploaded with POST /board/photos, in the order shown'),
  })
  .refine((post) => post.text.length > 0 || post.photos.length > 0, { message: 'write something or add a photo', path: ['text'] })
  .refine((post) => new Set(post.photos.map((p) => p.id.toLowerCase())).size === post.photos.length, {
    message: 'a photo appears twice',
    path: ['photos'],
  });

export const newReplyBody = z.object({ text: boardText(false).meta({ minLength: 1 }) });

export const boardQuota = z
  .strictObject({
    usedBytes: z.int().describe("The stored photos of the client's board"),
    limitBytes: z.int().describe('Set by the tenant (board.photoQuotaMegabytes)'),
  })
  .meta({ id: 'BoardQuota' });

export const uploadedPhoto = z
  .strictObject({
    id: z.string().describe('Reference it in `photos` of POST /board/posts'),
    contentType: z.string(),
    thumbnail: photoVersion,
    screen: photoVersion,
    quota: boardQuota,
  })
  .meta({ id: 'UploadedPhoto' });

export const photoSizeParams = z.object({
  id: z.string().describe('Photo id'),
  size: z.enum(['thumbnail', 'screen']),
});

/** `removed` events of the live stream. */
export const boardRemoved = z
  .strictObject({
    kind: z.enum(['post', 'reply']),
    id: z.string(),
    postId: z.string().nullable().describe('The post of a removed reply'),
  })
  .meta({ id: 'BoardRemoved' });

const idOf = (what: string) => idParam(`${what} id`);

export const boardOperations = [
  read({
    path: '/board',
    tag: 'board',
    summary: 'A page of the board, newest post first, each with its photos and replies',
    query: boardPageQuery,
    responses: { '200': ok('Page', boardPage) },
  }),
  read({
    path: '/board/unread-count',
    tag: 'board',
    summary: 'Posts and replies of others since the signed-in person last looked',
    responses: { '200': ok('Count', boardUnreadCount) },
  }),
  write('post', {
    path: '/board/read',
    tag: 'board',
    summary: 'The signed-in person has seen the board: the unread count is 0',
    responses: { '200': ok('Count', boardUnreadCount) },
  }),
  write('post', {
    path: '/board/posts',
    tag: 'board',
    summary: 'Post text and up to 6 uploaded photos, each with its description',
    idempotencyKey: true,
    body: newPostBody,
    responses: {
      '201': ok('The post', boardPost),
      '404': problem('A photo is not an upload of this board, or is posted already'),
      '409': problem('Same Idempotency-Key, other post'),
    },
  }),
  write('post', {
    path: '/board/posts/{id}/replies',
    tag: 'board',
    summary: 'Reply under a post',
    params: idOf('Post'),
    idempotencyKey: true,
    body: newReplyBody,
    responses: {
      '201': ok('The reply', boardReply),
      '404': problem('No such post on this board'),
      '409': problem('Same Idempotency-Key, other reply'),
    },
  }),
  write('delete', {
    path: '/board/posts/{id}',
    tag: 'board',
    summary: 'Remove a post with its photos and replies: own posts, or anything on the client’s own board',
    params: idOf('Post'),
    responses: {
      '204': ok('Removed'),
      '403': problem('`not-yours`: someone else’s post'),
      '404': problem('No such post on this board'),
    },
  }),
  write('delete', {
    path: '/board/replies/{id}',
    tag: 'board',
    summary: 'Remove a reply: own replies, or anything on the client’s own board',
    params: idOf('Reply'),
    responses: {
      '204': ok('Removed'),
      '403': problem('`not-yours`: someone else’s reply'),
      '404': problem('No such reply on this board'),
    },
  }),
  write('post', {
    path: '/board/photos',
    tag: 'board',
    summary: 'Upload one photo (the raw JPEG, PNG, WebP or HEIF bytes as the body, at most 10 MB)',
    description:
      "The body is the file itself with its Content-Type (image/jpeg, image/png, image/webp, image/heic or image/heif). The BFF decodes it, applies the EXIF orientation and stores a thumbnail and a screen-size JPEG without any metadata (no GPS location). One photo per request, so that the widget shows progress per photo; reference the answer's id in POST /board/posts.",
    idempotencyKey: true,
    responses: {
      '201': ok('The stored photo', uploadedPhoto),
      '413': problem('`too-large`: larger than 10 MB'),
      '415': problem('`unsupported-photo`: not a JPEG, PNG, WebP or decodable HEIF photo (also an iPhone HEIC photo, an SVG, a PDF)'),
      '422': problem('`unreadable-photo`: the file is damaged or incomplete'),
      '507': problem('`quota-exceeded`: the board’s photos would exceed the tenant’s quota'),
    },
  }),
  read({
    path: '/board/photos/{id}/{size}',
    tag: 'board',
    summary: 'A photo of the board: `thumbnail` or `screen`',
    params: photoSizeParams,
    responses: {
      '200': media('The photo (Cache-Control: private)', 'image/jpeg', true),
      '404': problem('No such photo on this board'),
    },
  }),
  write('delete', {
    path: '/board/photos/{id}',
    tag: 'board',
    summary: 'Remove an own upload that is not posted yet (a photo removed in the composer)',
    params: idOf('Photo'),
    responses: { '204': ok('Removed'), '404': problem('No such unposted upload of yours') },
  }),
  read({
    path: '/board/stream',
    tag: 'board',
    summary: 'New posts, replies and removals as they happen (Server-Sent Events)',
    description:
      'Events: `post` (a BoardPost), `reply` (a BoardReply), `removed` (a BoardRemoved), `unread` ({ unreadCount }), `session-expired`. There is no resume: after every (re)connect the widget reads the first page again.',
    responses: {
      '200': media('`post`, `reply`, `removed` and `unread` events', 'text/event-stream'),
      '429': problem('`too-many-streams`: this session has six streams open already'),
    },
  }),
];
