import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { amsterdamDate, parseIsoDate, type LocalDate } from '../time/amsterdam-time.js';
import type { ClientScope } from '../http/session-types.js';

/** Whole years from a date of birth to a day (a 29 February birthday counts from 1 March). */
export function ageOn(dateOfBirth: LocalDate, day: LocalDate): number {
  const beforeBirthday = day.month < dateOfBirth.month || (day.month === dateOfBirth.month && day.day < dateOfBirth.day);
  return day.year - dateOfBirth.year - (beforeBirthday ? 1 : 0);
}

/** "******789": a BSN shows only its last 3 digits. */
export function maskBsn(bsn: string | null): string | null {
  if (!bsn) return null;
  const digits = bsn.replace(/\D/g, '');
  if (digits.length < 4) return '*'.repeat(digits.length);
  return `${'*'.repeat(digits.length - 3)}${digits.slice(-3)}`;
}

/**
 * A Dutch mobile number in E.164 (+316 and 8 digits), from the ways people write it:
 * 06 12345678, 06-12345678, +31 6 1234 5678, +31 (0)6 12345678, 0031612345678. Undefined otherwise.
 */
export function normaliseDutchMobile(input: string): string | undefined {
  const compact = input.replace(/[\s.\-()]/g, '');
  const match = /^(?:0|\+310?|00310?)(6\d{8})$/.exec(compact);
  return match ? `+31${match[1]}` : undefined;
}

export async function profileRow(db: Kysely<Database>, scope: ClientScope) {
  return db
    .selectFrom('clients')
    .select([
      'initials',
      'first_name',
      'last_name_prefix',
      'last_name',
      'date_of_birth',
      'marital_status',
      'place_of_birth',
      'nationality',
      'bsn',
      'street',
      'house_number',
      'address_extra',
      'postal_code',
      'city',
      'phone',
      'mobile_phone',
      'email',
    ])
    .where('tenant_id', '=', scope.tenantId)
    .where('id', '=', scope.clientId)
    .executeTakeFirst();
}

type ProfileRow = NonNullable<Awaited<ReturnType<typeof profileRow>>>;

export function profileView(row: ProfileRow, now = new Date()) {
  const dateOfBirth = parseIsoDate(row.date_of_birth);
  const join = (...parts: (string | null | undefined)[]) => parts.filter((p) => p && p.trim()).join(' ');
  const hasAddress = row.street || row.postal_code || row.city;
  return {
    name: join(row.first_name, row.last_name_prefix, row.last_name),
    /** As the ECD writes it on letters: "E. de Vries". */
    formalName: join(row.initials || `${row.first_name.charAt(0)}.`, row.last_name_prefix, row.last_name),
    dateOfBirth: row.date_of_birth,
    age: dateOfBirth ? ageOn(dateOfBirth, amsterdamDate(now)) : null,
    maritalStatus: row.marital_status,
    placeOfBirth: row.place_of_birth,
    nationality: row.nationality,
    bsn: maskBsn(row.bsn),
    address: hasAddress
      ? {
          street: row.street,
          houseNumber: row.house_number,
          extra: row.address_extra,
          postalCode: row.postal_code,
          city: row.city,
        }
      : null,
    phone: row.phone,
    mobile: row.mobile_phone,
    email: row.email,
  };
}

/** New contact details asked for and not yet confirmed (the old ones stay until then). */
export async function pendingChanges(db: Kysely<Database>, scope: ClientScope) {
  const rows = await db
    .selectFrom('challenges')
    .select(['purpose', 'destination'])
    .where('tenant_id', '=', scope.tenantId)
    .where('account_id', '=', scope.accountId)
    .where('purpose', 'in', ['mobile_change', 'email_change'])
    .where('consumed_at', 'is', null)
    .where('cancelled_at', 'is', null)
    .where('expires_at', '>', new Date())
    .whereRef('attempts', '<', 'max_attempts')
    // The identity step's code goes to the current number or address: not a pending change.
    .where(sql<boolean>`coalesce(binding->>'step', '') <> 'identity'`)
    .orderBy('created_at', 'desc')
    .execute();
  return {
    mobile: rows.find((r) => r.purpose === 'mobile_change')?.destination ?? null,
    email: rows.find((r) => r.purpose === 'email_change')?.destination ?? null,
  };
}
