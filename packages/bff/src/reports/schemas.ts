import { z } from 'zod';
import { dateTime, limitQuery, listOf, media, ok, period, periodQuery, problem, read, write } from '../contract/operations.js';
import { plainText } from '../http/plain-text.js';

export const report = z
  .strictObject({
    id: z.string(),
    writtenAt: dateTime(),
    author: z.string(),
    authorKind: z.enum(['staff', 'client', 'contact']),
    own: z.boolean().describe('Written by the signed-in account'),

    text: z.string(),
  })
  .meta({ id: 'Report' });

export const latestReportsQuery = limitQuery(20, 3);
export const newReportBody = z.object({
  text: z.string().overwrite(plainText).trim().min(1, 'write something first').max(4000, 'at most 4000 characters'),
});

export const reportList = listOf(report);
export const reportsOfPeriod = listOf(report, { period });

export const reportOperations = [
  read({
    path: '/reports/latest',
    tag: 'reports',
    summary: 'Latest reports (home view)',
    query: latestReportsQuery,
    responses: { '200': ok('Newest first', reportList) },
  }),
  read({
    path: '/reports',
    tag: 'reports',
    summary: 'Reports of a period (default: last week)',
    query: periodQuery,
    responses: { '200': ok('Newest first', reportsOfPeriod), '400': problem('Bad period') },
  }),
  write('post', {
    path: '/reports',
    tag: 'reports',
    summary: 'The client writes a report',
    idempotencyKey: true,
    body: newReportBody,
    responses: { '201': ok('The report', report), '409': problem('Same Idempotency-Key, other body') },
  }),
  read({
    path: '/reports.pdf',
    tag: 'reports',
    summary: 'PDF of the reports of a period',
    query: periodQuery,
    responses: { '200': media('A4 PDF', 'application/pdf', true), '400': problem('Bad period') },
  }),
];
