import { defineMessages } from '../shared/messages.js';

/** Texts of <care-access-log> (Wabvpz art. 15e, NEN 7513 §9). English is loaded on first use. */
export const nl = {
  heading: 'Wie heeft mijn dossier bekeken?',
  intro: 'Hier ziet u wie uw gegevens heeft ingezien of gewijzigd, en wanneer.',
  'summary.one': '1 keer ingezien of gewijzigd van {from} tot en met {to}',
  'summary.other': '{count} keer ingezien of gewijzigd van {from} tot en met {to}',
  empty: 'Niemand heeft uw dossier in deze periode ingezien.',
  download: 'Download (csv)',
  downloadDetail: 'het overzicht van {from} tot en met {to}',
  'who.client': 'U zelf',
  'who.contact': 'Uw contactpersoon {name}',
  'who.contactUnnamed': 'Uw contactpersoon',
  'who.staff': 'Zorgteam',
  'who.ecd': 'Het ECD van {organisation}',
  'who.ecdUnnamed': 'Het ECD van uw zorgorganisatie',
  'what.reports': 'Rapportages',
  'what.measurements': 'Metingen',
  'what.client-plan': 'Cliëntplan',
  'what.appointments': 'Agenda',
  'what.messages': 'Berichten',
  'what.profile': 'Persoonlijke gegevens',
  'what.portal-input': 'Uw invoer in het portaal',
  'what.documents': 'Documenten',
  'what.medication': 'Medicatie',
  'what.other': 'Overig',
  'action.view': 'bekeken',
  'action.download': 'gedownload',
  'action.create': 'toegevoegd',
  'action.update': 'gewijzigd',
  'action.delete': 'verwijderd',
  'action.sign': 'ondertekend',
  'action.reject': 'afgekeurd',
  breakTheGlass: 'Noodtoegang',
  breakTheGlassHint: 'Ingezien met de noodprocedure, zonder dat u daar vooraf toestemming voor gaf.',
};

export type AccessLogKey = keyof typeof nl;

export const accessLogMessages = defineMessages(nl, () => import('./locales/en.js'));
