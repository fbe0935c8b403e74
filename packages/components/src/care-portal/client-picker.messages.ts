import { defineMessages } from '../shared/messages.js';

/** Texts of the client picker of a person with access to more than one client (docs/rights-model.md). */
export const nl = {
  'picker.heading': 'Van wie wilt u het dossier bekijken?',
  'picker.own': 'Uw eigen dossier',
  'picker.relation': 'Uw relatie: {relation}',
  'picker.current': 'nu geopend',
  'picker.viewing': 'U bekijkt het dossier van {name}.',
  'picker.switch': 'Ander dossier kiezen',
  'picker.failed': 'Het openen van dit dossier is niet gelukt. Probeer het opnieuw.',
};

export type PickerMessageKey = keyof typeof nl;

export const pickerMessages = defineMessages<PickerMessageKey>(nl, () => import('./locales/client-picker.en.js'));
