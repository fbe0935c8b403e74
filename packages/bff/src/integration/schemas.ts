import { z } from 'zod';
import { relationships, rightAreas } from '../contacts/rights.js';
import { ok, problem, type Operation } from '../contract/operations.js';
import { accessEventSchema } from './access-events.js';
import { appointmentSchema } from './appointments.js';
import { boardPostRemoval, boardPostResult, boardPostSchema } from './board.js';
import { MAX_BATCH_ITEMS, type BatchSummary, type ItemResult } from './batch.js';
import { FEED_START, MAX_FEED_PAGE, parseCursor, type ChangesPage } from './changes-feed.js';
import { clientSchema } from './clients.js';
import { contactSchema } from './contacts.js';
import { measurementSchema } from './measurements.js';
import { messageSchema } from './messages.js';
import { planDocumentSchema } from './plan-documents.js';
import { reportSchema } from './reports.js';

/**
 * The integration API's contract, one entry per route, as zod schemas: what the ECD sends (the
 * record schemas the batches validate each item with, in the record's own file) and what the BFF
 * answers. integration/openapi.ts generates the OpenAPI document from these entries, the routes
 * parse their requests with them, and every in-process test checks each answer against them
 * (testing/contract-check.ts). Paths are below /integration/v1.
 *
 * A new kind of record: add it to `pushedResources` (batch POST and PUT by ECD id follow); any
 * other route: add an entry to `integrationOperations`.
 */

// Requests.

export const batchBody = z.object({
  items: z
    .array(z.unknown(), { error: 'an array of items' })
    .min(1, 'at least 1 item')
    .max(MAX_BATCH_ITEMS, `at most ${MAX_BATCH_ITEMS} items per request; send more in several requests`),
});

export const feedQuery = z.object({
  after: z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value === '') return FEED_START;
      const cursor = parseCursor(value);
      if (!cursor) ctx.addIssue({ code: 'custom', message: 'a cursor from an earlier page ("next" or an item\'s "cursor")' });
      return cursor ?? FEED_START;
    })
    .meta({
      pattern: '^\\d+\\.\\d+$',
      description: "A cursor: `next` of the previous page or an item's `cursor`. Absent: from the beginning.",
    }),
  limit: z.coerce.number().int('a whole number').min(1).max(MAX_FEED_PAGE, `at most ${MAX_FEED_PAGE}`).default(100),
});

const tenantParam = z.string().describe("The tenant slug; also the token's `iss`.");
const tenantParams = z.object({ tenant: tenantParam });
const recordParams = z.object({ tenant: tenantParam, ecdId: z.string().describe("The record's id in the ECD.") });

// Answers.

const dateTime = () => z.iso.datetime();

export const fieldError = z.strictObject({ field: z.string(), detail: z.string() }).meta({ id: 'FieldError' });

export const itemResult = z
  .strictObject({
    index: z.int().min(0).describe('Position in the batch, from 0.'),
    ecdId: z.string().nullable(),
    status: z.enum(['created', 'updated', 'unchanged', 'invalid', 'conflict']),
    id: z.uuid().optional().describe("The portal's id of the record."),
    errors: z.array(fieldError).optional(),
    warnings: z
      .array(fieldError)
      .optional()
      .describe('Applied, but something to know (e.g. no invitation: the e-mail address is already a username).'),
  })
  .meta({ id: 'ItemResult' });

export const batchResult = z
  .strictObject({
    results: z.array(itemResult),
    created: z.int(),
    updated: z.int(),
    unchanged: z.int(),
    invalid: z.int(),
    conflict: z.int(),
  })
  .meta({ id: 'BatchResult' });

export const cancelledAppointment = z
  .strictObject({ ecdId: z.string(), id: z.uuid(), status: z.literal('cancelled'), cancelledAt: dateTime() })
  .meta({ id: 'CancelledAppointment' });

export const contactRemoval = z.strictObject({ ecdId: z.string(), status: z.enum(['removed', 'absent']) }).meta({ id: 'ContactRemoval' });

