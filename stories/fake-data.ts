// Canned Dutch portal data for the stories, shaped exactly as the BFF answers (docs/auth-api.md,
// docs/data-api.md). Dates are relative to today, so "upcoming" and "last week" stay true.
// The types are the BFF's contract (packages/bff/src/api-types.ts), so a field the BFF adds, drops or renames breaks the typecheck here.
import type { Contact } from '../packages/components/src/care-contacts/care-contacts.component.js';
import type {
  AccessLogLine,
  Activity,
  Appointment,
  BoardAuthor,
  BoardPhoto,
  BoardPost,
  Measurement,
  MeasurementType,
  Message,
  OwnAccount,
  Plan,
  Profile,
  PublicTenant,
  Report,
  SecondFactorStep,
  Terms,
  TotpEnrolment,
} from '../packages/bff/src/api-types.js';

const day = 24 * 60 * 60 * 1000;
const today = new Date();
today.setHours(0, 0, 0, 0);

/** An instant `days` from today at `hh:mm` local time, as ISO. */
export function at(days: number, time: string): string {
  const [h, m] = time.split(':').map(Number);
  const d = new Date(today.getTime() + days * day);
  d.setHours(h ?? 0, m ?? 0, 0, 0);
  return d.toISOString();
}

/** The calendar date `days` from today, YYYY-MM-DD. */
export function dateOf(days: number): string {
  const d = new Date(today.getTime() + days * day);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export const tenants: Record<'zorggroep-de-linde' | 'thuiszorg-het-baken', PublicTenant> = {
  'zorggroep-de-linde': {
    slug: 'zorggroep-de-linde',
    name: 'Zorggroep De Linde',
    theme: 'de-linde',
    defaultLocale: 'nl',
    enabledWidgets: ['login', 'reports', 'measurements', 'agenda', 'messages', 'plan', 'profile'],
    passwordPolicy: {
      minLength: 10,
      requireLowercase: true,
      requireUppercase: true,
      requireDigit: true,
      requireSpecial: false,
      maxAgeDays: null,
    },
    secondFactors: { allowed: ['sms', 'totp'], default: 'sms' },
    trustedDeviceDays: 7,
    agenda: {
      indicativeTimeNotice: 'De tijden van de afspraken zijn een indicatie. Houdt u rekening met een afwijking van tot 60 minuten.',
      clientMayAddAppointments: false,
    },
    terms: { version: '2024-03' },
    contact: { phone: '0341 555 010', email: 'clientenbureau@zorggroepdelinde.example' },
  },
  'thuiszorg-het-baken': {
    slug: 'thuiszorg-het-baken',
    name: 'Thuiszorg Het Baken',
    theme: 'het-baken',
    defaultLocale: 'nl',
    enabledWidgets: ['login', 'reports', 'measurements', 'agenda', 'messages', 'profile'],
    passwordPolicy: {
      minLength: 12,
      requireLowercase: true,
      requireUppercase: true,
      requireDigit: true,
      requireSpecial: true,
      maxAgeDays: 365,
    },
    secondFactors: { allowed: ['sms', 'email', 'totp'], default: 'sms' },
    trustedDeviceDays: 0,
    agenda: { indicativeTimeNotice: null, clientMayAddAppointments: true },
    terms: { version: '2025-01' },
    contact: { phone: '0223 123 456', email: null },
  },
};

export const terms: Terms = {
  version: '2024-03',
  text:
    'Gebruiksvoorwaarden cliëntportaal\n\nU gebruikt het cliëntportaal alleen voor uzelf of, met uw toestemming, ' +
    'voor uw contactpersoon. Houd uw wachtwoord geheim. Een rapportage is geen plek voor vragen: stuur daarvoor een bericht. ' +
    'Bij spoed belt u altijd 112 of uw zorgverlener.',
};

export const signedIn = { displayName: 'Mevrouw A. de Boer', clientId: '5a1f6c62-4c1e-4d8e-9a51-1f0c2d7b9e10' };

export const secondFactorSms: Omit<SecondFactorStep, 'step'> = {
  channel: 'sms' as const,
  prefix: '4821',
  codeSent: true,
  resendAvailableInSeconds: 30,
  expiresInSeconds: 300,
  destinationHint: '••••••••5678',
  trustedDeviceDays: 7,
};

export const reports: Report[] = (
  [
    {
      author: 'Zr. Jansen',
      authorKind: 'staff',
      own: false,
      days: 0,
      time: '08:15',
      text: 'Mevrouw heeft goed geslapen en zelf ontbeten. Medicatie op tijd ingenomen.',
    },
    {
      author: 'Anna de Boer',
      authorKind: 'client',
      own: true,
      days: -1,
      time: '19:40',
      text: 'Vandaag een wandeling gemaakt naar de markt. Wat moe in de benen.',
    },
    {
      author: 'Dhr. Bakker (wijkverpleegkundige)',
      authorKind: 'staff',
      own: false,
      days: -2,
      time: '10:05',
      text: 'Wond aan het onderbeen verzorgd; ziet er rustig uit.\nVolgende controle over een week.',
    },
    {
      author: 'Zr. El Idrissi',
      authorKind: 'staff',
      own: false,
      days: -4,
      time: '07:50',
      text: 'Ochtendzorg verleend. Mevrouw gaf aan wat pijn in de rug te hebben; pijnscore 4.',
    },
    {
      author: 'Peter de Boer (zoon)',
      authorKind: 'contact',
      own: false,
      days: -6,
      time: '16:20',
      text: 'Op bezoek geweest. Moeder was vrolijk en heeft verteld over de dagbesteding.',
    },
  ] as const
).map((r, i) => ({
  id: `r-${i + 1}`,
  writtenAt: at(r.days, r.time),
  author: r.author,
  authorKind: r.authorKind,
  own: r.own,
  text: r.text,
}));

/** Who looked at the file: the client (three reads in a row), a contact person, the care team, the ECD, and once an emergency access. */
export const accessLog: AccessLogLine[] = (
  [
    {
      days: 0,
      time: '08:12',
      actor: 'staff',
      name: null,
      role: 'Verzorgende IG',
      organisation: 'Team De Linde Noord',
      category: 'reports',
      action: 'view',
      breakTheGlass: false,
    },
    {
      days: 0,
      time: '07:45',
      actor: 'client',
      name: null,
      role: null,
      organisation: null,
      category: 'measurements',
      action: 'create',
      breakTheGlass: false,
    },
    {
      days: -1,
      time: '21:03',
      actor: 'contact',
      name: 'Peter de Boer',
      relationship: 'son',
      role: null,
      organisation: null,
      category: 'appointments',
      action: 'view',
      breakTheGlass: false,
    },
    {
      days: -1,
      time: '14:30',
      actor: 'client',
      name: null,
      role: null,
      organisation: null,
      category: 'reports',
      action: 'download',
      breakTheGlass: false,
    },
    // Three reads in a row: the widget shows them as "3× Rapportages bekeken".
    ...(['14:12', '14:08', '14:05'] as const).map((time) => ({
      days: -1,
      time,
      actor: 'client' as const,
      name: null,
      role: null,
      organisation: null,
      category: 'reports' as const,
      action: 'view' as const,
      breakTheGlass: false,
    })),
    {
      days: -1,
      time: '02:24',
      actor: 'staff',
      name: null,
      role: 'Verpleegkundige nachtdienst',
      organisation: 'Nachtdienst De Linde',
      category: 'reports',
      action: 'view',
      breakTheGlass: true,
    },
    {
      days: -3,
      time: '13:40',
      actor: 'staff',
      name: null,
      role: 'Wijkverpleegkundige',
      organisation: 'Team De Linde Noord',
      category: 'client-plan',
      action: 'update',
      breakTheGlass: false,
    },
    {
      days: -3,
      time: '09:00',
      actor: 'ecd',
      name: null,
      role: null,
      organisation: 'Zorggroep De Linde',
      category: 'portal-input',
      action: 'view',
      breakTheGlass: false,
    },
    {
      days: -5,
      time: '18:15',
      actor: 'client',
      name: null,
      role: null,
      organisation: null,
      category: 'client-plan',
      action: 'sign',
      breakTheGlass: false,
    },
  ] as const
).map(({ days, time, ...line }) => ({ at: at(days, time), relationship: null, byYou: line.actor === 'client', ...line }));

export const measurementTypes: MeasurementType[] = [
  {
    code: 'bloeddruk',
    label: 'Bloeddruk',
    unit: 'mmHg',
    decimals: 0,
    clientMayEnter: true,
    components: [
      { key: 'systolic', label: 'Bovendruk (systolisch)', min: 50, max: 250 },
      { key: 'diastolic', label: 'Onderdruk (diastolisch)', min: 30, max: 150 },
    ],
  },
  {
    code: 'gewicht',
    label: 'Gewicht',
    unit: 'kg',
    decimals: 1,
    clientMayEnter: true,
    components: [{ key: 'value', label: 'Gewicht', min: 20, max: 300 }],
  },
  {
    code: 'temperatuur',
    label: 'Temperatuur',
    unit: '°C',
    decimals: 1,
    clientMayEnter: true,
    components: [{ key: 'value', label: 'Temperatuur', min: 34, max: 43 }],
  },
  {
    code: 'pijnscore',
    label: 'Pijnscore',
    unit: '',
    decimals: 0,
    clientMayEnter: false,
    components: [{ key: 'value', label: 'Pijnscore (0-10)', min: 0, max: 10 }],
  },
];

export const measurements: Measurement[] = (
  [
    {
      type: 'bloeddruk',
      days: 0,
      time: '08:10',
      values: { systolic: 128, diastolic: 82 },
      source: 'client',
      author: 'Anna de Boer',
      deletable: true,
    },
    { type: 'gewicht', days: -1, time: '07:30', values: { value: 72.4 }, source: 'client', author: 'Anna de Boer', deletable: true },
    {
      type: 'bloeddruk',
      days: -3,
      time: '09:00',
      values: { systolic: 135, diastolic: 85 },
      source: 'staff',
      author: 'Zr. Jansen',
      deletable: false,
    },
    { type: 'temperatuur', days: -4, time: '08:00', values: { value: 37.1 }, source: 'staff', author: 'Zr. El Idrissi', deletable: false },
    { type: 'gewicht', days: -8, time: '07:45', values: { value: 72.9 }, source: 'client', author: 'Anna de Boer', deletable: true },
    {
      type: 'bloeddruk',
      days: -10,
      time: '08:20',
      values: { systolic: 131, diastolic: 80 },
      source: 'staff',
      author: 'Zr. Jansen',
      deletable: false,
    },
    { type: 'gewicht', days: -15, time: '07:40', values: { value: 73.3 }, source: 'client', author: 'Anna de Boer', deletable: true },
    { type: 'pijnscore', days: -4, time: '08:05', values: { value: 4 }, source: 'staff', author: 'Zr. El Idrissi', deletable: false },
  ] as const
).map((m, i) => ({
  id: `m-${i + 1}`,
  type: m.type,
  measuredAt: at(m.days, m.time),
  values: m.values,
  source: m.source,
  author: m.author,
  deletable: m.deletable,
}));

function appointment(
  i: number,
  days: number,
  start: string,
  end: string,
  title: string,
  careWorker: string | null,
  extra: Partial<{ location: string; description: string; source: Appointment['source']; editable: boolean }> = {},
): Appointment {
  return {
    id: `a-${i}`,
    title,
    description: extra.description ?? null,
    location: extra.location ?? null,
    careWorker,
    startsAt: at(days, start),
    endsAt: at(days, end),
    localDate: dateOf(days),
    localStart: start,
    localEnd: end,
    source: extra.source ?? 'care_team',
    editable: extra.editable ?? false,
  };
}

export const appointments = [
  appointment(1, 1, '08:00', '08:45', 'Ochtendzorg', 'Zr. Jansen'),
  appointment(2, 1, '14:00', '14:30', 'Wondverzorging', 'Dhr. Bakker', { description: 'Controle wond onderbeen' }),
  appointment(3, 2, '08:00', '08:45', 'Ochtendzorg', 'Zr. El Idrissi'),
  appointment(4, 3, '10:30', '11:30', 'Kapper', null, { location: 'Dorpsstraat 3, Ermelo', source: 'client', editable: true }),
  appointment(5, 8, '09:00', '10:00', 'Evaluatie zorgplan', 'Mw. Visser (EVV)', { location: 'Bij u thuis' }),
];

export const messages: Message[] = (
  [
    {
      days: 0,
      time: '09:12',
      body: 'Goedemorgen mevrouw De Boer, de fysiotherapeut komt donderdag om 11 uur. Met vriendelijke groet, Zr. Jansen',
      sender: { kind: 'staff', name: 'Zr. Jansen' },
      own: false,
      read: false,
    },
    {
      days: -1,
      time: '20:03',
      body: 'Dank u wel. Kan de ochtendzorg zaterdag iets later, rond half negen?',
      sender: { kind: 'client', name: 'Anna de Boer' },
      own: true,
      read: true,
    },
    {
      days: -1,
      time: '15:45',
      body: 'Zaterdag komt Zr. El Idrissi voor de ochtendzorg.',
      sender: { kind: 'staff', name: 'Planning De Linde' },
      own: false,
      read: true,
    },
    {
      days: -3,
      time: '11:30',
      body: 'Ik neem de nieuwe medicijnlijst mee bij mijn bezoek op zondag. Peter',
      sender: { kind: 'contact', name: 'Peter de Boer' },
      own: false,
      read: true,
    },
    {
      days: -5,
      time: '10:00',
      body: 'Welkom in het cliëntportaal! Hier kunt u ons een bericht sturen.',
      sender: { kind: 'staff', name: 'Cliëntenbureau' },
      own: false,
      read: true,
    },
  ] as const
).map((m, i) => ({
  id: `b-${i + 1}`,
  body: m.body,
  sentAt: at(m.days, m.time),
  sender: m.sender,
  own: m.own,
  readAt: m.own ? null : m.read ? at(m.days, '23:00') : null,
}));

const sha = '9f2c6a1b7e3d4c5b8a9f0e1d2c3b4a5968776655443322110ffeeddccbbaa998';

export const plans: Record<'undecided' | 'signed' | 'rejected', Plan> = {
  undecided: {
    id: 'p-3',
    title: 'Cliëntplan 2025',
    version: '3',
    date: dateOf(-3),
    fileName: 'clientplan-2025-v3.pdf',
    sha256: sha,
    status: 'undecided',
    decision: null,
  },
  signed: {
    id: 'p-2',
    title: 'Cliëntplan 2024',
    version: '2',
    date: dateOf(-200),
    fileName: 'clientplan-2024-v2.pdf',
    sha256: sha,
    status: 'signed',
    decision: { by: 'Anna de Boer', at: at(-195, '14:22'), reason: null },
  },
  rejected: {
    id: 'p-1',
    title: 'Cliëntplan 2024',
    version: '1',
    date: dateOf(-230),
    fileName: 'clientplan-2024-v1.pdf',
    sha256: sha,
    status: 'rejected',
    decision: {
      by: 'Peter de Boer',
      at: at(-228, '10:05'),
      reason: 'De afspraken over de dagbesteding kloppen niet: dat is op dinsdag, niet op maandag.',
    },
  },
};

export const profile: Profile = {
  name: 'Anna de Boer',
  formalName: 'A. de Boer',
  dateOfBirth: '1941-05-14',
  age: new Date().getFullYear() - 1941 - (new Date() < new Date(new Date().getFullYear(), 4, 14) ? 1 : 0),
  maritalStatus: 'Weduwe',
  placeOfBirth: 'Harderwijk',
  nationality: 'Nederlandse',
  bsn: '*****1234',
  address: { street: 'Lindelaan', houseNumber: '14', extra: 'A', postalCode: '3851 AB', city: 'Ermelo' },
  phone: '0341 555 123',
  mobile: '06 12345678',
  email: 'a.deboer@voorbeeld.nl',
  editable: ['mobile', 'email'],
  pending: { mobile: null, email: null },
  mayDownloadDossier: true,
  contact: {
    text: 'Klopt er iets niet? Neem contact op met uw persoonlijk begeleider, wijkverpleegkundige of contactverzorgende.',
    organisation: 'Zorggroep De Linde',
    phone: '0341 555 010',
    email: 'clientenbureau@zorggroepdelinde.example',
  },
};

/** A stand-in QR code (an SVG of 21 × 21 modules): the stories need a picture, not a scannable one. */
function fakeQrDataUrl() {
  const modules: string[] = [];
  for (let y = 0; y < 21; y += 1) {
    for (let x = 0; x < 21; x += 1) {
      const finder = [0, 14].includes(x - (x % 7)) && [0, 14].includes(y - (y % 7)) && !(x >= 14 && y >= 14);
      const ring =
        finder && (x % 7 === 0 || x % 7 === 6 || y % 7 === 0 || y % 7 === 6 || (x % 7 >= 2 && x % 7 <= 4 && y % 7 >= 2 && y % 7 <= 4));
      if (finder ? ring : (x * 7 + y * 13 + x * y) % 3 === 0) modules.push(`M${x + 2} ${y + 2}h1v1h-1z`);
    }
  }
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 25 25"><rect width="25" height="25" fill="#fff"/><path d="${modules.join('')}"/></svg>`;
  return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}

/** POST /auth/totp/enrol. */
export const totpEnrolment: TotpEnrolment = {
  otpauthUri:
    'otpauth://totp/Zorggroep%20De%20Linde:a.deboer%40voorbeeld.nl?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Zorggroep%20De%20Linde',
  qrDataUrl: fakeQrDataUrl(),
  manualKey: 'JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP',
  issuer: 'Zorggroep De Linde',
  accountName: 'a.deboer@voorbeeld.nl',
};

/** "Sinds uw vorige bezoek" as seed 002 words it: two new messages since a visit three days ago. */
export const activity: Activity = {
  displayName: signedIn.displayName,
  previousVisit: at(-3, '19:30'),
  since: { reports: 0, messages: 2, appointmentsHeld: 0, measurements: 1 },
  plansAwaitingDecision: 1,
  nextAppointment: {
    id: 'a-next',
    startsAt: at(1, '10:00'),
    endsAt: at(1, '10:30'),
    title: 'Huisbezoek wijkverpleging',
    location: 'Thuis',
  },
};
export const firstVisit: Activity = {
  displayName: signedIn.displayName,
  previousVisit: null,
  since: null,
  plansAwaitingDecision: 0,
  nextAppointment: null,
};

/** The people with access to Anna de Boer's portal (GET /contacts), alphabetically; the mentor set by the organisation. */
const rights = (...areas: Array<keyof Contact['rights']>): Contact['rights'] => ({
  reports: false,
  measurements: false,
  agenda: false,
  messages: false,
  plan: false,
  profile: false,
  board: false,
  accessLog: false,
  ...Object.fromEntries(areas.map((area) => [area, true])),
});
/** The own account of a contact person (Marieke de Boer): "Uw eigen gegevens" in <care-profile>. */
export const ownAccount: OwnAccount = {
  name: 'Marieke de Boer',
  mobile: '+31612398765',
  email: 'marieke.deboer@voorbeeld.nl',
  pending: { mobile: null, email: null },
};

export const contacts: Contact[] = [
  {
    id: '7d1c2b9e-0a4f-4e61-9c2d-3b5a6f7e8d01',
    name: 'Jeroen de Boer',
    email: 'jeroen.deboer@voorbeeld.nl',
    mobile: '+31687654321',
    relationship: 'son',
    relationshipLabel: 'zoon',
    rights: rights('agenda', 'messages'),
    locked: false,
    legalRepresentative: false,
    status: 'invited',
    invitationValidUntil: at(12, '10:15'),
    addedAt: at(-2, '10:15'),
  },
  {
    id: '7d1c2b9e-0a4f-4e61-9c2d-3b5a6f7e8d02',
    name: 'Marieke de Boer',
    email: 'marieke.deboer@voorbeeld.nl',
    mobile: '+31612398765',
    relationship: 'daughter',
    relationshipLabel: 'dochter',
    rights: rights('reports', 'agenda', 'messages'),
    locked: false,
    legalRepresentative: false,
    status: 'active',
    invitationValidUntil: null,
    addedAt: at(-90, '14:00'),
  },
  {
    id: '7d1c2b9e-0a4f-4e61-9c2d-3b5a6f7e8d03',
    name: 'Mr. S. Kodde',
    email: 's.kodde@voorbeeld.nl',
    mobile: null,
    relationship: 'mentor',
    relationshipLabel: 'mentor',
    rights: rights('reports', 'measurements', 'agenda', 'messages', 'plan', 'profile', 'accessLog'),
    locked: true,
    legalRepresentative: true,
    status: 'active',
    invitationValidUntil: null,
    addedAt: at(-400, '09:00'),
  },
];

// --- Prikbord (<care-board>) ---------------------------------------------------------------------

/** A drawn photo as a data: URL: the stories never reach a server for an image. */
function drawing(sky: string, ground: string, shapes: string): string {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="480" height="360" viewBox="0 0 480 360"><rect width="480" height="360" fill="${sky}"/><rect y="250" width="480" height="110" fill="${ground}"/>${shapes}</svg>`;
  return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}

function boardPhoto(id: string, description: string, url: string): BoardPhoto {
  return {
    id,
    description,
    contentType: 'image/jpeg',
    thumbnail: { url, width: 480, height: 360 },
    screen: { url, width: 480, height: 360 },
  };
}

export const boardPhotos = {
  market: boardPhoto(
    'ph-1',
    'Moeder en dochter op een bankje in de zon bij de markt',
    drawing(
      '#64b5f6',
      '#81c784',
      '<circle cx="400" cy="60" r="36" fill="#fdd835"/><rect x="140" y="224" width="200" height="16" fill="#795548"/><circle cx="200" cy="168" r="24" fill="#ffccbc"/><circle cx="280" cy="168" r="24" fill="#ffccbc"/>',
    ),
  ),
  tulips: boardPhoto(
    'ph-2',
    'Een bos gele en rode tulpen in een vaas op tafel',
    drawing(
      '#fff3e0',
      '#a1887f',
      '<rect x="208" y="184" width="64" height="88" rx="12" fill="#90caf9"/><ellipse cx="200" cy="110" rx="16" ry="22" fill="#e53935"/><ellipse cx="240" cy="96" rx="16" ry="22" fill="#fdd835"/><ellipse cx="280" cy="110" rx="16" ry="22" fill="#e53935"/>',
    ),
  ),
  christmas: boardPhoto(
    'ph-3',
    'Kerstboom met lichtjes en kraampjes in de recreatiezaal',
    drawing(
      '#1d3557',
      '#8d6e63',
      '<polygon points="240,40 160,250 320,250" fill="#2e7d32"/><circle cx="220" cy="150" r="6" fill="#ffd54f"/><circle cx="260" cy="190" r="6" fill="#ffd54f"/><rect x="30" y="200" width="90" height="60" fill="#c62828"/>',
    ),
  ),
};

const author = (
  kind: BoardAuthor['kind'],
  name: string,
  label: string,
  relationship: BoardAuthor['relationship'] = null,
  own = false,
): BoardAuthor => ({
  kind,
  name,
  relationship,
  label,
  own,
});
export const boardAuthors = {
  client: author('client', 'Anna de Boer', 'Anna de Boer', null, true),
  daughter: author('contact', 'Marieke de Boer', 'Marieke de Boer (dochter)', 'daughter'),
  staff: author('staff', 'Sanne Visser', 'Sanne Visser (zorgteam)'),
};

export const boardPosts: BoardPost[] = [
  {
    id: 'bp-3',
    author: boardAuthors.daughter,
    createdAt: at(-1, '15:30'),
    text: 'Vanmiddag samen naar de markt geweest. Wat was het heerlijk in het zonnetje!',
    photos: [boardPhotos.market, boardPhotos.tulips],
    replies: [
      {
        id: 'br-2',
        postId: 'bp-3',
        author: boardAuthors.client,
        createdAt: at(-1, '18:05'),
        text: 'Dank je wel lieverd, de tulpen staan op tafel.',
        canDelete: true,
      },
    ],
    replyCount: 1,
    canDelete: true,
  },
  {
    id: 'bp-2',
    author: boardAuthors.staff,
    createdAt: at(-3, '11:00'),
    text: 'Zaterdag is de kerstmarkt in de recreatiezaal, van 14.00 tot 16.30 uur. Familie is van harte welkom!',
    photos: [boardPhotos.christmas],
    replies: [
      {
        id: 'br-1',
        postId: 'bp-2',
        author: boardAuthors.daughter,
        createdAt: at(-3, '18:45'),
        text: 'Leuk! Ik kom zaterdag mee.',
        canDelete: true,
      },
    ],
    replyCount: 1,
    canDelete: true,
  },
  {
    id: 'bp-1',
    author: boardAuthors.client,
    createdAt: at(-6, '10:15'),
    text: 'Deze week is mijn kleinzoon Daan op bezoek geweest.',
    photos: [],
    replies: [],
    replyCount: 0,
    canDelete: true,
  },
];
