import type { Insertable } from 'kysely';
import type { MessagesTable } from '../db/schema.js';
import { addDays, amsterdamTime } from '../time/amsterdam-time.js';
import { clientWasActive, HISTORY_DAYS, type HistoryContext } from './care-history.js';
import { displayName } from './demo-tenants.js';

type Sender = 'client' | 'staff' | 'contact';

/** One message of the scripted thread: when (days before now, wall-clock time), who, what. */
interface ScriptLine {
  daysAgo: number;
  at: [number, number];
  from: Sender;
  /** For staff: index into the tenant's staff list. */
  staff?: number;
  text: string;
}

/**
 * A year of a client talking with the care team, as seed 003 describes the block "Berichten":
 * short questions, answers from the team, now and then a relative. Placeholders as in
 * report-texts.ts, plus {team}, {organisatie}, {zorgverlener}.
 */
const readyThread: ScriptLine[] = [
  {
    daysAgo: 352,
    at: [10, 12],
    from: 'client',
    text: 'Goedemorgen, kan de ochtendzorg voortaan om half negen komen in plaats van om acht uur?',
  },
  {
    daysAgo: 352,
    at: [14, 40],
    from: 'staff',
    staff: 0,
    text: 'Goedemiddag {mevr}, wij kijken of dat in de planning past en laten het u deze week weten.',
  },
  { daysAgo: 349, at: [9, 5], from: 'staff', staff: 0, text: 'Het is gelukt: vanaf maandag komen wij tussen half negen en negen uur.' },
  { daysAgo: 349, at: [11, 30], from: 'client', text: 'Fijn, dank u wel!' },
  {
    daysAgo: 318,
    at: [16, 20],
    from: 'contact',
    text: 'Hallo, ik ben volgende week met vakantie. Mijn broer doet dan de boodschappen voor mijn {ouder}.',
  },
  { daysAgo: 318, at: [17, 2], from: 'staff', staff: 1, text: 'Dank voor het doorgeven, {voornaam}. Fijne vakantie!' },
  { daysAgo: 287, at: [19, 45], from: 'client', text: 'De apotheek heeft de verkeerde zalf gebracht. Kan iemand daar morgen naar kijken?' },
  {
    daysAgo: 286,
    at: [8, 55],
    from: 'staff',
    staff: 2,
    text: 'Ik heb de apotheek gebeld, de goede zalf wordt vanmiddag gebracht. De andere tube mag u laten liggen, die nemen wij mee.',
  },
  { daysAgo: 251, at: [13, 10], from: 'client', text: 'Mag ik de steunkousen een dag niet dragen? Mijn enkels doen pijn.' },
  {
    daysAgo: 251,
    at: [15, 35],
    from: 'staff',
    staff: 0,
    text: 'Liever niet helemaal zonder. Wij kijken morgenochtend samen naar uw enkels en overleggen zo nodig met de huisarts.',
  },
  {
    daysAgo: 250,
    at: [12, 0],
    from: 'staff',
    staff: 0,
    text: 'De huisarts is geïnformeerd. U krijgt een maat kleinere kousen die minder knellen.',
  },
  {
    daysAgo: 221,
    at: [10, 15],
    from: 'client',
    text: 'Volgende week ben ik van dinsdag tot en met maandag bij mijn {familierelatie}. U hoeft dan niet te komen.',
  },
  { daysAgo: 221, at: [11, 40], from: 'staff', staff: 3, text: 'Genoteerd, de zorg voor die dagen is afgezegd. Een fijne week gewenst!' },
  {
    daysAgo: 196,
    at: [9, 30],
    from: 'staff',
    staff: 0,
    text: 'Goedemorgen {mevr}, het nieuwe {plan} staat klaar in het portaal. Wilt u het lezen en ondertekenen?',
  },
  { daysAgo: 195, at: [20, 10], from: 'client', text: 'Ik heb het gelezen en ondertekend. Eén vraag: wie is mijn vaste contactpersoon?' },
  {
    daysAgo: 194,
    at: [8, 40],
    from: 'staff',
    staff: 0,
    text: 'Dat ben ik, {zorgverlener}. U kunt mij altijd een bericht sturen of het team bellen.',
  },
  {
    daysAgo: 160,
    at: [18, 25],
    from: 'contact',
    text: 'Mijn {ouder} klaagde vandaag over duizeligheid. Is dat bij jullie ook opgevallen?',
  },
  {
    daysAgo: 159,
    at: [9, 50],
    from: 'staff',
    staff: 1,
    text: 'Vanochtend was {zij} niet duizelig. De bloeddruk was wat aan de lage kant; wij meten deze week elke dag en houden u op de hoogte.',
  },
  {
    daysAgo: 152,
    at: [14, 5],
    from: 'staff',
    staff: 1,
    text: 'De bloeddruk is weer normaal, zie de metingen. De huisarts vindt het niet nodig iets aan de medicatie te veranderen.',
  },
  { daysAgo: 120, at: [11, 20], from: 'client', text: 'Ik voel me niet lekker, ik heb koorts. Kan de zorg vandaag wat eerder komen?' },
  {
    daysAgo: 120,
    at: [11, 34],
    from: 'staff',
    staff: 2,
    text: 'Wij komen rond half een even kijken. Bij benauwdheid belt u direct het team of de huisartsenpost.',
  },
  { daysAgo: 116, at: [10, 0], from: 'client', text: 'Het gaat weer beter, de koorts is weg. Dank voor de goede zorg.' },
  { daysAgo: 84, at: [15, 45], from: 'client', text: 'Wanneer komt de fysiotherapeut weer?' },
  {
    daysAgo: 84,
    at: [16, 30],
    from: 'staff',
    staff: 4,
    text: 'In de agenda ziet u alle afspraken, ook die van de fysiotherapeut. De eerstvolgende is dinsdag.',
  },
  {
    daysAgo: 47,
    at: [9, 10],
    from: 'staff',
    staff: 0,
    text: 'Wij evalueren binnenkort uw zorg. Wilt u nadenken over wat goed gaat en wat beter kan?',
  },
  {
    daysAgo: 46,
    at: [19, 30],
    from: 'client',
    text: 'Goed gaat: iedereen is vriendelijk. Beter kan: de tijden wisselen nogal. Soms komt u om acht uur en soms om half tien.',
  },
  { daysAgo: 45, at: [10, 5], from: 'staff', staff: 0, text: 'Dank u wel, dat nemen wij mee in het gesprek.' },
  {
    daysAgo: 12,
    at: [11, 15],
    from: 'staff',
    staff: 0,
    text: 'Het nieuwe {plan} (versie 2.0) staat voor u klaar. Wilt u het ondertekenen of laten weten wat u anders wilt?',
  },
  {
    daysAgo: 3,
    at: [14, 50],
    from: 'staff',
    staff: 3,
    text: 'Volgende week komt er een nieuwe collega kennismaken tijdens de ochtendzorg. Zij heet Noor.',
  },
  {
    daysAgo: 1,
    at: [16, 20],
    from: 'staff',
    staff: 0,
    text: 'Herinnering: het evaluatiegesprek staat in uw agenda. Neemt u {familie} mee als u dat fijn vindt?',
  },
];

