import { z } from 'zod';
import { dateTime, ok, read } from '../contract/operations.js';

export const activity = z
  .strictObject({
    displayName: z.string(),
    previousVisit: dateTime().nullable().describe('Start of the previous sign-in; null on the first visit ever'),
    since: z
      .strictObject({
        reports: z.int().nullable(),
        messages: z.int().nullable(),
        appointmentsHeld: z.int().nullable(),
        measurements: z.int().nullable(),
      })
      .nullable()
      .describe(
        'What others added since the previous visit; null on the first visit. A count is null for a contact person without the right to its area, and for an area whose widget the tenant does not offer (`enabledWidgets`)',
      ),
    plansAwaitingDecision: z.int().describe('0 for a person who may not decide on the plan, or when the tenant does not offer the plan'),
    nextAppointment: z
      .strictObject({ id: z.string(), startsAt: dateTime(), endsAt: dateTime(), title: z.string(), location: z.string().nullable() })
      .nullable()
      .optional()
      .describe(
        'null when nothing is planned; absent for a contact person without the agenda right, or when the tenant does not offer the agenda',
      ),
  })
  .meta({ id: 'Activity' });

export const activityOperations = [
  read({
    path: '/activity',
    tag: 'activity',
    summary: 'What is new since the start of the account’s previous sign-in, and the next appointment',
    responses: { '200': ok('The overview', activity) },
  }),
];
