import { randomUUID } from 'node:crypto';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseUnderTest } from '../testing/database-under-test.js';
import { createTenant } from '../testing/fixtures.js';
import { clientRequest, signedInClient, type SignedInClient } from '../testing/signed-in.js';
import { createTestApp } from '../testing/test-app.js';
import type { TestDatabase } from '../testing/test-database.js';
import type { TenantRecord } from '../tenants/queries.js';
import { clearTenantCache } from '../tenants/tenant-context.js';
import { fold } from './ics.js';

let database: TestDatabase;
let app: ReturnType<typeof createTestApp>['app'];
let tenant: TenantRecord;
let closedTenant: TenantRecord;
type Person = SignedInClient;
let alice: Person;
let bob: Person;
let carol: Person;
let careTeamAppointment: string;
let carolAppointment: string;
const notice = 'De tijden van de afspraken zijn een indicatie. Houdt u rekening met een afwijking van tot 60 minuten.';

const signedIn = (t: TenantRecord): Promise<Person> => signedInClient(database.db, t);
const call = (who: Person, path: string, init: RequestInit = {}) => clientRequest(app, who, path, init);
/** As the widget sends: a create carries a fresh Idempotency-Key unless the test names one. */
const send = (
  who: Person,
  method: string,
  path: string,
  body: unknown,
  key: string | undefined = method === 'POST' ? randomUUID() : undefined,
) => call(who, path, { method, body: JSON.stringify(body), headers: key ? { 'idempotency-key': key } : {} });

