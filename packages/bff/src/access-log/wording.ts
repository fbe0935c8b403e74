import { relationshipLabels } from '../contacts/rights.js';
import type { AccessLogLine } from './queries.js';

/** The Dutch words of the access log's downloads (CSV and PDF); the widget has its own catalogue. */
export const actorNames: Record<AccessLogLine['actor'], string> = {
  client: 'Cliënt',
  contact: 'Contactpersoon',
  staff: 'Zorgteam',
  ecd: 'ECD',
};

export const categoryNames: Record<string, string> = {
  reports: 'Rapportages',
  measurements: 'Metingen',
  'client-plan': 'Cliëntplan',
  appointments: 'Agenda',
  messages: 'Berichten',
  profile: 'Persoonlijke gegevens',
  'portal-input': 'Uw invoer in het portaal',
  documents: 'Documenten',
  medication: 'Medicatie',
  other: 'Overig',
};

export const actionNames: Record<AccessLogLine['action'], string> = {
  view: 'bekeken',
  download: 'gedownload',
  create: 'toegevoegd',
  update: 'gewijzigd',
  delete: 'verwijderd',
  sign: 'ondertekend',
  reject: 'afgekeurd',
};

/** "Marieke de Vries (dochter)", or only the name once the link is gone. */
export const contactName = (line: AccessLogLine) =>
  line.name && line.relationship ? `${line.name} (${relationshipLabels[line.relationship]})` : line.name;

/** As the widget says it: "U zelf", "Uw contactpersoon Marieke de Vries (dochter)", "Wijkverpleegkundige, Wijkteam Oost". */
export function whoSentence(line: AccessLogLine): string {
  if (line.byYou) return 'U zelf';
  switch (line.actor) {
    case 'client':
      return 'De cliënt';
    case 'contact':
      return line.name ? `Uw contactpersoon ${contactName(line)}` : 'Uw contactpersoon';
    case 'ecd':
      return line.organisation ? `Het ECD van ${line.organisation}` : 'Het ECD van uw zorgorganisatie';
    default: {
      const role = [line.role ?? 'Zorgteam', line.organisation].filter(Boolean).join(', ');
      return line.name ? `${line.name} (${role})` : role;
    }
  }
}

/** "Rapportages bekeken". */
export const whatSentence = (line: AccessLogLine) => `${categoryNames[line.category] ?? line.category} ${actionNames[line.action]}`;
