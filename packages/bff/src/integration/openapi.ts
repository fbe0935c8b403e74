import { z } from 'zod';
import { accessEventSchema } from './access-events.js';
import { appointmentSchema } from './appointments.js';
import { CLOCK_TOLERANCE_SECONDS, INTEGRATION_AUDIENCE, MAX_TOKEN_SECONDS } from './auth.js';
import { MAX_BATCH_ITEMS } from './batch.js';
import { MAX_FEED_PAGE } from './changes-feed.js';
import { clientSchema } from './clients.js';
import { contactSchema } from './contacts.js';
import { measurementSchema } from './measurements.js';
import { messageSchema } from './messages.js';
import { planDocumentSchema } from './plan-documents.js';
import { reportSchema } from './reports.js';

/** The request schemas are the validation schemas themselves, so the document cannot drift from the code. */
const schemaOf = (schema: z.ZodType) => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
};

const resources = [
  {
    name: 'clients',
    schema: 'Client',
    summary: 'Clients; one with an e-mail address and no portal account gets an account and an activation e-mail (once).',
  },
  {
    name: 'contacts',
    schema: 'Contact',
    summary:
      'Contact persons of a client as the organisation registered them (relationship, rights per area, legal representative): locked for the client. A person without a portal account gets one and an invitation e-mail (once). Remove with DELETE. See docs/rights-model.md.',
  },
  { name: 'reports', schema: 'Report', summary: 'Reports ("rapportages") of the care team.' },
  {
    name: 'measurements',
    schema: 'Measurement',
    summary: "Measurements, by the tenant's measurement type code, checked against the type's components, range and decimals.",
  },
  { name: 'appointments', schema: 'Appointment', summary: "Appointments in the client's agenda; `cancelled: true` cancels." },
  {
    name: 'plan-documents',
    schema: 'PlanDocument',
    summary: 'Client plan PDFs (≤ 10 MB, SHA-256 stored). A plan the client decided on cannot be replaced: 409 / status "conflict".',
  },
  {
    name: 'messages',
    schema: 'Message',
    summary: "Care-team messages in the client's thread, shown live. A sent message cannot be changed.",
  },
  {
    name: 'access-events',
    schema: 'AccessEvent',
    summary:
      "Staff access to a client's file from the ECD's own log (NEN 7513: when, who, role, organisation unit, which data, which action, break-the-glass), for the client's access log. Idempotent by the ECD's event id; a stored event cannot be changed (\"conflict\").",
  },
] as const;

const problem = { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } };
const unauthorized = {
  description: 'The token is missing, malformed, expired, replayed, or not signed by an active key of this tenant.',
  content: problem,
};
const unavailable = {
  description:
    'The database is unreachable or too slow (`database-unavailable`); `Retry-After` says when to push again (upserts are idempotent).',
  content: problem,
};
const tenantParam = {
  name: 'tenant',
  in: 'path',
  required: true,
  description: "The tenant slug; also the token's `iss`.",
  schema: { type: 'string' },
};

