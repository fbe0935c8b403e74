import { z } from 'zod';
import { calendarDay, dateTime, idParam, media, ok, problem, read, write } from '../contract/operations.js';
import { codeConfirmationBody, codeSent } from '../contract/confirmation.js';

export const plan = z
  .strictObject({
    id: z.string(),
    title: z.string(),
    version: z.string(),
    date: calendarDay().describe('Date of the document, YYYY-MM-DD'),
    fileName: z.string(),
    sha256: z.string().describe('SHA-256 of the PDF as stored, hex'),
    status: z.enum(['undecided', 'signed', 'rejected']),
    decision: z.strictObject({ by: z.string(), at: dateTime(), reason: z.string().nullable() }).nullable(),
  })
  .meta({ id: 'Plan' });

export const planList = z.strictObject({
  items: z.array(plan),
  mayDecide: z
    .boolean()
    .describe(
      'Whether this session may sign or reject: the client, or a legal representative with the plan right (else 403 on the decision routes)',
    ),
});

const decisionKind = z.enum(['sign', 'reject']);
export const planDecisionBody = z
  .object({
    decision: decisionKind,
    reason: z.string().trim().max(1000, 'at most 1000 characters').optional(),
  })
  .refine((body) => body.decision === 'reject' || !body.reason, { path: ['reason'], message: 'a reason goes only with reject' });
export const planDecisionConfirmBody = codeConfirmationBody.extend({
  decision: decisionKind.optional().describe('When given, the decision the code was asked for'),
});
export const planCodeSent = codeSent.extend({ decision: decisionKind });

export const planOperations = [
  read({
    path: '/plans',
    tag: 'plans',
    summary: 'Client plan documents with their decision',
    responses: { '200': ok('Newest first', planList) },
  }),
  read({
    path: '/plans/{id}/pdf',
    tag: 'plans',
    summary: 'The plan document as stored',
    params: idParam('Plan id'),
    responses: { '200': media('PDF', 'application/pdf', true), '404': problem('Not found') },
  }),
  write('post', {
    path: '/plans/{id}/decision',
    tag: 'plans',
    summary: 'Ask for the SMS code to sign or reject',
    params: idParam('Plan id'),
    body: planDecisionBody,
    responses: {
      '202': ok('Code sent', planCodeSent),
      '404': problem('Not found'),
      '409': problem('`plan-decided`'),
      '429': problem('Too many codes'),
    },
  }),
  write('post', {
    path: '/plans/{id}/decision/confirm',
    tag: 'plans',
    summary: 'Confirm the decision with the code',
    params: idParam('Plan id'),
    body: planDecisionConfirmBody,
    responses: { '200': ok('The decided plan', plan), '404': problem('Not found'), '409': problem('`plan-decided`') },
  }),
];
