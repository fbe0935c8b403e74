import type { RightArea } from '../contacts/rights.js';
import type { Relationship } from '../db/schema.js';
import type { TenantSettingsInput } from '../tenants/settings.js';

/**
 * The two fictional care organisations of the demo. Their settings differ the way the seeds'
 * portals differ: De Linde is the Vivium portal (seeds 003/004: SMS code only, indicative
 * agenda times), Het Baken the Vicino/Solvio/SVRZ kind (seeds 000-002: code by e-mail or an
 * authenticator app, "trust this computer for a week", passwords of 12+ that expire).
 *
 * Every name, address, phone number and BSN below is made up.
 */

/**
 * Where the example host pages are served in the demo: the demo's origin under both loopback names.
 * The seed sets them for the port the demo runs on (demoAllowedOrigins); these are those of 8787.
 */
const demoOrigins = ['http://127.0.0.1:8787', 'http://localhost:8787'];

export function demoAllowedOrigins(demoOrigin: string): string[] {
  const url = new URL(demoOrigin);
  const port = url.port ? `:${url.port}` : '';
  return [...new Set([url.origin, `${url.protocol}//127.0.0.1${port}`, `${url.protocol}//localhost${port}`])];
}

export interface DemoPerson {
  /** How staff address the client in writing: "mevrouw De Vries". */
  title: 'mevrouw' | 'meneer';
  initials: string;
  firstName: string;
  lastNamePrefix: string;
  lastName: string;
  /** Month and day of birth; the year follows from `age` and the seed's `now`. */
  birthday: { month: number; day: number };
  age: number;
  maritalStatus: string;
  placeOfBirth: string;
  street: string;
  houseNumber: string;
  addressExtra: string | null;
  postalCode: string;
  city: string;
  phone: string;
  mobilePhone: string;
  email: string;
}

export interface DemoAccount {
  username: string;
  password: string;
  /**
   * 'ready': has logged in before, accepted the terms. 'first-login': holds the initial password
   * of an invitation e-mail (or of a reset after a long absence, seed 000), so the portal will ask
   * for a new password and the terms.
   */
  state: 'ready' | 'first-login';
  note: string;
}

export interface DemoClient {
  /** Seeds this client's own random series, so the two clients differ. */
  key: string;
  person: DemoPerson;
  account: DemoAccount;
  /** Conditions that shape the generated history. */
  profile: {
    diabetes: boolean;
    wound: boolean;
    pain: boolean;
    familyName: string;
    familyRelation: string;
    /** Visits per week by the home-care team. */
    careDays: readonly number[];
    physiotherapy: boolean;
  };
}

export interface DemoTenant {
  slug: string;
  name: string;
  settings: TenantSettingsInput;
  /** Short name used in plan headers and messages. */
  shortName: string;
  planTitle: string;
  teamName: string;
  /** Care staff who write reports and measurements; the first is the client's contact nurse. */
  staff: readonly string[];
  gp: { name: string; location: string };
  physiotherapist: { name: string; location: string };
  clients: readonly DemoClient[];
  /** A client the organisation invited to the portal who has not activated the account yet. */
  invitee: DemoInvitee;
  /** Relatives and representatives with their own accounts (issue 16, docs/rights-model.md). */
  contacts: readonly DemoContact[];
}

/** A contact person with an own, activated account and links to one or more clients of the tenant. */
export interface DemoContact {
  username: string;
  password: string;
  person: Pick<DemoPerson, 'initials' | 'firstName' | 'lastNamePrefix' | 'lastName' | 'mobilePhone' | 'email'>;
  links: readonly {
    /** The `key` of a client of the tenant. */
    clientKey: string;
    relationship: Relationship;
    rights: readonly RightArea[];
    /** Registered by the organisation (locked; may sign or reject the client plan). */
    legalRepresentative?: true;
  }[];
  note: string;
}

/**
 * An account with status 'invited' and no password: the seed sends its invitation e-mail
 * (seed 000) to the dev outbox, so the activation can be tried. The date of birth is fixed
 * because the person types it in to prove who they are.
 */
export interface DemoInvitee {
  person: Omit<DemoPerson, 'birthday' | 'age'> & { dateOfBirth: string };
  /** The demo's example page of this organisation, which the link in the e-mail opens. */
  examplePage: string;
}