async function careTeam(
  who: Person,
  startsAt: Date,
  minutes: number,
  title: string,
  extra: { location?: string; description?: string } = {},
) {
  return (
    await database.db
      .insertInto('appointments')
      .values({
        tenant_id: who.tenant.id,
        client_id: who.clientId,
        starts_at: startsAt,
        ends_at: new Date(startsAt.getTime() + minutes * 60_000),
        title,
        source: 'care_team',
        care_worker_name: 'Zr. Jansen',
        location: extra.location ?? null,
        description: extra.description ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
}

const inHours = (h: number) => new Date(Date.now() + h * 3_600_000);

type Item = {
  id: string;
  title: string;
  localDate: string;
  localStart: string;
  localEnd: string;
  startsAt: string;
  source: string;
  editable: boolean;
};

beforeAll(async () => {
  database = await databaseUnderTest();
  tenant = await createTenant(database.db, { agenda: { indicativeTimeNotice: notice, clientMayAddAppointments: true } });
  closedTenant = await createTenant(database.db);
  clearTenantCache();
  app = createTestApp(database).app;
  alice = await signedIn(tenant);
  bob = await signedIn(tenant);
  carol = await signedIn(closedTenant);
  await careTeam(alice, inHours(-30), 30, 'Voorbij');
  for (let i = 1; i <= 6; i++) await careTeam(alice, inHours(i * 24), 45, `Ochtendzorg ${i}`);
  careTeamAppointment = await careTeam(alice, inHours(200), 60, 'Huisbezoek; wijkverpleegkundige, met dochter', {
    location: 'Thuis, Kerkstraat 1; Amsterdam',
    description:
      'Bespreken van het zorgplan.\nNeem de medicijnlijst mee. Een lange regel die zeker over de vijfenzeventig octetten heen gaat: één, cliënt, geïnformeerd.',
  });
  await careTeam(bob, inHours(3), 30, 'Afspraak van Bob');
  carolAppointment = await careTeam(carol, inHours(5), 30, 'Afspraak bij een andere organisatie');
});
afterAll(async () => {
  await database?.close();
});

describe('reading the agenda', () => {
  it('shows the first 4 future appointments with the tenant’s notice', async () => {
    const response = await call(alice, '/appointments/upcoming');
    expect(response.status).toBe(200);
    const body = (await response.json()) as { notice: string; clientMayAddAppointments: boolean; items: Item[] };
    expect(body.notice).toBe(notice);
    expect(body.clientMayAddAppointments).toBe(true);
    expect(body.items.map((a) => a.title)).toEqual(['Ochtendzorg 1', 'Ochtendzorg 2', 'Ochtendzorg 3', 'Ochtendzorg 4']);
    expect(body.items[0]).toMatchObject({ source: 'care_team', editable: false, careWorker: 'Zr. Jansen' });
  });

  it('groups by the Amsterdam day and shows Amsterdam hours on both sides of the DST changes', async () => {
    const client = await signedIn(tenant);
    // Last Sunday of March 2026 is the 29th (02:00 -> 03:00); of October the 25th (03:00 -> 02:00).
    const times = [
      ['2026-03-28T07:00:00Z', 'za winter 08:00'],
      ['2026-03-29T06:00:00Z', 'zo zomer 08:00'],
      ['2026-03-29T22:30:00Z', 'ma zomer 00:30'],
      ['2026-10-24T22:30:00Z', 'zo zomer 00:30'],
      ['2026-10-25T07:00:00Z', 'zo winter 08:00'],
      ['2026-10-25T23:30:00Z', 'ma winter 00:30'],
    ] as const;
    for (const [at, title] of times) await careTeam(client, new Date(at), 60, title);
    const spring = (await (await call(client, '/appointments?from=2026-03-28&to=2026-03-30')).json()) as { items: Item[]; notice: string };
    expect(spring.notice).toBe(notice);
    expect(spring.items.map((a) => [a.title, a.localDate, a.localStart, a.localEnd])).toEqual([
      ['za winter 08:00', '2026-03-28', '08:00', '09:00'],
      ['zo zomer 08:00', '2026-03-29', '08:00', '09:00'],
      ['ma zomer 00:30', '2026-03-30', '00:30', '01:30'],
    ]);
    const autumn = (await (await call(client, '/appointments?from=2026-10-25&to=2026-10-26')).json()) as { items: Item[] };
    expect(autumn.items.map((a) => [a.title, a.localDate, a.localStart])).toEqual([
      ['zo zomer 00:30', '2026-10-25', '00:30'],
      ['zo winter 08:00', '2026-10-25', '08:00'],
      ['ma winter 00:30', '2026-10-26', '00:30'],
    ]);
    expect(autumn.items[0]!.startsAt).toBe('2026-10-24T22:30:00.000Z');
  });

  it('lists from today on by default, and refuses a bad period naming the field', async () => {
    const body = (await (await call(alice, '/appointments')).json()) as { items: Item[]; period: { from: string } };
    expect(body.items.map((a) => a.title)).not.toContain('Voorbij');
    expect(body.items).toHaveLength(7);
    for (const [path, field] of [
      ['/appointments?from=2026-05-02&to=2026-05-01', 'from'],
      ['/appointments?from=2026-13-01&to=2026-12-01', 'from'],
      ['/appointments?period=week', 'period'],
      ['/appointments/upcoming?limit=100', 'limit'],
    ] as const) {
      const response = await call(alice, path);
      expect(response.status, path).toBe(400);
      expect(((await response.json()) as { errors: { field: string }[] }).errors.map((e) => e.field)).toContain(field);
    }
  });

  it('never shows another client’s or another tenant’s appointments', async () => {
    const body = (await (await call(bob, '/appointments/upcoming')).json()) as { items: Item[] };
    expect(body.items.map((a) => a.title)).toEqual(['Afspraak van Bob']);
    expect((await call(bob, `/appointments/${careTeamAppointment}.ics`)).status).toBe(404);
    expect((await call(alice, `/appointments/${carolAppointment}.ics`)).status).toBe(404);
  });
});

describe('calendar export', () => {
  it('gives one appointment as an RFC 5545 calendar that a calendar parser reads back', async () => {
    const response = await call(alice, `/appointments/${careTeamAppointment}.ics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="afspraak-\d{4}-\d{2}-\d{2}\.ics"$/);
    const text = await response.text();
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of text.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    const unfolded = text.replace(/\r\n /g, '');
    expect(unfolded).toMatch(/^BEGIN:VCALENDAR\r\nVERSION:2\.0\r\nPRODID:[^\r]+\r\nCALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\n/);
    expect(unfolded).toContain(`UID:${careTeamAppointment}@${tenant.slug}.care-widgets`);
    expect(unfolded).toMatch(/\r\nDTSTAMP:\d{8}T\d{6}Z\r\n/);
    expect(unfolded).toMatch(/\r\nDTSTART:\d{8}T\d{6}Z\r\nDTEND:\d{8}T\d{6}Z\r\n/);
    expect(unfolded).toContain('SUMMARY:Huisbezoek\\; wijkverpleegkundige\\, met dochter');
    expect(unfolded).toContain('LOCATION:Thuis\\, Kerkstraat 1\\; Amsterdam');

    const calendar = new ICAL.Component(ICAL.parse(text));
    expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
    const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
    expect(event.summary).toBe('Huisbezoek; wijkverpleegkundige, met dochter');
    expect(event.location).toBe('Thuis, Kerkstraat 1; Amsterdam');
    expect(event.description).toContain(
      'Neem de medicijnlijst mee. Een lange regel die zeker over de vijfenzeventig octetten heen gaat: één, cliënt, geïnformeerd.',
    );
    expect(event.description).toContain('Zorgverlener: Zr. Jansen');
    expect(event.description).toContain(notice);
    const row = await database.db
      .selectFrom('appointments')
      .select(['starts_at', 'ends_at'])
      .where('id', '=', careTeamAppointment)
      .executeTakeFirstOrThrow();
    expect(event.startDate.toJSDate().getTime()).toBe(Math.floor(row.starts_at.getTime() / 1000) * 1000);
    expect(event.endDate.toJSDate().getTime()).toBe(Math.floor(row.ends_at.getTime() / 1000) * 1000);
  });

  it('gives all upcoming appointments in one calendar', async () => {
    const response = await call(alice, '/appointments.ics');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="afspraken.ics"');
    const calendar = new ICAL.Component(ICAL.parse(await response.text()));
    const titles = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v).summary);
    expect(titles).toHaveLength(7);
    expect(titles).not.toContain('Voorbij');
  });

  it('folds long lines at 75 octets without splitting a character', () => {
    const line = `DESCRIPTION:${'één cliënt '.repeat(20)}`;
    const folded = fold(line);
    for (const piece of folded.split('\r\n')) expect(new TextEncoder().encode(piece).length).toBeLessThanOrEqual(75);
    expect(folded.replace(/\r\n /g, '')).toBe(line);
  });
});

describe('the client’s own appointments', () => {
  const tomorrowAt = (hour: number) => {
    const d = new Date(Date.now() + 24 * 3_600_000);
    d.setUTCHours(hour, 0, 0, 0);
    return d.toISOString();
  };

  it('lets the client add one where the tenant allows it; the care team’s data shows it as the client’s', async () => {
    const response = await send(alice, 'POST', '/appointments', {
      title: 'Kapper',
      startsAt: tomorrowAt(9),
      endsAt: tomorrowAt(10),
      location: 'Dorpsstraat 3',
    });
    expect(response.status).toBe(201);
    const created = (await response.json()) as Item;
    expect(created).toMatchObject({ title: 'Kapper', source: 'client', editable: true });
    const row = await database.db
      .selectFrom('appointments')
      .select(['source', 'created_by_account_id'])
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ source: 'client', created_by_account_id: alice.accountId });

    const moved = await send(alice, 'PUT', `/appointments/${created.id}`, {
      title: 'Kapper (verzet)',
      startsAt: tomorrowAt(11),
      endsAt: tomorrowAt(12),
    });
    expect(moved.status).toBe(200);
    expect(((await moved.json()) as Item).title).toBe('Kapper (verzet)');

    expect((await call(alice, `/appointments/${created.id}`, { method: 'DELETE' })).status).toBe(204);
    const upcoming = (await (await call(alice, '/appointments?from=2020-01-01&to=2020-12-31')).json()) as { items: Item[] };
    expect(upcoming.items).toHaveLength(0);
    const all = (await (await call(alice, '/appointments')).json()) as { items: Item[] };
    expect(all.items.map((a) => a.id)).not.toContain(created.id);
    const actions = await database.db
      .selectFrom('audit_log')
      .select('action')
      .where('resource_id', '=', created.id)
      .orderBy('id')
      .execute();
    expect(actions.map((a) => a.action)).toEqual(['appointments.create', 'appointments.update', 'appointments.cancel']);
  });

  it('adds an appointment once, however often a lost answer makes the widget send it again', async () => {
    const body = { title: 'Pedicure', startsAt: tomorrowAt(14), endsAt: tomorrowAt(15) };
    const key = randomUUID();
    const answers = await Promise.all([1, 2, 3, 4].map(() => send(alice, 'POST', '/appointments', body, key)));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201]);
    const ids = new Set(await Promise.all(answers.map(async (a) => ((await a.json()) as Item).id)));
    expect(ids.size).toBe(1);
    const [id] = [...ids];
    const stored = await database.db
      .selectFrom('appointments')
      .select('id')
      .where('client_id', '=', alice.clientId)
      .where('title', '=', 'Pedicure')
      .execute();
    expect(stored).toHaveLength(1);
    expect(answers.filter((a) => a.headers.get('idempotent-replayed') === 'true')).toHaveLength(3);
    // The same key for another appointment is a mistake the widget must hear about.
    const other = await send(alice, 'POST', '/appointments', { ...body, title: 'Kapper' }, key);
    expect(other.status).toBe(409);
    expect((await call(alice, `/appointments/${id}`, { method: 'DELETE' })).status).toBe(204);
    // Without a key there is nothing to recognise a retry by.
    const keyless = await send(alice, 'POST', '/appointments', body, '');
    expect(keyless.status).toBe(400);
    expect(await keyless.json()).toMatchObject({ errors: [{ field: 'Idempotency-Key' }] });
  });

  it('refuses changing or cancelling the care team’s appointment', async () => {
    const put = await send(alice, 'PUT', `/appointments/${careTeamAppointment}`, {
      title: 'Anders',
      startsAt: tomorrowAt(9),
      endsAt: tomorrowAt(10),
    });
    expect(put.status).toBe(403);
    expect(((await put.json()) as { detail: string }).detail).toMatch(/zorgteam gepland/);
    expect((await call(alice, `/appointments/${careTeamAppointment}`, { method: 'DELETE' })).status).toBe(403);
    expect((await call(bob, `/appointments/${careTeamAppointment}`, { method: 'DELETE' })).status).toBe(404);
    expect((await call(bob, '/appointments/not-a-uuid', { method: 'DELETE' })).status).toBe(404);
  });

  it('refuses adding where the tenant does not allow it', async () => {
    const response = await send(carol, 'POST', '/appointments', { title: 'Kapper', startsAt: tomorrowAt(9), endsAt: tomorrowAt(10) });
    expect(response.status).toBe(403);
  });

  it('validates the times and title, naming the field', async () => {
    const cases: [unknown, string][] = [
      [{ title: 'X', startsAt: tomorrowAt(10), endsAt: tomorrowAt(9) }, 'endsAt'],
      [{ title: 'X', startsAt: new Date(Date.now() - 86_400_000).toISOString(), endsAt: tomorrowAt(9) }, 'startsAt'],
      [{ title: '  ', startsAt: tomorrowAt(9), endsAt: tomorrowAt(10) }, 'title'],
      [{ title: 'X', startsAt: 'morgen', endsAt: tomorrowAt(10) }, 'startsAt'],
    ];
    for (const [body, field] of cases) {
      const response = await send(alice, 'POST', '/appointments', body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(((await response.json()) as { errors: { field: string }[] }).errors.map((e) => e.field)).toContain(field);
    }
  });
});