const previousProfile = z.strictObject({ mobilePhone: z.string().nullable(), email: z.string().nullable() });
const appointmentData = z.strictObject({
  startsAt: dateTime(),
  endsAt: dateTime(),
  title: z.string(),
  description: z.string().nullable(),
  location: z.string().nullable(),
  cancelledAt: dateTime().nullable(),
});
const contactData = z
  .strictObject({
    ecdId: z.string().nullable().describe("The ECD's id of the link, if the ECD pushed it."),
    name: z.string().nullable(),
    email: z.string().nullable(),
    mobilePhone: z.string().nullable(),
    relationship: z.enum(relationships).nullable(),
    rights: z.partialRecord(z.enum(rightAreas), z.boolean()),
    locked: z.boolean(),
    legalRepresentative: z.boolean(),
  })
  .describe("resourceId is the person's account id");

/** What happened, and the data that goes with it. */
const changeKinds = {
  'report.created': z.strictObject({
    writtenAt: dateTime(),
    authorName: z.string(),
    authorKind: z.enum(['client', 'contact']),
    text: z.string(),
  }),
  'measurement.created': z.strictObject({
    typeCode: z.string(),
    measuredAt: dateTime(),
    values: z.record(z.string(), z.number()),
    authorName: z.string(),
  }),
  'measurement.deleted': z.strictObject({ deletedAt: dateTime() }),
  'message.created': z.strictObject({
    sentAt: dateTime(),
    senderName: z.string(),
    senderKind: z.enum(['client', 'contact']),
    body: z.string(),
  }),
  'plan.decided': z.strictObject({
    planEcdId: z.string().nullable(),
    decision: z.enum(['signed', 'rejected']),
    reason: z.string().nullable(),
    decidedAt: dateTime(),
    decidedByName: z.string(),
    documentSha256: z.string(),
  }),
  'profile.changed': z.strictObject({
    mobilePhone: z.string().nullable(),
    email: z.string().nullable(),
    previous: previousProfile,
  }),
  'appointment.created': appointmentData,
  'appointment.updated': appointmentData,
  'contact.added': contactData,
  'contact.changed': contactData,
  'contact.removed': contactData,
  'board.post.created': z.strictObject({
    createdAt: dateTime(),
    authorName: z.string(),
    authorKind: z.enum(['client', 'contact']),
    authorRelationship: z.enum(relationships).nullable(),
    text: z.string(),
  }),
  'board.reply.created': z.strictObject({
    postId: z.uuid(),
    postEcdId: z.string().nullable().describe('The ECD id of the post replied to, when it was a care-team post'),
    createdAt: dateTime(),
    authorName: z.string(),
    authorKind: z.enum(['client', 'contact']),
    authorRelationship: z.enum(relationships).nullable(),
    text: z.string(),
  }),
  'board.post.removed': z.strictObject({
    ecdId: z.string().nullable().describe('The ECD id of a care-team post the client removed'),
    removedAt: dateTime(),
  }),
  'board.reply.removed': z.strictObject({ postId: z.uuid(), removedAt: dateTime() }),
} as const;
export type ChangeKind = keyof typeof changeKinds;

export const change = z
  .discriminatedUnion(
    'kind',
    Object.entries(changeKinds).map(([kind, data]) =>
      z.strictObject({
        cursor: z.string(),
        kind: z.literal(kind),
        occurredAt: dateTime(),
        client: z.strictObject({ id: z.uuid(), ecdId: z.string().nullable() }),
        resourceId: z
          .string()
          .describe(
            "The portal's id of the report, measurement, message, plan document, appointment, client, board post or reply; a contact person's account id.",
          ),
        data,
      }),
    ) as unknown as [z.ZodObject, ...z.ZodObject[]],
  )
  .meta({ id: 'Change' });

export const changesPage = z
  .strictObject({
    items: z.array(change),
    next: z.string().describe('Send as `after` next time; the same cursor again when the page is empty.'),
    more: z.boolean().describe('More changes are ready now: ask again at once instead of waiting for the next poll.'),
  })
  .meta({ id: 'ChangesPage' });

