import type { Insertable } from 'kysely';
import type { AppointmentsTable, MeasurementsTable, ReportsTable, StaffAccessEventsTable } from '../db/schema.js';
import { addDays, amsterdamTime, weekday, type LocalDate } from '../time/amsterdam-time.js';
import { displayName, formalName, type DemoClient, type DemoTenant } from './demo-tenants.js';
import type { SeededRandom } from './random.js';
import { clientReport, eveningReport, evaluationReport, middayReport, morningReport, type ReportVoice } from './report-texts.js';

export const HISTORY_DAYS = 365;
const FUTURE_DAYS = 61;
/** A "first login" account was re-issued after six months without a login (seed 000). */
export const INACTIVE_DAYS = 190;

export interface HistoryContext {
  tenant: DemoTenant;
  client: DemoClient;
  tenantId: string;
  clientId: string;
  accountId: string;
  now: Date;
  today: LocalDate;
  rng: SeededRandom;
}

/** Whether the client's own account was in use `daysAgo` days before now. */
export function clientWasActive(context: HistoryContext, daysAgo: number): boolean {
  return context.client.account.state === 'ready' || daysAgo >= INACTIVE_DAYS;
}

export function reportVoice(context: HistoryContext): ReportVoice {
  const { person, profile } = context.client;
  const she = person.title === 'mevrouw';
  const naam = formalName(person);
  return {
    Mevr: she ? 'Mevrouw' : 'Meneer',
    mevr: she ? 'mevrouw' : 'meneer',
    naam,
    Zij: she ? 'Zij' : 'Hij',
    zij: she ? 'zij' : 'hij',
    Haar: she ? 'Haar' : 'Zijn',
    haar: she ? 'haar' : 'zijn',
    familie: `${profile.familyRelation} ${profile.familyName}`,
    voornaam: profile.familyName,
  };
}

/** A random instant on `date` between two Amsterdam wall-clock times ("HH:MM"). */
function between(rng: SeededRandom, date: LocalDate, from: string, to: string): Date {
  const [fh, fm] = from.split(':').map(Number) as [number, number];
  const [th, tm] = to.split(':').map(Number) as [number, number];
  const minute = rng.int(fh * 60 + fm, th * 60 + tm);
  return amsterdamTime(date, Math.floor(minute / 60), minute % 60);
}

function isCareDay(client: DemoClient, date: LocalDate): boolean {
  return client.profile.careDays.includes(weekday(date));
}

function dailyCare(client: DemoClient): boolean {
  return client.profile.careDays.length === 7;
}

/** Two to three reports a day for a year, by the care team and now and then by the client. */
export function reportRows(context: HistoryContext): Insertable<ReportsTable>[] {
  const { client, tenant, now, today } = context;
  const rng = context.rng.fork('reports');
  const voice = reportVoice(context);
  const rows: Insertable<ReportsTable>[] = [];
  const staff = (writtenAt: Date, text: string, author = rng.pick(tenant.staff)) =>
    rows.push({
      tenant_id: context.tenantId,
      client_id: context.clientId,
      ecd_id: null,
      written_at: writtenAt,
      author_name: author,
      author_kind: 'staff',
      author_account_id: null,
      text,
      idempotency_key: null,
    });

  for (let daysAgo = HISTORY_DAYS - 1; daysAgo >= 0; daysAgo--) {
    const date = addDays(today, -daysAgo);
    const daily = dailyCare(client);
    if (isCareDay(client, date)) {
      staff(between(rng, date, '07:30', '09:45'), morningReport(rng, voice, client.profile));
      if (daily && rng.chance(0.55)) staff(between(rng, date, '12:00', '13:45'), middayReport(rng, voice));
      if (daily || rng.chance(0.5)) staff(between(rng, date, '19:15', '21:50'), eveningReport(rng, voice, client.profile));
    }
    if (daysAgo % 14 === 3) staff(between(rng, date, '14:00', '16:30'), evaluationReport(rng, voice), tenant.staff[0]);
    if (clientWasActive(context, daysAgo) && rng.chance(0.13)) {
      rows.push({
        tenant_id: context.tenantId,
        client_id: context.clientId,
        ecd_id: null,
        written_at: between(rng, date, '10:00', '20:30'),
        author_name: displayName(client.person),
        author_kind: 'client',
        author_account_id: context.accountId,
        text: clientReport(rng, voice),
        idempotency_key: null,
      });
    }
  }
  return rows.filter((row) => (row.written_at as Date) <= now);
}

