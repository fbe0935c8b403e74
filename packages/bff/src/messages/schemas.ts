import { z } from 'zod';
import { dateTime, media, ok, problem, read, write } from '../contract/operations.js';
import { plainText } from '../http/plain-text.js';

/** Longest message, in characters (code points) as the widget counts them. */
export const MESSAGE_MAX_CHARACTERS = 2000;
export const characterCount = (text: string) => [...text].length;
const isUuid = (text: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text);

export const message = z
  .strictObject({
    id: z.string(),
    body: z.string(),
    sentAt: dateTime(),
    sender: z.strictObject({ kind: z.enum(['staff', 'client', 'contact']), name: z.string() }),
    own: z.boolean().describe('Sent by the signed-in account'),
    readAt: dateTime().nullable().describe('When the signed-in account read it; null for own messages'),
  })
  .meta({ id: 'Message' });

export const messagePageQuery = z.object({
  before: z.string().optional().describe('Id of the oldest message of the previous page'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export const messageStreamQuery = z.object({
  lastEventId: z.string().optional().describe('Resume after this message id (or the Last-Event-ID header)'),
});
export const newMessageBody = z.object({
  body: z
    .string()
    .transform((text) => plainText(text).trim())
    .refine((text) => text.length > 0, 'write something first')
    .refine((text) => characterCount(text) <= MESSAGE_MAX_CHARACTERS, `at most ${MESSAGE_MAX_CHARACTERS} characters`)
    .meta({ minLength: 1, description: `At most ${MESSAGE_MAX_CHARACTERS} characters` }),
});
export const markReadBody = z.object({
  upTo: z.union([z.literal('all'), z.string().refine(isUuid, 'a message id or "all"')]).describe('A message id, or "all"'),
});

export const messagePage = z.strictObject({
  items: z.array(message),
  nextBefore: z.string().nullable().describe('`before` of the next (older) page; null at the first message'),
  unreadCount: z.int(),
});
export const unreadCount = z.strictObject({ unreadCount: z.int() });
export const markedRead = z.strictObject({ marked: z.int(), unreadCount: z.int() });

export const messageOperations = [
  read({
    path: '/messages',
    tag: 'messages',
    summary: 'A page of the thread, newest first',
    query: messagePageQuery,
    responses: { '200': ok('Page', messagePage) },
  }),
  write('post', {
    path: '/messages',
    tag: 'messages',
    summary: 'Send a message',
    idempotencyKey: true,
    body: newMessageBody,
    responses: { '201': ok('The message', message), '409': problem('Same Idempotency-Key, other message') },
  }),
  read({
    path: '/messages/unread-count',
    tag: 'messages',
    summary: 'Number of unread messages',
    responses: { '200': ok('Count', unreadCount) },
  }),
  write('post', {
    path: '/messages/read',
    tag: 'messages',
    summary: 'Mark messages read',
    body: markReadBody,
    responses: { '200': ok('Marked', markedRead), '404': problem('No such message in this thread') },
  }),
  read({
    path: '/messages/stream',
    tag: 'messages',
    summary: 'New messages as they arrive (Server-Sent Events)',
    query: messageStreamQuery,
    responses: {
      '200': media('`message` events with a Message; `session-ended` when the session ends', 'text/event-stream'),
      '429': problem('`too-many-streams`: this session has six streams open already'),
    },
  }),
];
