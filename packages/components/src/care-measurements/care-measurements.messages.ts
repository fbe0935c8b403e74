import { defineMessages } from '../shared/messages.js';

/** Texts of <care-measurements>, in the words of seeds 003 §5 and 004 §6. English is loaded on first use. */
export const nl = {
  heading: 'Metingen',
  all: 'Alle metingen',
  type: 'Meetsoort',
  allTypes: 'Alle meetsoorten',
  empty: 'Er zijn geen metingen in deze periode.',
  emptyRecent: 'Er zijn nog geen metingen.',
  period: 'Het afgelopen jaar: {from} tot en met {to}',
  own: 'Door u ingevoerd',
  by: 'Ingevoerd door {author}',
  delete: 'Meting verwijderen',
  'delete.confirm': 'Weet u zeker dat u deze meting wilt verwijderen?',
  deleted: 'De meting is verwijderd.',
  'chart.summary.one': '{type} van {from} tot en met {to}: 1 meting, {last}.',
  'chart.summary.other': '{type} van {from} tot en met {to}: {count} metingen. Laagste {min}, hoogste {max}, laatste {last}.',
  'chart.chooseType': 'Kies een meetsoort om de grafiek te zien.',
  'table.show': 'Tabel tonen',
  'table.hide': 'Tabel verbergen',
  'table.caption': '{type} van {from} tot en met {to}',
  'table.when': 'Datum en tijd',
  'table.type': 'Meetsoort',
  'table.value': 'Waarde',
  'table.by': 'Ingevoerd door',
  'table.actions': 'Acties',
  new: 'Nieuwe meting',
  'new.chooseType': 'Kies een meetsoort',
  'new.when': 'Datum en tijd van de meting',
  'new.range': 'Tussen {min} en {max} {unit}',
  'new.wholeNumbers': 'hele getallen',
  'new.decimal': 'hoogstens 1 cijfer achter de komma',
  'new.decimals': 'hoogstens {n} cijfers achter de komma',
  'new.typeRequired': 'Kies een meetsoort.',
  'new.required': '{label}: vul een waarde in.',
  'new.notNumber': '{label}: vul een getal in, bijvoorbeeld {example}.',
  'new.outOfRange': '{label}: vul een waarde in tussen {min} en {max} {unit}.',
  'new.wholeNumber': '{label}: vul een heel getal in, zonder komma.',
  'new.tooManyDecimal': '{label}: gebruik hoogstens 1 cijfer achter de komma.',
  'new.tooManyDecimals': '{label}: gebruik hoogstens {n} cijfers achter de komma.',
  'new.whenRequired': 'Vul de datum en tijd van de meting in.',
  'new.future': 'De datum en tijd mogen niet in de toekomst liggen.',
  'new.saved': 'Uw meting is bewaard.',
};

export type MeasurementKey = keyof typeof nl;

export const measurementMessages = defineMessages(nl, () => import('./locales/en.js'));
