import { z } from 'zod';
import { dateTime, idParam, limitQuery, listOf, ok, period, periodQuery, problem, read, write } from '../contract/operations.js';

export const measurementComponent = z.strictObject({ key: z.string(), label: z.string(), min: z.number(), max: z.number() });

export const measurementType = z
  .strictObject({
    code: z.string(),
    label: z.string(),
    unit: z.string(),
    decimals: z.int(),
    components: z.array(measurementComponent),
    clientMayEnter: z.boolean(),
  })
  .meta({ id: 'MeasurementType' });

export const measurement = z
  .strictObject({
    id: z.string(),
    type: z.string().describe('The code of its measurement type'),
    measuredAt: dateTime(),
    values: z.record(z.string(), z.number()).describe('One number per component key'),
    source: z.enum(['staff', 'client']),
    author: z.string(),
    deletable: z.boolean().describe('Entered from the portal by the signed-in account'),
  })
  .meta({ id: 'Measurement' });

export const recentMeasurementsQuery = limitQuery(50, 5);
export const measurementsQuery = z.object({ type: z.string().min(1).max(50).optional().describe('A type code') });
export const newMeasurementBody = z.object({
  type: z.string().min(1, 'choose a measurement type').max(50),
  values: z.record(z.string(), z.number({ error: 'must be a number' })),
  measuredAt: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time with offset, e.g. 2026-11-23T08:15:00+01:00' }),
});

export const measurementOperations = [
  read({
    path: '/measurements/types',
    tag: 'measurements',
    summary: 'The tenant’s measurement types',
    responses: { '200': ok('In display order', listOf(measurementType)) },
  }),
  read({
    path: '/measurements/recent',
    tag: 'measurements',
    summary: 'Newest measurements of any type',
    query: recentMeasurementsQuery,
    responses: { '200': ok('Newest first', listOf(measurement)) },
  }),
  read({
    path: '/measurements',
    tag: 'measurements',
    summary: 'Measurements of a period (default: last year), of one type or all',
    query: measurementsQuery.extend(periodQuery.shape),
    responses: {
      '200': ok('Newest first', listOf(measurement, { period, type: z.string().nullable() })),
      '400': problem('Bad period'),
    },
  }),
  write('post', {
    path: '/measurements',
    tag: 'measurements',
    summary: 'The client enters a measurement',
    idempotencyKey: true,
    body: newMeasurementBody,
    responses: { '201': ok('The measurement', measurement), '409': problem('Same Idempotency-Key, other measurement') },
  }),
  write('delete', {
    path: '/measurements/{id}',
    tag: 'measurements',
    summary: 'Delete an own measurement',
    params: idParam('Measurement id'),
    responses: { '204': ok('Deleted'), '404': problem('Not found') },
  }),
];