/** The client who has not logged in for six months: an older thread, then unread messages. */
const inactiveThread: ScriptLine[] = [
  { daysAgo: 340, at: [10, 30], from: 'client', text: 'Goedemorgen, mijn {familierelatie} vraagt of zij de berichten ook kan lezen.' },
  {
    daysAgo: 339,
    at: [9, 15],
    from: 'staff',
    staff: 0,
    text: 'Dat kan als u haar als contactpersoon laat toevoegen. Zullen wij het formulier meenemen?',
  },
  { daysAgo: 339, at: [12, 0], from: 'client', text: 'Ja graag.' },
  { daysAgo: 301, at: [17, 40], from: 'client', text: 'De thuiszorg is vandaag niet geweest. Is er iets misgegaan?' },
  { daysAgo: 301, at: [18, 5], from: 'staff', staff: 2, text: 'Excuses, er was een collega ziek. Er komt vanavond nog iemand langs.' },
  { daysAgo: 266, at: [11, 0], from: 'staff', staff: 0, text: 'Uw {plan} staat in het portaal. Wilt u het ondertekenen?' },
  { daysAgo: 264, at: [15, 25], from: 'client', text: 'Ondertekend. Dank u.' },
  { daysAgo: 230, at: [9, 45], from: 'client', text: 'Ik heb een nieuwe rollator. Kan de oude worden opgehaald?' },
  { daysAgo: 229, at: [13, 30], from: 'staff', staff: 1, text: 'De uitleenservice haalt hem donderdag op.' },
  { daysAgo: 200, at: [10, 10], from: 'client', text: 'Ik vind het portaal lastig. Mag ik gewoon bellen?' },
  {
    daysAgo: 199,
    at: [9, 0],
    from: 'staff',
    staff: 0,
    text: 'Natuurlijk, u kunt ons altijd bellen. Het portaal is een extra mogelijkheid.',
  },
  {
    daysAgo: 60,
    at: [11, 40],
    from: 'staff',
    staff: 0,
    text: 'Wij hebben u al een tijd niet in het portaal gezien. Op uw verzoek hebben wij een nieuwe inlogbrief gestuurd.',
  },
  {
    daysAgo: 12,
    at: [11, 15],
    from: 'staff',
    staff: 0,
    text: 'Het nieuwe {plan} (versie 2.0) staat voor u klaar. Wilt u het lezen en ondertekenen?',
  },
  {
    daysAgo: 4,
    at: [9, 20],
    from: 'staff',
    staff: 4,
    text: 'De fysiotherapeut komt vanaf volgende week op dinsdag in plaats van donderdag.',
  },
];

