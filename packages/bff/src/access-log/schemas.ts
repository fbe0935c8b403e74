import { z } from 'zod';
import { relationshipSchema } from '../contacts/schemas.js';
import { dateTime, listOf, media, ok, period, periodQuery, problem, read } from '../contract/operations.js';

export const accessCategories = [
  'reports',
  'measurements',
  'client-plan',
  'appointments',
  'messages',
  'profile',
  'portal-input',
  'documents',
  'medication',
  'other',
] as const;

export const accessLogLine = z
  .strictObject({
    at: dateTime(),
    actor: z.enum(['client', 'contact', 'staff', 'ecd']),
    name: z.string().nullable().describe('The contact person’s or staff member’s name; null when the tenant hides staff names'),
    relationship: relationshipSchema.nullable().describe('What a contact person is to the client, while they are linked'),
    role: z.string().nullable(),
    organisation: z.string().nullable(),
    category: z.enum(accessCategories),
    action: z.enum(['view', 'download', 'create', 'update', 'delete', 'sign', 'reject']),
    breakTheGlass: z.boolean().describe('Emergency access'),
    byYou: z.boolean().describe('The reader’s own access: "U zelf" (the client, or a contact person reading the log)'),
  })
  .meta({ id: 'AccessLogLine' });

export const accessLogOfPeriod = listOf(accessLogLine, { period });

const notForContacts = problem('A contact person without the `accessLog` right (`no-right`), or a first login not finished');

export const accessLogOperations = [
  read({
    path: '/access-log',
    tag: 'access-log',
    summary: 'Who accessed the client’s file in a period (default: last month), newest first; a contact person needs the `accessLog` right',
    query: periodQuery,
    responses: { '200': ok('Newest first', accessLogOfPeriod), '400': problem('Bad period'), '403': notForContacts },
  }),
  read({
    path: '/access-log.csv',
    tag: 'access-log',
    summary: 'The access log of a period as CSV (semicolons, Dutch headings, Amsterdam time)',
    query: periodQuery,
    responses: { '200': media('CSV, one row per access', 'text/csv'), '400': problem('Bad period'), '403': notForContacts },
  }),
  read({
    path: '/access-log.pdf',
    tag: 'access-log',
    summary: 'The access log of a period as a readable Dutch PDF, by day, similar lines grouped ("12× Rapportages bekeken")',
    query: periodQuery,
    responses: { '200': media('A4 PDF', 'application/pdf', true), '400': problem('Bad period'), '403': notForContacts },
  }),
];
