import { defineMessages } from '../shared/messages.js';

/** Texts of "Download mijn dossier", loaded with it (dossier-download.ts). */
export const nl = {
  'profile.dossier.hint':
    'Een kopie van uw hele dossier: rapportages, metingen, afspraken, berichten, cliëntplan, gegevens en wie uw dossier bekeek. Als PDF om te lezen en als bestand voor een computerprogramma, samen in één ZIP-bestand.',
  'profile.dossier.download': 'Download mijn dossier',
  'profile.dossier.busy': 'Dossier wordt klaargemaakt…',
  'profile.dossier.busyStatus': 'Uw dossier wordt klaargemaakt. Dit kan een minuut duren.',
  'profile.dossier.done': 'Uw dossier is gedownload. Bewaar het op een veilige plek: het bevat gegevens over uw gezondheid.',
  'profile.dossier.limited': 'U heeft vandaag al een paar keer uw dossier gedownload. Probeer het morgen opnieuw.',
};

export const dossierMessages = defineMessages(nl, () => import('./locales/dossier-en.js'));