/** Staff messages of the last days stay unread, so the portal has something to show. */
const UNREAD_WITHIN_DAYS = 14;

export function messageRows(context: HistoryContext): Insertable<MessagesTable>[] {
  const { client, tenant, today, now } = context;
  const rng = context.rng.fork('messages');
  const { person, profile } = client;
  const script = client.account.state === 'ready' ? readyThread : inactiveThread;
  const contactName = `${profile.familyName} ${[person.lastNamePrefix, person.lastName].filter(Boolean).join(' ')} (${profile.familyRelation})`;
  const voice = {
    Mevr: person.title === 'mevrouw' ? 'Mevrouw' : 'Meneer',
    mevr: person.title === 'mevrouw' ? 'mevrouw' : 'meneer',
    zij: person.title === 'mevrouw' ? 'zij' : 'hij',
    ouder: person.title === 'mevrouw' ? 'moeder' : 'vader',
    familie: `${profile.familyRelation} ${profile.familyName}`,
    familierelatie: profile.familyRelation,
    voornaam: profile.familyName,
    plan: tenant.planTitle.toLowerCase(),
    zorgverlener: tenant.staff[0]!,
    team: tenant.teamName,
    organisatie: tenant.shortName,
  };

  // Shifts this client's thread a little, so two clients' threads are not to the minute alike.
  const shift = rng.int(0, 25);
  const rows: Insertable<MessagesTable>[] = [];
  for (const line of script) {
    if (line.daysAgo >= HISTORY_DAYS) continue;
    if (line.from === 'client' && !clientWasActive(context, line.daysAgo)) continue;
    const sentAt = new Date(amsterdamTime(addDays(today, -line.daysAgo), line.at[0], line.at[1]).getTime() + shift * 60_000);
    if (sentAt > now) continue;
    const staffName = tenant.staff[line.staff ?? 0]!;
    const unread = line.from !== 'client' && (line.daysAgo < UNREAD_WITHIN_DAYS || !clientWasActive(context, line.daysAgo));
    rows.push({
      tenant_id: context.tenantId,
      client_id: context.clientId,
      ecd_id: null,
      sender_kind: line.from,
      sender_account_id: line.from === 'client' ? context.accountId : null,
      sender_name: line.from === 'client' ? displayName(person) : line.from === 'contact' ? contactName : staffName,
      body: fillMessage(line.text, voice),
      sent_at: sentAt,
      read_at: unread ? null : new Date(Math.min(now.getTime(), sentAt.getTime() + rng.int(20, 600) * 60_000)),
      idempotency_key: null,
    });
  }
  return rows;
}

function fillMessage(text: string, voice: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (whole, key: string) => voice[key] ?? whole);
}