// The hand-written answer types of batch.ts and changes-feed.ts stay in step with the schemas.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _inStep: [Same<z.infer<typeof itemResult>, ItemResult>, Same<z.infer<typeof batchResult>, BatchSummary>] = [true, true];
const _kindsInStep: Same<ChangeKind, ChangesPage['items'][number]['kind']> = true;
void _inStep;
void _kindsInStep;

// The routes.

/** A kind of record the ECD pushes: a batch POST and a PUT by ECD id. */
interface PushedResource {
  /** The path segment, e.g. `reports`. */
  name: string;
  /** The record as the batch validates each item, named in the document by its meta id. */
  record: z.ZodType;
  summary: string;
}

export const pushedResources: PushedResource[] = [
  {
    name: 'clients',
    record: clientSchema.meta({ id: 'Client' }),
    summary: 'Clients; one with an e-mail address and no portal account gets an account and an activation e-mail (once).',
  },
  {
    name: 'contacts',
    record: contactSchema.meta({ id: 'Contact' }),
    summary:
      'Contact persons of a client as the organisation registered them (relationship, rights per area, legal representative): locked for the client. A person without a portal account gets one and an invitation e-mail (once). Remove with DELETE. See docs/rights-model.md.',
  },
  { name: 'reports', record: reportSchema.meta({ id: 'Report' }), summary: 'Reports ("rapportages") of the care team.' },
  {
    name: 'measurements',
    record: measurementSchema.meta({ id: 'Measurement' }),
    summary: "Measurements, by the tenant's measurement type code, checked against the type's components, range and decimals.",
  },
  {
    name: 'appointments',
    record: appointmentSchema.meta({ id: 'Appointment' }),
    summary: "Appointments in the client's agenda; `cancelled: true` cancels.",
  },
  {
    name: 'plan-documents',
    record: planDocumentSchema.meta({ id: 'PlanDocument' }),
    summary: 'Client plan PDFs (≤ 10 MB, SHA-256 stored). A plan the client decided on cannot be replaced: 409 / status "conflict".',
  },
  {
    name: 'messages',
    record: messageSchema.meta({ id: 'Message' }),
    summary: "Care-team messages in the client's thread, shown live. A sent message cannot be changed.",
  },
  {
    name: 'access-events',
    record: accessEventSchema.meta({ id: 'AccessEvent' }),
    summary:
      "Staff access to a client's file from the ECD's own log (NEN 7513: when, who, role, organisation unit, which data, which action, break-the-glass), for the client's access log. Idempotent by the ECD's event id; a stored event cannot be changed (\"conflict\").",
  },
];

const tokenProblems = {
  '401': problem('The token is missing, malformed, expired, replayed, or not signed by an active key of this tenant; `reason` says which.'),
  '429': problem('Too many refused tokens from this address; `Retry-After` says how long.'),
  '503': problem(
    'The database is unreachable or too slow (`database-unavailable`); `Retry-After` says when to push again (upserts are idempotent).',
  ),
};

const pushOperations = (resource: PushedResource): Operation[] => [
  {
    method: 'post',
    path: `/tenants/{tenant}/${resource.name}`,
    operationId: `batch-${resource.name}`,
    tags: [resource.name],
    summary: `Upsert a batch of ${resource.name} (1 to ${MAX_BATCH_ITEMS})`,
    description: `${resource.summary}\n\nEvery item is validated on its own. Valid items are applied, each one whole or not at all; invalid ones are reported by index, ecdId and field. Re-sending an item that is already stored changes nothing (status "unchanged").`,
    params: tenantParams,
    body: z.object({ items: z.array(resource.record).min(1).max(MAX_BATCH_ITEMS) }),
    responses: {
      '200': ok('Outcome per item.', batchResult),
      '400': problem(`Not a batch: no items, more than ${MAX_BATCH_ITEMS}, or not JSON.`),
      '413': problem('The body is too large.'),
      ...tokenProblems,
    },
  },
  {
    method: 'put',
    path: `/tenants/{tenant}/${resource.name}/{ecdId}`,
    operationId: `put-${resource.name}`,
    tags: [resource.name],
    summary: `Upsert one of ${resource.name} by its ECD id`,
    description: resource.summary,
    params: recordParams,
    body: resource.record,
    responses: {
      '200': ok('Updated, or unchanged (already stored like this).', itemResult),
      '201': ok('Created.', itemResult),
      '400': problem('Invalid: `errors` names each field.'),
      '409': problem('Conflicts with what is stored (a decided plan, a sent message).'),
      '413': problem('The body is too large.'),
      ...tokenProblems,
    },
  },
];

