import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import type { Database, MeasurementComponent } from '../db/schema.js';
import { TENANTS_CHANNEL } from './queries.js';
import { parseTenantSettings, tenantSettingsSchema, type TenantSettings } from './settings.js';

/**
 * A tenant as code: one JSON file per care organisation, applied with `care-bff tenant apply`.
 * The settings are the stored ones (settings.ts) with the same defaults, but every object is
 * strict here, so a misspelt key in a file is an error instead of a setting silently missing.
 */
function strict(schema: z.ZodType): z.ZodType {
  if (schema instanceof z.ZodDefault) return strict(schema.unwrap() as z.ZodType).default(schema.def.defaultValue);
  if (schema instanceof z.ZodNullable) return strict(schema.unwrap() as z.ZodType).nullable();
  if (schema instanceof z.ZodOptional) return strict(schema.unwrap() as z.ZodType).optional();
  if (schema instanceof z.ZodArray) return z.array(strict(schema.element as z.ZodType));
  if (schema instanceof z.ZodObject) {
    return z.strictObject(
      Object.fromEntries(Object.entries(schema.shape as Record<string, z.ZodType>).map(([key, value]) => [key, strict(value)])),
    );
  }
  return schema;
}

const measurementComponentSchema = z.strictObject({
  key: z.string().regex(/^[a-z][a-zA-Z0-9]{0,39}$/, 'a short key such as "value" or "systolic"'),
  label: z.string().min(1).max(100),
  min: z.number(),
  max: z.number(),
});

export const measurementTypeFileSchema = z
  .strictObject({
    /** Stable code the ECD pushes measurements with, e.g. "bloeddruk". */
    code: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'lower-case letters, digits, - or _'),
    label: z.string().min(1).max(100),
    unit: z.string().min(1).max(20),
    decimals: z.number().int().min(0).max(3).default(0),
    /** One value ("value") or several (blood pressure: systolic and diastolic), each with its range. */
    components: z.array(measurementComponentSchema).min(1).max(4),
    clientMayEnter: z.boolean().default(true),
  })
  .refine((type) => type.components.every((c) => c.min < c.max), { message: 'every component needs min < max', path: ['components'] })
  .refine((type) => new Set(type.components.map((c) => c.key)).size === type.components.length, {
    message: 'component keys must differ',
    path: ['components'],
  });

// Same keys, types and defaults as the stored settings, only strict: typed as the original shape.
const settingsShape = Object.fromEntries(
  Object.entries(tenantSettingsSchema.shape).map(([key, value]) => [key, strict(value as z.ZodType)]),
) as typeof tenantSettingsSchema.shape;

export const tenantFileSchema = z
  .strictObject({
    /** The JSON Schema of this file, for editors; ignored by the BFF. */
    $schema: z.string().optional(),
    /** The tenant's part of every URL: /api/tenants/<slug>. Never changes once clients use it. */
    slug: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'lower-case letters, digits and -, 2 to 63 characters'),
    name: z.string().min(1).max(200),
    ...settingsShape,
    /** The organisation's "meetsoorten", in display order. Types not in the file are kept (measurements refer to them). */
    measurementTypes: z.array(measurementTypeFileSchema).default([]),
  })
  .refine((file) => new Set(file.measurementTypes.map((t) => t.code)).size === file.measurementTypes.length, {
    message: 'measurement type codes must differ',
    path: ['measurementTypes'],
  })
  .refine((file) => file.secondFactors.allowed.includes(file.secondFactors.default), {
    message: 'the default second factor must be one of the allowed ones',
    path: ['secondFactors', 'default'],
  })
  .refine((file) => file.enabledWidgets.includes('login'), {
    message: 'must include "login": every widget signs in through it',
    path: ['enabledWidgets'],
  });

export type TenantFile = z.output<typeof tenantFileSchema>;
export type MeasurementTypeFile = z.output<typeof measurementTypeFileSchema>;

