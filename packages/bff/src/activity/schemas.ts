import { z } from 'zod';
import { dateTime, ok, read } from '../contract/operations.js';

export const activity = z
  .strictObject({
    displayName: z.string(),
    previousVisit: dateTime().nullable().describe('Start of the previous sign-in; null on the first visit ever'),
    since: z
      .strictObject({ reports: z.int(), messages: z.int(), appointmentsHeld: z.int(), measurements: z.int() })
      .nullable()
      .describe('What others added since the previous visit; null on the first visit'),
    plansAwaitingDecision: z.int(),
    nextAppointment: z
      .strictObject({ id: z.string(), startsAt: dateTime(), endsAt: dateTime(), title: z.string(), location: z.string().nullable() })
      .nullable(),
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