interface Series {
  code: string;
  /** Days before now on which this type is measured. */
  on: (daysAgo: number, date: LocalDate) => boolean;
  from: string;
  to: string;
  values: (daysAgo: number) => Record<string, number>;
  /** Share of the entries the client made at home (only while the account was in use). */
  clientShare: number;
}

/** Plausible series for a year: blood pressure with drift, weekly weight, fever in one episode. */
export function measurementRows(context: HistoryContext, typeIds: ReadonlyMap<string, string>): Insertable<MeasurementsTable>[] {
  const { client, tenant, now, today } = context;
  const rng = context.rng.fork('measurements');
  const phase = rng.next() * Math.PI * 2;
  const startWeight = rng.int(640, 820) / 10;
  const weightTrend = -rng.int(5, 30) / 10;
  const feverDaysAgo = rng.int(90, 150);
  const fever = (daysAgo: number) => daysAgo <= feverDaysAgo && daysAgo > feverDaysAgo - 4;
  const round = (value: number, decimals: number) => Number(value.toFixed(decimals));
  const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

  const series: Series[] = [
    {
      code: 'bloeddruk',
      on: (_, date) => [1, 3, 5].includes(weekday(date)),
      from: '08:00',
      to: '09:30',
      values: (daysAgo) => {
        const systolic =
          140 + 9 * Math.sin((2 * Math.PI * daysAgo) / HISTORY_DAYS + phase) + (daysAgo / HISTORY_DAYS) * 6 + rng.gaussian(0, 7);
        return {
          systolic: Math.round(clamp(systolic, 95, 200)),
          diastolic: Math.round(clamp(systolic * 0.55 + 6 + rng.gaussian(0, 4), 50, 120)),
        };
      },
      clientShare: 0.15,
    },
    {
      code: 'pols',
      on: (_, date) => [1, 3, 5].includes(weekday(date)),
      from: '08:00',
      to: '09:30',
      values: (daysAgo) => ({ value: Math.round(clamp(rng.gaussian(fever(daysAgo) ? 92 : 72, 6), 45, 130)) }),
      clientShare: 0,
    },
    {
      code: 'gewicht',
      on: (_, date) => weekday(date) === 1,
      from: '08:00',
      to: '09:00',
      values: (daysAgo) => ({ value: round(startWeight + weightTrend * (1 - daysAgo / HISTORY_DAYS) + rng.gaussian(0, 0.3), 1) }),
      clientShare: 0.2,
    },
    {
      code: 'temperatuur',
      on: (daysAgo) => fever(daysAgo) || daysAgo % 16 === 5,
      from: '08:00',
      to: '10:00',
      values: (daysAgo) => ({ value: round(fever(daysAgo) ? rng.gaussian(38.5, 0.3) : rng.gaussian(36.8, 0.25), 1) }),
      clientShare: 0,
    },
    {
      code: 'saturatie',
      on: (daysAgo) => fever(daysAgo) || daysAgo % 30 === 5,
      from: '08:00',
      to: '10:00',
      values: (daysAgo) => ({ value: Math.round(clamp(rng.gaussian(fever(daysAgo) ? 93 : 97, 1), 85, 100)) }),
      clientShare: 0,
    },
  ];
  if (client.profile.diabetes) {
    series.push({
      code: 'bloedsuiker',
      on: () => true,
      from: '07:30',
      to: '08:45',
      values: () => ({ value: round(clamp(rng.gaussian(7.2, 1.3), 3.6, 16), 1) }),
      clientShare: 0,
    });
  }
  if (client.profile.pain) {
    series.push({
      code: 'pijnscore',
      on: (_, date) => [3, 5].includes(weekday(date)),
      from: '09:00',
      to: '19:00',
      values: () => ({ value: rng.int(1, 6) }),
      clientShare: 0.3,
    });
  }

  const rows: Insertable<MeasurementsTable>[] = [];
  for (let daysAgo = HISTORY_DAYS - 1; daysAgo >= 0; daysAgo--) {
    const date = addDays(today, -daysAgo);
    for (const s of series) {
      if (!s.on(daysAgo, date)) continue;
      const typeId = typeIds.get(s.code);
      if (!typeId) throw new Error(`Unknown measurement type ${s.code}`);
      const byClient = s.clientShare > 0 && clientWasActive(context, daysAgo) && rng.chance(s.clientShare);
      // Staff measure during their visits only.
      if (!byClient && !isCareDay(client, date)) continue;
      rows.push({
        tenant_id: context.tenantId,
        client_id: context.clientId,
        type_id: typeId,
        ecd_id: null,
        measured_at: byClient ? between(rng, date, '17:00', '21:00') : between(rng, date, s.from, s.to),
        values: s.values(daysAgo),
        source: byClient ? 'client' : 'staff',
        author_name: byClient ? displayName(client.person) : rng.pick(tenant.staff),
        author_account_id: byClient ? context.accountId : null,
        idempotency_key: null,
        deleted_at: null,
      });
    }
  }
  return rows.filter((row) => (row.measured_at as Date) <= now);
}