/** The JSON Schema editors use for completion (`"$schema": "…/tenant.schema.json"`). */
export function tenantFileJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(tenantFileSchema, { io: 'input', unrepresentable: 'any' }),
    $id: 'https://care-widgets.example/tenant.schema.json',
    title: 'care-widgets tenant',
    description: 'One care organisation (tenant) of the care widgets BFF, applied with `care-bff tenant apply FILE`.',
  };
}

export class TenantFileError extends Error {
  constructor(readonly problems: string[]) {
    super(`The tenant file is not valid:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'TenantFileError';
  }
}

/** Validates a file's text; every problem names its path: `passwordPolicy.minLength: …`. */
export function parseTenantFile(text: string): TenantFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new TenantFileError([`(file): not JSON: ${error instanceof Error ? error.message : String(error)}`]);
  }
  const parsed = tenantFileSchema.safeParse(json);
  if (!parsed.success) {
    throw new TenantFileError(
      parsed.error.issues.map((issue) => {
        const path =
          issue.path.map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i ? '.' : ''}${String(part)}`)).join('') || '(file)';
        return `${path}: ${issue.message}`;
      }),
    );
  }
  return parsed.data;
}

function settingsOf(file: TenantFile): TenantSettings {
  const { $schema: _schema, slug: _slug, name: _name, measurementTypes: _types, ...settings } = file;
  return parseTenantSettings(settings);
}

export interface TenantChange {
  /** `tenant`, `settings.passwordPolicy`, `measurementTypes.bloeddruk` … */
  what: string;
  change: 'create' | 'update' | 'keep';
  from?: unknown;
  to?: unknown;
}

export interface TenantPlan {
  slug: string;
  exists: boolean;
  changes: TenantChange[];
}

const same = (a: unknown, b: unknown) => JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  return value;
}

type StoredType = {
  code: string;
  label: string;
  unit: string;
  decimals: number;
  components: MeasurementComponent[];
  sort_order: number;
  client_may_enter: boolean;
};
const typeRow = (type: MeasurementTypeFile, index: number) => ({
  label: type.label,
  unit: type.unit,
  decimals: type.decimals,
  components: type.components,
  sort_order: (index + 1) * 10,
  client_may_enter: type.clientMayEnter,
});
// jsonb keeps its own key order: put the components back in the file's.
const components = (list: MeasurementComponent[]) => list.map((c) => ({ key: c.key, label: c.label, min: c.min, max: c.max }));
const storedTypeRow = (t: StoredType) => ({
  label: t.label,
  unit: t.unit,
  decimals: t.decimals,
  components: components(t.components),
  sort_order: t.sort_order,
  client_may_enter: t.client_may_enter,
});

/** What applying the file would change, setting by setting; nothing is written. */
export async function planTenant(db: Kysely<Database>, file: TenantFile): Promise<TenantPlan> {
  const row = await db.selectFrom('tenants').select(['id', 'name', 'settings']).where('slug', '=', file.slug).executeTakeFirst();
  const desired = settingsOf(file);
  const changes: TenantChange[] = [];
  if (!row) {
    changes.push({ what: 'tenant', change: 'create', to: { slug: file.slug, name: file.name } });
    for (const [key, value] of Object.entries(desired)) changes.push({ what: `settings.${key}`, change: 'create', to: value });
    for (const type of file.measurementTypes)
      changes.push({ what: `measurementTypes.${type.code}`, change: 'create', to: typeRow(type, file.measurementTypes.indexOf(type)) });
    return { slug: file.slug, exists: false, changes };
  }
  if (row.name !== file.name) changes.push({ what: 'name', change: 'update', from: row.name, to: file.name });
  const current = parseTenantSettings(row.settings);
  for (const key of Object.keys(desired) as (keyof TenantSettings)[]) {
    if (!same(current[key], desired[key]))
      changes.push({ what: `settings.${key}`, change: 'update', from: current[key], to: desired[key] });
  }
  const stored = (await db
    .selectFrom('measurement_types')
    .select(['code', 'label', 'unit', 'decimals', 'components', 'sort_order', 'client_may_enter'])
    .where('tenant_id', '=', row.id)
    .execute()) as StoredType[];
  const byCode = new Map(stored.map((t) => [t.code, t]));
  file.measurementTypes.forEach((type, index) => {
    const existing = byCode.get(type.code);
    const wanted = typeRow(type, index);
    if (!existing) changes.push({ what: `measurementTypes.${type.code}`, change: 'create', to: wanted });
    else if (!same(storedTypeRow(existing), wanted))
      changes.push({ what: `measurementTypes.${type.code}`, change: 'update', from: storedTypeRow(existing), to: wanted });
  });
  const inFile = new Set(file.measurementTypes.map((t) => t.code));
  for (const type of stored)
    if (!inFile.has(type.code)) changes.push({ what: `measurementTypes.${type.code}`, change: 'keep', from: storedTypeRow(type) });
  return { slug: file.slug, exists: true, changes };
}

