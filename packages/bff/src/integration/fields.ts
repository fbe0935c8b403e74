import { sql, type RawBuilder } from 'kysely';
import { z } from 'zod';
import { plainLine, plainText } from '../http/plain-text.js';
import { isValidBsn } from '../validation/bsn.js';

/** The ECD's own id of a record: 1 to 100 visible ASCII characters, compared exactly. */
export const ecdId = z.string({ error: 'required' }).regex(/^[\x21-\x7e]{1,100}$/, '1 to 100 visible ASCII characters (no spaces)');

export const dateTime = z.iso.datetime({ offset: true, error: 'an ISO 8601 date-time with offset, e.g. 2026-11-23T08:15:00+01:00' });
export const calendarDate = z.iso.date({ error: 'a date as YYYY-MM-DD' });

/** Required text, trimmed, with a maximum length in characters; bidi and control characters removed (line breaks kept). */
export const text = (max: number) =>
  z.string({ error: 'required' }).overwrite(plainText).trim().min(1, 'required').max(max, `at most ${max} characters`);
/** Required single line (a title, a name, a file name): also line breaks and tabs become spaces. */
export const line = (max: number) =>
  z.string({ error: 'required' }).overwrite(plainLine).trim().min(1, 'required').max(max, `at most ${max} characters`);
/** Optional text, one line unless `multiline`: absent, null or empty clears the field (every push carries the whole record). */
export const optionalText = (max: number, options: { multiline?: boolean } = {}) =>
  z
    .string()
    .overwrite(options.multiline ? plainText : plainLine)
    .trim()
    .max(max, `at most ${max} characters`)
    .nullish()
    .transform((value) => (value ? value : null));

/** Mobile numbers in E.164, as the SMS provider needs them: +31612345678. */
export const phoneNumber = z
  .string()
  .regex(/^\+[1-9]\d{7,14}$/, 'an international number in E.164 form, e.g. +31612345678')
  .nullish()
  .transform((value) => value ?? null);

export const email = z
  .email({ error: 'an e-mail address' })
  .max(254)
  .nullish()
  .transform((value) => value ?? null);

export const bsn = z
  .string()
  .refine(isValidBsn, 'a BSN of 9 digits that passes the 11-proef')
  .nullish()
  .transform((value) => value ?? null);

/**
 * `(table.a, table.b) is distinct from (excluded.a, excluded.b)`: the WHERE of an upsert that
 * leaves a row alone, updated_at included, when the pushed record is what is stored already.
 */
export function differsFromExcluded(table: string, columns: readonly string[]): RawBuilder<boolean> {
  const own = sql.join(columns.map((column) => sql.ref(`${table}.${column}`)));
  const pushed = sql.join(columns.map((column) => sql.ref(`excluded.${column}`)));
  return sql<boolean>`(${own}) is distinct from (${pushed})`;
}

/** Whether the upsert inserted (true) or updated (false) the returned row. */
export const wasInserted = sql<boolean>`(xmax = 0)`;