const deLindeTerms = `Gebruiksvoorwaarden cliëntportaal Zorggroep De Linde (versie 2024-1)

1. Het cliëntportaal geeft u inzage in uw eigen zorgdossier: rapportages, metingen, afspraken, berichten en uw cliëntplan.
2. Uw inloggegevens zijn persoonlijk. Geef uw wachtwoord en de sms-inlogcode nooit aan een ander, ook niet aan een medewerker van De Linde.
3. Log altijd uit als u klaar bent, zeker op een computer die u met anderen deelt.
4. Berichten zijn bedoeld voor vragen die niet dringend zijn. Bij spoed belt u het zorgteam of 112.
5. Zorggroep De Linde gaat zorgvuldig om met uw gegevens volgens de AVG. Elke inzage in uw dossier wordt vastgelegd.
6. Ziet u gegevens die niet kloppen? Neem dan contact op met uw zorgteam.`;

const hetBakenTerms = `Gebruiksvoorwaarden Mijn Het Baken (versie 3.0)

Met het accepteren van deze voorwaarden gaat u akkoord met het volgende:
• U gebruikt het portaal alleen voor uzelf of, met toestemming, voor een cliënt van wie u contactpersoon bent.
• U houdt uw wachtwoord geheim en kiest een wachtwoord van ten minste 12 tekens. Na 90 dagen vragen wij u een nieuw wachtwoord te kiezen.
• Een computer die u 'vertrouwt', onthoudt uw inlogcode 7 dagen. Doe dit alleen op uw eigen apparaat.
• Berichten worden op werkdagen binnen twee dagen beantwoord. Voor spoed belt u de wijkverpleging.
• Thuiszorg Het Baken bewaart en beveiligt uw gegevens volgens de AVG en de NEN 7510 en 7513.
• Bent u zes maanden niet ingelogd, dan wordt uw account gedeactiveerd; u kunt het opnieuw laten activeren.`;