/**
 * Creates or updates the tenant in one transaction, and tells every running BFF instance
 * (NOTIFY) to drop its cached copy. Applying the same file again changes nothing.
 */
export async function applyTenant(db: Kysely<Database>, file: TenantFile): Promise<TenantPlan> {
  return db.transaction().execute(async (trx) => {
    const plan = await planTenant(trx, file);
    if (!plan.changes.some((c) => c.change !== 'keep')) return plan;
    const settings = settingsOf(file);
    const tenant = await trx
      .insertInto('tenants')
      .values({ slug: file.slug, name: file.name, settings })
      .onConflict((oc) => oc.column('slug').doUpdateSet({ name: file.name, settings, updated_at: new Date() }))
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const [index, type] of file.measurementTypes.entries()) {
      const values = { ...typeRow(type, index), components: sql<MeasurementComponent[]>`${JSON.stringify(type.components)}::jsonb` };
      await trx
        .insertInto('measurement_types')
        .values({ tenant_id: tenant.id, code: type.code, ...values })
        .onConflict((oc) => oc.columns(['tenant_id', 'code']).doUpdateSet(values))
        .execute();
    }
    await sql`select pg_notify(${TENANTS_CHANNEL}, ${file.slug})`.execute(trx);
    return plan;
  });
}

export interface TenantSummary {
  slug: string;
  name: string;
  allowedOrigins: string[];
  measurementTypes: number;
  updatedAt: Date;
}

export async function listTenants(db: Kysely<Database>): Promise<TenantSummary[]> {
  const rows = await db
    .selectFrom('tenants')
    .leftJoin('measurement_types', 'measurement_types.tenant_id', 'tenants.id')
    .select([
      'tenants.slug',
      'tenants.name',
      'tenants.settings',
      'tenants.updated_at',
      (eb) => eb.fn.count<number>('measurement_types.id').as('types'),
    ])
    .groupBy(['tenants.id', 'tenants.slug', 'tenants.name', 'tenants.settings', 'tenants.updated_at'])
    .orderBy('tenants.slug')
    .execute();
  return rows.map((r) => ({
    slug: r.slug,
    name: r.name,
    allowedOrigins: parseTenantSettings(r.settings).allowedOrigins,
    measurementTypes: Number(r.types),
    updatedAt: new Date(r.updated_at),
  }));
}

/** The tenant as a file: `tenant show SLUG > tenant.json` gives a file that `apply` accepts unchanged. */
export async function tenantAsFile(db: Kysely<Database>, slug: string): Promise<Record<string, unknown> | undefined> {
  const row = await db.selectFrom('tenants').select(['id', 'slug', 'name', 'settings']).where('slug', '=', slug).executeTakeFirst();
  if (!row) return undefined;
  const types = (await db
    .selectFrom('measurement_types')
    .select(['code', 'label', 'unit', 'decimals', 'components', 'sort_order', 'client_may_enter'])
    .where('tenant_id', '=', row.id)
    .orderBy('sort_order')
    .orderBy('code')
    .execute()) as StoredType[];
  return {
    slug: row.slug,
    name: row.name,
    ...parseTenantSettings(row.settings),
    measurementTypes: types.map((t) => ({
      code: t.code,
      label: t.label,
      unit: t.unit,
      decimals: t.decimals,
      components: components(t.components),
      clientMayEnter: t.client_may_enter,
    })),
  };
}