/** Home-care visits for the past year and the next two months, and the odd other appointment. */
export function appointmentRows(context: HistoryContext): Insertable<AppointmentsTable>[] {
  const { client, tenant, today } = context;
  const rng = context.rng.fork('appointments');
  const { person } = client;
  const home = `Thuis, ${person.street} ${person.houseNumber}${person.addressExtra ? ` (${person.addressExtra})` : ''}, ${person.city}`;
  const rows: Insertable<AppointmentsTable>[] = [];
  const add = (
    date: LocalDate,
    start: [number, number],
    minutes: number,
    fields: Pick<Insertable<AppointmentsTable>, 'title' | 'description' | 'location' | 'care_worker_name'> &
      Partial<Insertable<AppointmentsTable>>,
  ) => {
    const startsAt = amsterdamTime(date, start[0], start[1]);
    rows.push({
      tenant_id: context.tenantId,
      client_id: context.clientId,
      ecd_id: null,
      starts_at: startsAt,
      ends_at: new Date(startsAt.getTime() + minutes * 60_000),
      source: 'care_team',
      created_by_account_id: null,
      cancelled_at: null,
      ...fields,
    });
  };

  // The GP sees the client about every three months, on a weekday.
  const gpOffsets = new Set(
    [-330, -241, -150, -58, 23].map((offset) => {
      while ([0, 6].includes(weekday(addDays(today, offset)))) offset++;
      return offset;
    }),
  );
  // A week away at the family's: the visits of those days were cancelled beforehand.
  const awayFrom = rng.int(200, 240);
  for (let offset = -(HISTORY_DAYS - 1); offset <= FUTURE_DAYS; offset++) {
    const date = addDays(today, offset);
    const daysAgo = -offset;
    // Care workers work in weekly rotations, so the same face comes several days in a row.
    const week = Math.floor((offset + 400) / 7);
    const worker = tenant.staff[(week + weekday(date)) % tenant.staff.length]!;
    if (isCareDay(client, date)) {
      const away = daysAgo <= awayFrom && daysAgo > awayFrom - 7;
      const startsAt = amsterdamTime(date, 8, 0);
      add(date, [8, rng.pick([0, 0, 0, 15, 30])], 45, {
        title: 'Ochtendzorg',
        description: 'Hulp bij wassen en aankleden, steunkousen aantrekken, medicatie.',
        location: home,
        care_worker_name: worker,
        ...(away ? { cancelled_at: new Date(startsAt.getTime() - 10 * 86_400_000) } : {}),
      });
    }
    if (client.profile.wound && daysAgo <= 100 && [2, 5].includes(weekday(date))) {
      add(date, [14, 0], 30, {
        title: 'Wondverzorging',
        description: 'Verband onderbeen verwisselen volgens wondplan.',
        location: home,
        care_worker_name: tenant.staff[0]!,
      });
    }
    if (client.profile.physiotherapy && daysAgo <= 120 && weekday(date) === 2) {
      add(date, [10, 30], 30, {
        title: 'Fysiotherapie',
        description: 'Oefentherapie: balans en opstaan uit de stoel.',
        location: tenant.physiotherapist.location,
        care_worker_name: tenant.physiotherapist.name,
      });
    }
    if (gpOffsets.has(offset)) {
      add(date, [10, rng.pick([0, 15, 30, 45])], 15, {
        title: 'Huisarts',
        description: 'Controle bloeddruk en medicatie.',
        location: tenant.gp.location,
        care_worker_name: tenant.gp.name,
      });
    }
    if (offset === -170 || offset === 36) {
      add(date, [15, 0], 60, {
        title: 'Evaluatiegesprek',
        description: `Evaluatie van het ${tenant.planTitle.toLowerCase()} met ${client.profile.familyRelation} ${client.profile.familyName} erbij.`,
        location: home,
        care_worker_name: tenant.staff[0]!,
      });
    }
  }

  // Seed 004: the client adds appointments of their own where the organisation allows it.
  if (tenant.settings.agenda?.clientMayAddAppointments && client.account.state === 'ready') {
    add(addDays(today, 17), [11, 0], 30, {
      title: 'Tandarts',
      description: `Halfjaarlijkse controle. ${client.profile.familyName} brengt mij.`,
      location: 'Tandartspraktijk Lange Delft, Lange Delft 12, Middelburg',
      care_worker_name: null,
      source: 'client',
      created_by_account_id: context.accountId,
    });
  }
  return rows;
}

