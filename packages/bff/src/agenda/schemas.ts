import { z } from 'zod';
import {
  calendarDay,
  dateTime,
  idParam,
  limitQuery,
  listOf,
  media,
  ok,
  period,
  periodQuery,
  problem,
  read,
  write,
} from '../contract/operations.js';
import { plainLine, plainText } from '../http/plain-text.js';

export const appointment = z
  .strictObject({
    id: z.string(),
    title: z.string(),
    description: z.string().nullable(),
    location: z.string().nullable(),
    careWorker: z.string().nullable(),
    startsAt: dateTime(),
    endsAt: dateTime(),
    localDate: calendarDay(),
    localStart: z.string().describe('Europe/Amsterdam wall-clock time, HH:MM'),
    localEnd: z.string().describe('Europe/Amsterdam wall-clock time, HH:MM'),
    source: z.enum(['care_team', 'client']),
    editable: z.boolean().describe('Added by the signed-in account'),
  })
  .meta({ id: 'Appointment' });

export const upcomingAppointmentsQuery = limitQuery(50, 4);
export const appointmentBody = z
  .object({
    title: z.string().overwrite(plainLine).trim().min(1, 'give the appointment a title').max(200),
    startsAt: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time with offset' }),
    endsAt: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time with offset' }),
    location: z.string().overwrite(plainLine).trim().max(200).nullish(),
    description: z.string().overwrite(plainText).trim().max(2000).nullish(),
  })
  .meta({ id: 'AppointmentInput' });

const agendaSettings = {
  notice: z.string().nullable().describe('The tenant’s notice that times are indicative'),
  clientMayAddAppointments: z.boolean(),
};
export const upcomingAppointments = listOf(appointment, agendaSettings);
export const appointmentsOfPeriod = listOf(appointment, { ...agendaSettings, period });
const calendar = media('RFC 5545', 'text/calendar');

export const agendaOperations = [
  read({
    path: '/appointments/upcoming',
    tag: 'agenda',
    summary: 'Next appointments',
    query: upcomingAppointmentsQuery,
    responses: { '200': ok('Soonest first', upcomingAppointments) },
  }),
  read({
    path: '/appointments',
    tag: 'agenda',
    summary: 'Appointments between two days (default: a year from today)',
    query: periodQuery.omit({ period: true }),
    responses: { '200': ok('Soonest first', appointmentsOfPeriod), '400': problem('Bad period, or `period` given') },
  }),
  write('post', {
    path: '/appointments',
    tag: 'agenda',
    summary: 'The client adds an appointment (where the tenant allows it)',
    idempotencyKey: true,
    body: appointmentBody,
    responses: { '201': ok('The appointment', appointment), '409': problem('Same Idempotency-Key, other appointment') },
  }),
  write('put', {
    path: '/appointments/{id}',
    tag: 'agenda',
    summary: 'Change an own appointment',
    params: idParam('Appointment id'),
    body: appointmentBody,
    responses: { '200': ok('The appointment', appointment), '404': problem('Not found') },
  }),
  write('delete', {
    path: '/appointments/{id}',
    tag: 'agenda',
    summary: 'Cancel an own appointment',
    params: idParam('Appointment id'),
    responses: { '204': ok('Cancelled'), '404': problem('Not found') },
  }),
  read({
    path: '/appointments/{id}.ics',
    tag: 'agenda',
    summary: 'One appointment as iCalendar',
    params: idParam('Appointment id'),
    responses: { '200': calendar, '404': problem('Not found') },
  }),
  read({ path: '/appointments.ics', tag: 'agenda', summary: 'Every upcoming appointment as iCalendar', responses: { '200': calendar } }),
];