export const demoTenants: readonly DemoTenant[] = [
  {
    slug: 'zorggroep-de-linde',
    name: 'Zorggroep De Linde',
    shortName: 'De Linde',
    planTitle: 'Cliëntplan',
    teamName: 'Wijkteam Hilversum-Oost',
    settings: {
      allowedOrigins: demoOrigins,
      theme: 'de-linde',
      defaultLocale: 'nl',
      passwordPolicy: {
        minLength: 10,
        requireLowercase: true,
        requireUppercase: true,
        requireDigit: true,
        requireSpecial: true,
        maxAgeDays: null,
      },
      secondFactors: { allowed: ['sms'], default: 'sms' },
      trustedDeviceDays: 0,
      session: { idleMinutes: 30, absoluteHours: 12 },
      agenda: {
        indicativeTimeNotice:
          'Let op! De tijden van de afspraken zijn een indicatie. Houdt u alstublieft rekening met een afwijking van tot 60 minuten.',
        clientMayAddAppointments: false,
      },
      terms: { version: '2024-1', text: deLindeTerms },
      sms: { sender: 'DeLinde' },
      contact: { phone: '035 760 12 34', email: 'klantenservice@zorggroep-de-linde.example.nl' },
    },
    staff: ['Sanne Visser', 'Fatima el Amrani', 'Joost Hendriks', 'Ingrid Mulder', 'Daan Koster', 'Marieke Smit'],
    gp: { name: 'Huisarts dr. P. Kuipers', location: 'Huisartsenpraktijk Kerkelanden, Kerkelandenlaan 3, Hilversum' },
    physiotherapist: { name: 'Fysiotherapeut Lotte Brouwer', location: 'Fysiotherapie Oost, Minckelersstraat 18, Hilversum' },
    clients: [
      {
        key: 'de-linde/j.de.vries',
        person: {
          title: 'mevrouw',
          initials: 'J.M.',
          firstName: 'Johanna',
          lastNamePrefix: 'de',
          lastName: 'Vries',
          birthday: { month: 4, day: 17 },
          age: 84,
          maritalStatus: 'Weduwe',
          placeOfBirth: 'Amsterdam',
          street: 'Lindenlaan',
          houseNumber: '14',
          addressExtra: null,
          postalCode: '1215 AB',
          city: 'Hilversum',
          phone: '035 621 45 87',
          mobilePhone: '+31612345678',
          email: 'j.devries@example.nl',
        },
        account: {
          username: 'j.de.vries',
          password: 'DeLinde-demo1!',
          state: 'ready',
          note: 'Logs in with an SMS code (dev outbox); a year of reports, measurements, agenda, messages; a plan to sign.',
        },
        profile: {
          diabetes: true,
          wound: true,
          pain: false,
          familyName: 'Marieke',
          familyRelation: 'dochter',
          careDays: [0, 1, 2, 3, 4, 5, 6],
          physiotherapy: false,
        },
      },
      {
        key: 'de-linde/h.van.der.meer',
        person: {
          title: 'meneer',
          initials: 'H.J.',
          firstName: 'Hendrik',
          lastNamePrefix: 'van der',
          lastName: 'Meer',
          birthday: { month: 11, day: 2 },
          age: 79,
          maritalStatus: 'Gehuwd',
          placeOfBirth: 'Bussum',
          street: 'Brinklaan',
          houseNumber: '87',
          addressExtra: 'appartement 3',
          postalCode: '1404 GP',
          city: 'Bussum',
          phone: '035 693 22 10',
          mobilePhone: '+31623456789',
          email: 'h.vandermeer@example.nl',
        },
        account: {
          username: 'h.van.der.meer',
          password: 'Start-Linde-27',
          state: 'first-login',
          note: 'First login: must choose a new password and accept the terms of use.',
        },
        profile: {
          diabetes: false,
          wound: false,
          pain: true,
          familyName: 'Gerda',
          familyRelation: 'echtgenote',
          careDays: [1, 3, 5],
          physiotherapy: true,
        },
      },
    ],
    contacts: [
      {
        username: 'm.de.vries',
        password: 'DeLinde-naaste1!',
        person: {
          initials: 'M.',
          firstName: 'Marieke',
          lastNamePrefix: 'de',
          lastName: 'Vries',
          mobilePhone: '+31687654321',
          email: 'marieke.devries@example.nl',
        },
        links: [
          { clientKey: 'de-linde/j.de.vries', relationship: 'daughter', rights: ['reports', 'agenda', 'messages', 'board'] },
          { clientKey: 'de-linde/h.van.der.meer', relationship: 'informal-carer', rights: ['agenda', 'messages'] },
        ],
        note: 'Contact person: daughter of Johanna de Vries (reports, agenda, messages, bulletin board; no measurements, no plan) and mantelzorger of Hendrik van der Meer: picks a client after signing in.',
      },
    ],
    invitee: {
      examplePage: '/',
      person: {
        title: 'mevrouw',
        initials: 'G.',
        firstName: 'Grietje',
        lastNamePrefix: '',
        lastName: 'Bakker',
        dateOfBirth: '1947-03-12',
        maritalStatus: 'Weduwe',
        placeOfBirth: 'Hilversum',
        street: 'Eikbosserweg',
        houseNumber: '41',
        addressExtra: null,
        postalCode: '1213 RT',
        city: 'Hilversum',
        phone: '035 624 31 09',
        mobilePhone: '+31656789012',
        email: 'g.bakker@example.nl',
      },
    },
  },
  {
    slug: 'thuiszorg-het-baken',
    name: 'Thuiszorg Het Baken',
    shortName: 'Het Baken',
    planTitle: 'Zorgleefplan',
    teamName: 'Team Middelburg-Noord',
    settings: {
      allowedOrigins: demoOrigins,
      theme: 'het-baken',
      defaultLocale: 'nl',
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigit: true,
        requireSpecial: true,
        maxAgeDays: 90,
      },
      secondFactors: { allowed: ['email', 'totp'], default: 'email' },
      trustedDeviceDays: 7,
      session: { idleMinutes: 20, absoluteHours: 8 },
      agenda: {
        indicativeTimeNotice: 'De tijden zijn bij benadering; de zorgverlener kan een half uur eerder of later komen.',
        clientMayAddAppointments: true,
      },
      terms: { version: '3.0', text: hetBakenTerms },
      sms: { sender: 'HetBaken' },
      contact: { phone: '0118 74 50 00', email: 'mijn@thuiszorg-het-baken.example.nl' },
    },
    staff: ['Anouk de Kraker', 'Pieter Minderhoud', 'Esra Yilmaz', 'Kees Wisse', 'Lieke van Belzen'],
    gp: { name: 'Huisarts mw. dr. E. Dekker', location: 'Gezondheidscentrum Dauwendaele, Dauwendaele 2, Middelburg' },
    physiotherapist: { name: 'Fysiotherapeut Bram Geschiere', location: 'Fysio Walcheren, Kanaalweg 41, Middelburg' },
    clients: [
      {
        key: 'het-baken/w.dejonge',
        person: {
          title: 'meneer',
          initials: 'W.',
          firstName: 'Willem',
          lastNamePrefix: 'de',
          lastName: 'Jonge',
          birthday: { month: 8, day: 23 },
          age: 81,
          maritalStatus: 'Gehuwd',
          placeOfBirth: 'Vlissingen',
          street: 'Seisweg',
          houseNumber: '22',
          addressExtra: null,
          postalCode: '4337 AX',
          city: 'Middelburg',
          phone: '0118 61 77 30',
          mobilePhone: '+31634567890',
          email: 'w.dejonge@example.nl',
        },
        account: {
          username: 'w.dejonge@example.nl',
          password: 'HetBaken-demo-2024!',
          state: 'ready',
          note: 'Logs in with an e-mail code (dev outbox); may trust the computer for 7 days and add own appointments.',
        },
        profile: {
          diabetes: false,
          wound: false,
          pain: true,
          familyName: 'Jan',
          familyRelation: 'zoon',
          careDays: [0, 1, 2, 3, 4, 5, 6],
          physiotherapy: true,
        },
      },
      {
        key: 'het-baken/a.vanderhoek',
        person: {
          title: 'mevrouw',
          initials: 'A.C.',
          firstName: 'Adriana',
          lastNamePrefix: 'van der',
          lastName: 'Hoek',
          birthday: { month: 2, day: 9 },
          age: 88,
          maritalStatus: 'Weduwe',
          placeOfBirth: 'Goes',
          street: 'Ravelijnstraat',
          houseNumber: '5',
          addressExtra: null,
          postalCode: '4461 TC',
          city: 'Goes',
          phone: '0113 21 89 04',
          mobilePhone: '+31645678901',
          email: 'a.vanderhoek@example.nl',
        },
        account: {
          username: 'a.vanderhoek@example.nl',
          password: 'Welkom-HetBaken-1',
          state: 'first-login',
          note: 'First login: must choose a new password (12+ characters) and accept the terms of use.',
        },
        profile: {
          diabetes: true,
          wound: true,
          pain: false,
          familyName: 'Ellen',
          familyRelation: 'nicht',
          careDays: [0, 1, 2, 3, 4, 5, 6],
          physiotherapy: false,
        },
      },
    ],
    contacts: [
      {
        username: 's.kodde@example.nl',
        password: 'HetBaken-Mentor-1',
        person: {
          initials: 'S.',
          firstName: 'Sanne',
          lastNamePrefix: '',
          lastName: 'Kodde',
          mobilePhone: '+31678901234',
          email: 's.kodde@example.nl',
        },
        links: [
          {
            clientKey: 'het-baken/w.dejonge',
            relationship: 'mentor',
            rights: ['reports', 'measurements', 'agenda', 'messages', 'plan', 'profile', 'board', 'accessLog'],
            legalRepresentative: true,
          },
        ],
        note: 'Legal representative (mentor) of Willem de Jonge, set by the organisation (locked): every right, may sign the plan.',
      },
    ],
    invitee: {
      examplePage: '/examples/het-baken.html',
      person: {
        title: 'meneer',
        initials: 'C.P.',
        firstName: 'Cornelis',
        lastNamePrefix: '',
        lastName: 'Verhage',
        dateOfBirth: '1944-10-05',
        maritalStatus: 'Gehuwd',
        placeOfBirth: 'Zierikzee',
        street: 'Nieuwe Burg',
        houseNumber: '9',
        addressExtra: null,
        postalCode: '4331 AE',
        city: 'Middelburg',
        phone: '0118 63 20 47',
        mobilePhone: '+31667890123',
        email: 'c.verhage@example.nl',
      },
    },
  },
];

/** "J.M. de Vries" */
export function displayName(person: Pick<DemoPerson, 'initials' | 'lastNamePrefix' | 'lastName'>): string {
  return [person.initials, person.lastNamePrefix, person.lastName].filter(Boolean).join(' ');
}

/** "Johanna de Vries" */
export function fullName(person: Pick<DemoPerson, 'firstName' | 'lastNamePrefix' | 'lastName'>): string {
  return [person.firstName, person.lastNamePrefix, person.lastName].filter(Boolean).join(' ');
}

/** "mevrouw De Vries" is how staff address a client in writing. */
export function formalName(person: DemoPerson): string {
  const prefix = person.lastNamePrefix ? person.lastNamePrefix.charAt(0).toUpperCase() + person.lastNamePrefix.slice(1) + ' ' : '';
  return `${person.title} ${prefix}${person.lastName}`;
}