/** Days of staff access the ECD has pushed for a demo client: a quarter, like a recent log. */
const STAFF_ACCESS_DAYS = 90;

/**
 * What the ECD logged of the care team's reading: every visit starts with the reports, now and
 * then the measurements, the client plan on evaluation days, and once an access under the
 * emergency procedure by the night service.
 */
export function staffAccessRows(context: HistoryContext): Insertable<StaffAccessEventsTable>[] {
  const { tenant, now, today } = context;
  const rng = context.rng.fork('staff-access');
  const rows: Insertable<StaffAccessEventsTable>[] = [];
  const access = (
    occurredAt: Date,
    name: string,
    data_category: StaffAccessEventsTable['data_category'],
    action: StaffAccessEventsTable['action'],
    extra: Partial<Insertable<StaffAccessEventsTable>> = {},
  ) => {
    if (occurredAt > now) return;
    const staffIndex = tenant.staff.indexOf(name);
    rows.push({
      tenant_id: context.tenantId,
      client_id: context.clientId,
      ecd_id: `LOG-${context.clientId.slice(0, 8)}-${rows.length + 1}`,
      occurred_at: occurredAt,
      staff_user_id: `u-${1001 + staffIndex}`,
      staff_name: name,
      staff_role: staffIndex === 0 ? 'Wijkverpleegkundige' : 'Verzorgende IG',
      organisation_unit: tenant.teamName,
      data_category,
      action,
      break_the_glass: false,
      ...extra,
    });
  };
  for (let daysAgo = STAFF_ACCESS_DAYS; daysAgo >= 0; daysAgo--) {
    const date = addDays(today, -daysAgo);
    const morning = rng.pick(tenant.staff);
    access(between(rng, date, '07:20', '07:35'), morning, 'reports', 'view');
    if (rng.chance(0.3)) access(between(rng, date, '07:40', '08:30'), morning, 'measurements', 'view');
    if (rng.chance(0.6)) access(between(rng, date, '19:00', '19:15'), rng.pick(tenant.staff), 'reports', 'view');
    if (daysAgo % 14 === 3) access(between(rng, date, '13:30', '13:55'), tenant.staff[0]!, 'client-plan', 'view');
    if (daysAgo === 41) {
      access(between(rng, date, '02:10', '02:40'), 'R. Dijkstra', 'reports', 'view', {
        staff_user_id: 'u-2207',
        staff_role: 'Verpleegkundige nachtdienst',
        organisation_unit: `Nachtdienst ${tenant.shortName}`,
        break_the_glass: true,
      });
    }
  }
  return rows;
}
