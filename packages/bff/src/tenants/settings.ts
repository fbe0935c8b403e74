import { z } from 'zod';

/** The widgets a tenant can switch on or off; `board` is the bulletin board, for when it comes. */
export const widgetNames = [
  'login',
  'reports',
  'measurements',
  'agenda',
  'messages',
  'plan',
  'profile',
  'contacts',
  'access-log',
  'activity',
  'board',
] as const;
export type WidgetName = (typeof widgetNames)[number];
/** A widget with data routes of its own: all but the login, which cannot be switched off. */
export type DataWidget = Exclude<WidgetName, 'login'>;

/**
 * Whether the tenant offers a widget (`enabledWidgets`). A widget it does not offer has no data:
 * its routes answer `404 widget-disabled` (tenant-context.ts) and the overviews that span widgets
 * (activity, the dossier) leave it out. The login is never switched off: every widget signs in through it.
 */
export function offers(settings: Pick<TenantSettings, 'enabledWidgets'>, widget: WidgetName): boolean {
  return settings.enabledWidgets.includes(widget);
}

export const passwordPolicySchema = z.object({
  minLength: z.number().int().min(8).max(128).default(10),
  requireLowercase: z.boolean().default(true),
  requireUppercase: z.boolean().default(true),
  requireDigit: z.boolean().default(true),
  requireSpecial: z.boolean().default(true),
  /** Days after which a password must be changed (seed 001: 90); null = never. */
  maxAgeDays: z.number().int().positive().nullable().default(null),
});
export type PasswordPolicy = z.infer<typeof passwordPolicySchema>;

/**
 * Everything in which the seeds' portals differ. Stored as JSON on the tenant row; a setting
 * missing from storage takes its default here, so adding a setting needs no data migration.
 */
export const tenantSettingsSchema = z.object({
  allowedOrigins: z.array(z.url()).default([]),
  /** The widgets are embedded on a site of another registrable domain than the BFF's. */
  crossSiteEmbedding: z.boolean().default(false),
  theme: z.string().min(1).default('base'),
  defaultLocale: z.enum(['nl', 'en']).default('nl'),
  enabledWidgets: z.array(z.enum(widgetNames)).default([...widgetNames]),
  passwordPolicy: passwordPolicySchema.default(passwordPolicySchema.parse({})),
  secondFactors: z
    .object({
      allowed: z
        .array(z.enum(['sms', 'email', 'totp']))
        .min(1)
        .default(['sms']),
      default: z.enum(['sms', 'email', 'totp']).default('sms'),
    })
    .default({ allowed: ['sms'], default: 'sms' }),
  /** "Trust this computer for N days"; 0 switches the option off. */
  trustedDeviceDays: z.number().int().min(0).max(90).default(0),
  session: z
    .object({
      idleMinutes: z.number().int().min(5).max(240).default(30),
      absoluteHours: z.number().int().min(1).max(24).default(12),
    })
    .default({ idleMinutes: 30, absoluteHours: 12 }),
  agenda: z
    .object({
      /** e.g. "De tijden van de afspraken zijn een indicatie. Houdt u rekening met een afwijking van tot 60 minuten." */
      indicativeTimeNotice: z.string().nullable().default(null),
      clientMayAddAppointments: z.boolean().default(false),
    })
    .default({ indicativeTimeNotice: null, clientMayAddAppointments: false }),
  terms: z
    .object({
      version: z.string().min(1).default('1'),
      text: z.string().min(1).default('Gebruiksvoorwaarden van het cliëntportaal.'),
    })
    .default({ version: '1', text: 'Gebruiksvoorwaarden van het cliëntportaal.' }),
  sms: z
    .object({
      /** Alphanumeric SMS sender id: at most 11 characters. */
      sender: z.string().min(1).max(11).default('Zorgportaal'),
    })
    .default({ sender: 'Zorgportaal' }),
  email: z
    .object({
      /** The name the client sees as the sender of the portal's e-mails; by default the tenant's name. */
      fromName: z.string().min(1).max(100).nullable().default(null),
      /** Where a client's answer to a portal e-mail goes (the From address itself is MAIL_FROM). */
      replyTo: z.email().nullable().default(null),
    })
    .default({ fromName: null, replyTo: null }),
  accessLog: z
    .object({
      /** Show care staff by name in the client's access log, or by role and team only (NEN 7513 leaves names optional). */
      showStaffNames: z.boolean().default(false),
    })
    .default({ showStaffNames: false }),
  audit: z
    .object({
      /**
       * Years an audit row is kept before audit_log_purge_expired() removes it. The log answers the
       * client's Wabvpz art. 15e question for as long as the file it is about exists; 20 matches the
       * WGBO term for a medical file (docs/security-model.md, "Audit log").
       */
      retentionYears: z.number().int().min(1).max(115).default(20),
    })
    .default({ retentionYears: 20 }),
  contact: z
    .object({
      phone: z.string().nullable().default(null),
      email: z.email().nullable().default(null),
    })
    .default({ phone: null, email: null }),
  board: z
    .object({
      /** The stored photos of one client's bulletin board together, in MB (a stored photo takes about 0.3 MB). */
      photoQuotaMegabytes: z.number().int().min(0).max(10_000).default(200),
    })
    .default({ photoQuotaMegabytes: 200 }),
});

export type TenantSettings = z.infer<typeof tenantSettingsSchema>;
export type TenantSettingsInput = z.input<typeof tenantSettingsSchema>;

export function parseTenantSettings(input: unknown): TenantSettings {
  return tenantSettingsSchema.parse(input ?? {});
}