/** Every route of the integration API, in the order of the document. */
export const integrationOperations: Operation[] = [
  ...pushedResources.flatMap(pushOperations),
  {
    method: 'post',
    path: '/tenants/{tenant}/appointments/{ecdId}/cancel',
    operationId: 'cancel-appointment',
    tags: ['appointments'],
    summary: 'Cancel an appointment (idempotent: the first cancellation time is kept)',
    params: recordParams,
    responses: {
      '200': ok('Cancelled.', cancelledAppointment),
      '404': problem('No appointment with this ecdId.'),
      ...tokenProblems,
    },
  },
  {
    method: 'delete',
    path: '/tenants/{tenant}/contacts/{ecdId}',
    operationId: 'delete-contact',
    tags: ['contacts'],
    summary: 'Remove a contact person (idempotent): their sessions for this client end at once',
    params: recordParams,
    responses: {
      '200': ok('`removed`, or `absent` when there was no such contact person (any more).', contactRemoval),
      ...tokenProblems,
    },
  },
  {
    method: 'post',
    path: '/tenants/{tenant}/board-posts',
    operationId: 'board-post',
    tags: ['board'],
    summary: "A care-team post on the bulletin board: one client's, or every client's of a location or team",
    description:
      'Shown live on each board as "{authorName} (zorgteam)". Idempotent by `ecdId`: sent again, it reaches only the clients of the location or team who do not have it yet; other content under the same `ecdId` is a 409. See docs/board.md.',
    params: tenantParams,
    body: boardPostSchema,
    responses: {
      '201': ok('Posted.', boardPostResult),
      '200': ok('Already posted (`unchanged`), or posted to clients who joined since (`updated`).', boardPostResult),
      '400': problem('Invalid: `errors` names each field.'),
      '404': problem('No client with this clientEcdId, location or team.'),
      '409': problem('A post with this ecdId was sent already, with other content.'),
      '413': problem('The body is too large.'),
      ...tokenProblems,
    },
  },
  {
    method: 'delete',
    path: '/tenants/{tenant}/board-posts/{ecdId}',
    operationId: 'delete-board-post',
    tags: ['board'],
    summary: 'Remove a care-team post from every board it is on (idempotent), with its replies',
    params: recordParams,
    responses: {
      '200': ok('`removed` with how many boards, or `absent`.', boardPostRemoval),
      ...tokenProblems,
    },
  },
  {
    method: 'get',
    path: '/tenants/{tenant}/changes',
    operationId: 'changes',
    tags: ['changes'],
    summary: 'What clients did in the portal, after a cursor',
    description:
      'Reports and measurements the client entered (and measurements deleted), messages the client sent, plan decisions (with reason, time and the SHA-256 of the decided document), profile changes (mobile number, e-mail), appointments the client made, the client’s changes to contact persons, and the posts and replies of the client and contact persons on the bulletin board (and every post or reply removed in the portal). In a fixed order; none is skipped or repeated across pages, also with concurrent writes. Poll with the `next` of the previous page; when `more` is true, ask again at once. `data` has its own fields per `kind`.',
    params: tenantParams,
    query: feedQuery,
    responses: {
      '200': ok('A page of changes.', changesPage),
      '400': problem('A bad cursor or limit.'),
      ...tokenProblems,
    },
  },
];