const paths: Record<string, unknown> = {};
for (const resource of resources) {
  paths[`/tenants/{tenant}/${resource.name}`] = {
    post: {
      operationId: `batch-${resource.name}`,
      summary: `Upsert a batch of ${resource.name} (1 to ${MAX_BATCH_ITEMS})`,
      description: `${resource.summary}\n\nEvery item is validated on its own. Valid items are applied, each one whole or not at all; invalid ones are reported by index, ecdId and field. Re-sending an item that is already stored changes nothing (status "unchanged").`,
      parameters: [tenantParam],
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: {
              type: 'object',
              required: ['items'],
              properties: {
                items: {
                  type: 'array',
                  minItems: 1,
                  maxItems: MAX_BATCH_ITEMS,
                  items: { $ref: `#/components/schemas/${resource.schema}` },
                },
              },
            },
          },
        },
      },
      responses: {
        200: {
          description: 'Outcome per item.',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/BatchResult' } } },
        },
        400: { description: 'Not a batch: no items, more than 1,000, or not JSON.', content: problem },
        401: unauthorized,
        503: unavailable,
        413: { description: 'The body is too large.', content: problem },
      },
    },
  };
  paths[`/tenants/{tenant}/${resource.name}/{ecdId}`] = {
    put: {
      operationId: `put-${resource.name}`,
      summary: `Upsert one of ${resource.name} by its ECD id`,
      description: resource.summary,
      parameters: [tenantParam, { name: 'ecdId', in: 'path', required: true, schema: { type: 'string' } }],
      requestBody: { required: true, content: { 'application/json': { schema: { $ref: `#/components/schemas/${resource.schema}` } } } },
      responses: {
        200: {
          description: 'Updated, or unchanged (already stored like this).',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/ItemResult' } } },
        },
        201: { description: 'Created.', content: { 'application/json': { schema: { $ref: '#/components/schemas/ItemResult' } } } },
        400: { description: 'Invalid: `errors` names each field.', content: problem },
        401: unauthorized,
        503: unavailable,
        409: { description: 'Conflicts with what is stored (a decided plan, a sent message).', content: problem },
      },
    },
  };
}
paths['/tenants/{tenant}/appointments/{ecdId}/cancel'] = {
  post: {
    operationId: 'cancel-appointment',
    summary: 'Cancel an appointment (idempotent: the first cancellation time is kept)',
    parameters: [tenantParam, { name: 'ecdId', in: 'path', required: true, schema: { type: 'string' } }],
    responses: {
      200: {
        description: 'Cancelled.',
        content: {
          'application/json': {
            schema: {
              type: 'object',
              properties: {
                ecdId: { type: 'string' },
                id: { type: 'string', format: 'uuid' },
                status: { const: 'cancelled' },
                cancelledAt: { type: 'string', format: 'date-time' },
              },
            },
          },
        },
      },
      401: unauthorized,
      503: unavailable,
      404: { description: 'No appointment with this ecdId.', content: problem },
    },
  },
};
paths['/tenants/{tenant}/contacts/{ecdId}'] = {
  ...(paths['/tenants/{tenant}/contacts/{ecdId}'] as Record<string, unknown>),
  delete: {
    operationId: 'delete-contact',
    summary: 'Remove a contact person (idempotent): their sessions for this client end at once',
    parameters: [tenantParam, { name: 'ecdId', in: 'path', required: true, schema: { type: 'string' } }],
    responses: {
      200: {
        description: '`removed`, or `absent` when there was no such contact person (any more).',
        content: {
          'application/json': {
            schema: {
              type: 'object',
              required: ['ecdId', 'status'],
              properties: { ecdId: { type: 'string' }, status: { enum: ['removed', 'absent'] } },
            },
          },
        },
      },
      401: unauthorized,
      503: unavailable,
    },
  },
};
paths['/tenants/{tenant}/changes'] = {
  get: {
    operationId: 'changes',
    summary: 'What clients did in the portal, after a cursor',
    description:
      'Reports and measurements the client entered (and measurements deleted), messages the client sent, plan decisions (with reason, time and the SHA-256 of the decided document), profile changes (mobile number, e-mail), appointments the client made and the client’s changes to contact persons. In a fixed order; none is skipped or repeated across pages, also with concurrent writes. Poll with the `next` of the previous page; when `more` is true, ask again at once.',
    parameters: [
      tenantParam,
      {
        name: 'after',
        in: 'query',
        required: false,
        description: "A cursor: `next` of the previous page or an item's `cursor`. Absent: from the beginning.",
        schema: { type: 'string', pattern: '^\\d+\\.\\d+$' },
      },
      { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: MAX_FEED_PAGE, default: 100 } },
    ],
    responses: {
      200: { description: 'A page of changes.', content: { 'application/json': { schema: { $ref: '#/components/schemas/ChangesPage' } } } },
      400: { description: 'A bad cursor or limit.', content: problem },
      401: unauthorized,
      503: unavailable,
    },
  },
};

const fieldError = { type: 'object', required: ['field', 'detail'], properties: { field: { type: 'string' }, detail: { type: 'string' } } };

