import { defineMessages } from '../shared/messages.js';

export const nl = {
  'plan.heading': 'Cliëntplan',
  'plan.print': 'Afdrukken',
  'plan.empty': 'Er is nog geen cliëntplan voor u.',
  'plan.version': 'versie {version}',
  'plan.status.undecided': 'Nog niet ondertekend',
  'plan.status.signed': 'Ondertekend',
  'plan.status.rejected': 'Afgekeurd',
  'plan.signedBy': 'Ondertekend door {by} op {at}',
  'plan.rejectedBy': 'Afgekeurd door {by} op {at}.',
  'plan.reason': 'Reden: {reason}',
  'plan.download': 'Download',
  'plan.downloadDetail': '{title} versie {version} (pdf)',
  'plan.undecidedHint':
    'Lees het cliëntplan. Kies daarna Ondertekenen (goedkeuren) of Afkeuren; u bevestigt uw keuze met een code die u per sms krijgt.',
  'plan.legalOnly': 'Alleen een wettelijk vertegenwoordiger kan het cliëntplan ondertekenen of afkeuren.',
  'plan.sign': 'Ondertekenen',
  'plan.reject': 'Afkeuren',
  'plan.reject.intro': 'U keurt {title} versie {version} af. Als u wilt, schrijft u erbij waarom.',
  'plan.reject.reason': 'Reden (niet verplicht)',
  'plan.reject.left': 'Nog {n} tekens',
  'plan.reject.tooLong': 'De reden mag niet langer zijn dan 1000 tekens.',
  'plan.requestCode': 'Code per sms aanvragen',
  'plan.cancel': 'Annuleren',
  'plan.confirm.sign': 'U ondertekent {title} versie {version}.',
  'plan.confirm.reject': 'U keurt {title} versie {version} af.',
  'plan.done.signed': 'U heeft het cliëntplan ondertekend.',
  'plan.done.rejected': 'U heeft het cliëntplan afgekeurd.',
  'plan.alreadyDecided': 'Over dit cliëntplan is al besloten. Hieronder ziet u hoe het nu staat.',
};

export const planMessages = defineMessages(nl, () => import('./locales/en.js'));
