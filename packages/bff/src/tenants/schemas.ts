import { z } from 'zod';
import { ok, problem, route } from '../contract/operations.js';
import { widgetNames } from './settings.js';

const factor = z.enum(['sms', 'email', 'totp']);

export const passwordPolicy = z
  .strictObject({
    minLength: z.int(),
    requireLowercase: z.boolean(),
    requireUppercase: z.boolean(),
    requireDigit: z.boolean(),
    requireSpecial: z.boolean(),
    maxAgeDays: z.int().nullable().describe('Days after which a password must be changed; null = never'),
  })
  .meta({ id: 'PasswordPolicy' });

export const publicTenant = z
  .strictObject({
    slug: z.string(),
    name: z.string(),
    theme: z.string().describe('Served as CSS at /themes/{tenant}.css'),
    defaultLocale: z.enum(['nl', 'en']),
    enabledWidgets: z.array(z.enum(widgetNames)),
    passwordPolicy,
    secondFactors: z.strictObject({ allowed: z.array(factor), default: factor }),
    trustedDeviceDays: z.int().describe('0: do not offer "Deze computer vertrouwen"'),
    agenda: z.strictObject({ indicativeTimeNotice: z.string().nullable(), clientMayAddAppointments: z.boolean() }),
    terms: z.strictObject({ version: z.string() }),
    contact: z.strictObject({ phone: z.string().nullable(), email: z.string().nullable() }),
  })
  .meta({ id: 'PublicTenant' });

export const terms = z.strictObject({ version: z.string(), text: z.string() }).meta({ id: 'Terms' });

export const tenantOperations = [
  route('get', {
    path: '/',
    tag: 'tenant',
    summary: 'Public settings of the tenant',
    responses: { '200': ok('The tenant', publicTenant), '404': problem('`tenant-not-found`') },
  }),
  route('get', { path: '/terms', tag: 'tenant', summary: 'Current terms of use', responses: { '200': ok('Terms', terms) } }),
];