export const openApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'care-widgets integration API',
    version: '1.0.0',
    description: `Server-to-server API for the care organisation's client record system (ECD): push clients, contact persons, reports, measurements, appointments, plan documents, care-team messages and staff access events; read back what clients did in the portal. See docs/integration-api.md.\n\nAuthentication: \`Authorization: Bearer <JWT>\`, signed (ES256 or EdDSA) with a private key whose public key is registered for the tenant (\`care-bff integration-key create\`); header \`kid\` names the key; claims \`iss\` = tenant slug, \`aud\` = "${INTEGRATION_AUDIENCE}", \`iat\`, \`exp\` (at most ${MAX_TOKEN_SECONDS} s after iat; ${CLOCK_TOLERANCE_SECONDS} s clock tolerance) and a \`jti\` used once.`,
  },
  servers: [{ url: '/integration/v1' }],
  security: [{ ecdToken: [] }],
  paths,
  components: {
    securitySchemes: { ecdToken: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
    schemas: {
      Client: schemaOf(clientSchema),
      Contact: schemaOf(contactSchema),
      Report: schemaOf(reportSchema),
      Measurement: schemaOf(measurementSchema),
      Appointment: schemaOf(appointmentSchema),
      PlanDocument: schemaOf(planDocumentSchema),
      Message: schemaOf(messageSchema),
      AccessEvent: schemaOf(accessEventSchema),
      FieldError: fieldError,
      ItemResult: {
        type: 'object',
        required: ['index', 'ecdId', 'status'],
        properties: {
          index: { type: 'integer', description: 'Position in the batch, from 0.' },
          ecdId: { type: ['string', 'null'] },
          status: { enum: ['created', 'updated', 'unchanged', 'invalid', 'conflict'] },
          id: { type: 'string', format: 'uuid', description: "The portal's id of the record." },
          errors: { type: 'array', items: { $ref: '#/components/schemas/FieldError' } },
          warnings: {
            type: 'array',
            items: { $ref: '#/components/schemas/FieldError' },
            description: 'Applied, but something to know (e.g. no invitation: the e-mail address is already a username).',
          },
        },
      },
      BatchResult: {
        type: 'object',
        required: ['results', 'created', 'updated', 'unchanged', 'invalid', 'conflict'],
        properties: {
          results: { type: 'array', items: { $ref: '#/components/schemas/ItemResult' } },
          created: { type: 'integer' },
          updated: { type: 'integer' },
          unchanged: { type: 'integer' },
          invalid: { type: 'integer' },
          conflict: { type: 'integer' },
        },
      },
      Change: {
        type: 'object',
        required: ['cursor', 'kind', 'occurredAt', 'client', 'resourceId', 'data'],
        properties: {
          cursor: { type: 'string' },
          kind: {
            enum: [
              'report.created',
              'measurement.created',
              'measurement.deleted',
              'message.created',
              'plan.decided',
              'profile.changed',
              'appointment.created',
              'appointment.updated',
              'contact.added',
              'contact.changed',
              'contact.removed',
            ],
          },
          occurredAt: { type: 'string', format: 'date-time' },
          client: { type: 'object', properties: { id: { type: 'string', format: 'uuid' }, ecdId: { type: ['string', 'null'] } } },
          resourceId: { type: 'string' },
          data: {
            type: 'object',
            description:
              "report.created: writtenAt, authorName, authorKind, text. measurement.created: typeCode, measuredAt, values, authorName. measurement.deleted: deletedAt. message.created: sentAt, senderName, senderKind, body. plan.decided: planEcdId, decision (signed|rejected), reason, decidedAt, decidedByName, documentSha256. profile.changed: mobilePhone, email, previous {mobilePhone, email}. appointment.*: startsAt, endsAt, title, description, location, cancelledAt. contact.* (the client added, changed or removed a contact person; resourceId is the person's account id): ecdId, name, email, mobilePhone, relationship, rights, locked, legalRepresentative.",
          },
        },
      },
      ChangesPage: {
        type: 'object',
        required: ['items', 'next', 'more'],
        properties: {
          items: { type: 'array', items: { $ref: '#/components/schemas/Change' } },
          next: { type: 'string' },
          more: { type: 'boolean' },
        },
      },
      Problem: {
        type: 'object',
        description: 'RFC 9457 problem details.',
        properties: {
          type: { type: 'string' },
          title: { type: 'string' },
          status: { type: 'integer' },
          detail: { type: 'string' },
          instance: { type: 'string' },
          code: { type: 'string' },
          reason: { type: 'string', description: 'For 401: why the token was refused.' },
          errors: { type: 'array', items: { $ref: '#/components/schemas/FieldError' } },
        },
      },
    },
  },
} as const;
