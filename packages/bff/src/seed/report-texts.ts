import type { SeededRandom } from './random.js';

/**
 * Phrase templates for care reports ("rapportages"), composed so that a year of them reads like
 * a real dossier rather than the same sentence a thousand times. Placeholders: {Mevr}/{mevr}
 * "Mevrouw"/"mevrouw De Vries", {Zij}/{zij}, {Haar}/{haar}, {familie} "dochter Marieke",
 * {voornaam} the family member's first name, {naam} the formal name.
 */
export interface ReportVoice {
  Mevr: string;
  mevr: string;
  naam: string;
  Zij: string;
  zij: string;
  Haar: string;
  haar: string;
  familie: string;
  voornaam: string;
}

export interface ReportProfile {
  diabetes: boolean;
  wound: boolean;
  pain: boolean;
}

export function fill(template: string, voice: ReportVoice): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in voice ? voice[key as keyof ReportVoice] : whole));
}

const morningOpening = [
  'Ochtendzorg verleend.',
  '{Mevr} was al aangekleed toen ik binnenkwam, alleen hulp bij de steunkousen nodig.',
  '{Mevr} lag nog in bed bij binnenkomst, {zij} gaf aan nog even te willen liggen.',
  'Ochtendzorg volgens zorgplan uitgevoerd.',
  '{Mevr} zat al aan de keukentafel met een kop koffie.',
  'Bij binnenkomst was {mevr} wat verward, na het ontbijt ging het beter.',
  'Goedemorgen gezegd; {mevr} was opgewekt en vertelde over de televisie van gisteravond.',
];

const washing = [
  'Geholpen met wassen aan de wastafel; rug en benen gewassen.',
  '{Mevr} heeft gedoucht met hulp. Huid gecontroleerd, geen roodheid of drukplekken.',
  'Douchedag: haren gewassen en geföhnd, {mevr} vond dat heerlijk.',
  'Zelfstandig gewassen aan de wastafel, ik heb alleen de rug en voeten gedaan.',
  'Huid ingesmeerd met bodylotion, de hielen wat droog.',
  'Steunkousen aangetrokken, benen niet gezwollen.',
  'Geholpen met aankleden; {mevr} koos zelf {haar} kleding uit.',
  'Gebit gepoetst en prothese schoongemaakt.',
];

const nightRest = [
  '{Mevr} geeft aan goed geslapen te hebben.',
  '{Mevr} heeft slecht geslapen: om vier uur wakker en daarna niet meer in slaap gekomen.',
  'Nachtrust was onrustig volgens {mevr}, twee keer naar het toilet geweest.',
  '{Zij} sliep nog toen ik aanbelde; uitgerust wakker geworden.',
  'Rustige nacht gehad, geen alarmering.',
  '{Mevr} heeft naar eigen zeggen "als een roos" geslapen.',
];

const medication = [
  'Medicatie uit de baxterrol aangereikt en ingenomen.',
  'Ochtendmedicatie ingenomen onder toezicht.',
  'Medicatie ingenomen. Nieuwe baxterrol van de apotheek opgeborgen in het kastje.',
  'Oogdruppels toegediend, beide ogen.',
  'Medicatie klaargezet; {mevr} neemt deze zelf in bij het ontbijt.',
];

const eating = [
  'Ontbijt klaargemaakt: twee boterhammen met kaas en een kop thee.',
  'Ontbijt goed gegeten, een halve beker yoghurt laten staan.',
  '{Mevr} had weinig trek, alleen een beschuit gegeten. Wel goed gedronken.',
  'Maaltijd van de maaltijdservice opgewarmd, helemaal opgegeten.',
  'Drinklijst bijgehouden: tot nu toe één liter gedronken.',
  'Herinnerd aan voldoende drinken, er stond nog een vol glas water.',
  'Fruit gesneden en klaargezet voor de middag.',
];

const mobility = [
  '{Mevr} loopt stabiel met de rollator door het huis.',
  'Samen een klein rondje buiten gelopen, ongeveer tien minuten.',
  'Transfer van bed naar stoel ging goed met de tillift.',
  '{Mevr} was wat onzeker bij het opstaan; rollator binnen handbereik gezet.',
  'Wandeling naar de brievenbus gemaakt, {mevr} was daarna moe maar tevreden.',
  'Oefeningen van de fysiotherapeut samen gedaan: opstaan uit de stoel, vijf keer.',
];

const mood = [
  '{Mevr} was vrolijk en maakte grapjes.',
  '{Mevr} was somber vandaag en miste {haar} overleden partner. Tijd genomen voor een gesprek.',
  'Stemming goed, {zij} keek uit naar het bezoek van {familie}.',
  '{Mevr} was wat kortaf, gaf aan last te hebben van de warmte.',
  'Rustig en tevreden, heeft de puzzel in de krant gemaakt.',
  '{Mevr} maakte zich zorgen over de rekening van de apotheek; uitgelegd dat {familie} dit regelt.',
  '{Mevr} vertelde over vroeger, toen {zij} nog in het café werkte.',
];

const family = [
  '{Familie} was op bezoek en heeft boodschappen gedaan.',
  '{Familie} belde tijdens de zorg; {mevr} was blij verrast.',
  '{Familie} is geïnformeerd over de wijziging in de medicatie.',
  '{Familie} had soep gebracht voor het avondeten.',
  'Met {familie} besproken dat de rollator een controlebeurt nodig heeft.',
];

const eveningCare = [
  'Avondzorg verleend.',
  'Steunkousen uitgetrokken, benen ingesmeerd.',
  'Geholpen met uitkleden en nachtkleding aangetrokken.',
  'Avondmedicatie ingenomen.',
  '{Mevr} wilde nog televisie kijken; klaargezet in de stoel met de alarmknop binnen bereik.',
  'Naar bed geholpen, bedhek op verzoek omhoog gedaan.',
  'Deur op slot gedaan en sleutel in de sleutelkluis gehangen.',
  'Thee gezet en een beschuitje klaargezet voor later op de avond.',
];

const middayCare = [
  'Middagronde: toiletbezoek begeleid.',
  'Warme maaltijd opgewarmd; {mevr} heeft de helft gegeten.',
  'Incontinentiemateriaal verschoond, huid intact.',
  '{Mevr} deed een middagdutje in de stoel, niet gestoord.',
  'Koffie gedronken en de post samen doorgenomen.',
  'Boodschappenlijstje gemaakt voor {familie}.',
];

const woundCare = [
  'Wondverzorging linker onderbeen: wond gereinigd met kraanwater, nieuw schuimverband aangebracht. Wondranden rustig.',
  'Wond onderbeen verzorgd. Wond wordt kleiner, er is wat granulatieweefsel zichtbaar. Foto gemaakt voor de wijkverpleegkundige.',
  'Verband was doorgelekt; wond gereinigd en verband vervangen. Geen tekenen van infectie.',
  'Wondverzorging volgens wondplan. {Mevr} gaf aan dat het minder pijn doet dan vorige week.',
];

const diabetesCare = [
  'Bloedsuiker gemeten voor het ontbijt: {bs} mmol/L. Insuline volgens schema toegediend.',
  'Glucose nuchter {bs} mmol/L, insuline gespoten in de buik.',
  'Bloedsuiker {bs} mmol/L. Met {mevr} besproken dat het koekje bij de koffie erbij mag.',
];

const painCare = [
  'Pijnscore {pijn}: {mevr} heeft last van de rechterknie bij het lopen.',
  '{Mevr} geeft pijnscore {pijn} aan, vooral in de rug. Warmtekussen gegeven.',
  'Pijn vandaag goed te doen (score {pijn}).',
  'Paracetamol gegeven op verzoek; pijnscore daarna {pijn}.',
  'Controle op de pijnpleister, zit nog goed. Pijnscore {pijn}.',
];

const evaluationParagraphs = {
  opening: [
    'Evaluatie van de afgelopen twee weken met {naam} en {familie}.',
    'Tussentijdse evaluatie van het cliëntplan, besproken tijdens de ochtendzorg.',
    'Overleg met de wijkverpleegkundige en {naam} over de zorg van de afgelopen periode.',
  ],
  body: [
    'De ochtendzorg verloopt volgens afspraak. {Mevr} doet steeds meer zelf bij het wassen, wat {zij} belangrijk vindt. We blijven stimuleren dat {zij} zoveel mogelijk zelf doet, ook als dat meer tijd kost. De steunkousen blijven een aandachtspunt: {mevr} vindt ze vervelend, maar de enkels zijn minder dik sinds ze dagelijks worden gedragen.',
    'Het eten en drinken gaat wisselend. Op dagen dat {familie} langskomt eet {mevr} beter dan op de andere dagen. Afgesproken dat we de drinklijst twee weken bijhouden en daarna opnieuw kijken. Het gewicht is stabiel gebleven, zie de metingen.',
    '{Mevr} is twee keer bijna gevallen bij het opstaan uit de stoel. De fysiotherapeut is geïnformeerd en komt een keer meekijken naar de inrichting van de woonkamer. De kleedjes zijn in overleg met {mevr} opgeruimd. {Zij} heeft de alarmknop nu altijd om.',
    'De stemming is de laatste weken beter. {Mevr} gaat sinds kort op dinsdag naar de dagbesteding in het buurthuis en vertelt daar enthousiast over. Het contact met de andere deelnemers doet {haar} zichtbaar goed; één van hen woont bij {haar} in de straat.',
    'De medicatie is per 1e van de maand gewijzigd door de huisarts: de plastabletten worden nu ’s ochtends gegeven in plaats van ’s middags. {Mevr} merkt dat {zij} ’s nachts minder vaak naar het toilet hoeft. Bijwerkingen zijn niet opgemerkt.',
  ],
  closing: [
    'Afspraken: zorg blijft ongewijzigd, volgende evaluatie over vier weken. {Mevr} is akkoord.',
    'Het cliëntplan wordt op deze punten aangepast; {mevr} krijgt de nieuwe versie via het portaal ter ondertekening.',
    'Wij houden de situatie in de gaten en rapporteren bijzonderheden. Vragen kunnen via de berichten of telefonisch bij het team.',
  ],
};

const clientWritten = [
  'Vandaag met {voornaam} naar de markt geweest. Was wel moe daarna, maar het was fijn om eruit te zijn.',
  'Ik heb vannacht slecht geslapen door de pijn in mijn knie. Overdag ging het beter.',
  'Mijn buurvrouw heeft boodschappen voor me gedaan. Ik heb genoeg in huis voor het weekend.',
  'Ik ben vanmiddag zelf naar de kapper gelopen, met de rollator. Dat ging prima!',
  'De nieuwe steunkousen zitten beter dan de oude. Wel graag om half negen komen in plaats van om acht uur als dat kan.',
  'Ik heb mijn bloeddruk zelf gemeten en ingevuld bij de metingen.',
  'Vandaag was de verjaardag van mijn kleinzoon. {Voornaam} heeft me opgehaald en weer thuisgebracht. Een mooie dag gehad, wel veel mensen.',
  'Het eten van de maaltijdservice was vandaag koud toen het kwam. Ik heb het opgewarmd in de magnetron.',
  'Ik voel me een beetje grieperig, geen koorts. Veel thee gedronken.',
  'Met de fysiotherapeut de oefeningen gedaan. Ik kan nu weer vijf keer opstaan uit de stoel zonder handen.',
  'Ik wil graag dat de avondzorg wat later komt, ik kijk graag het journaal van acht uur.',
];

function sentence(rng: SeededRandom, pool: readonly string[], voice: ReportVoice, extra?: Record<string, string>): string {
  let text = fill(rng.pick(pool), voice);
  if (extra) for (const [key, value] of Object.entries(extra)) text = text.replaceAll(`{${key}}`, value);
  return text;
}

function decimalComma(value: number): string {
  return value.toFixed(1).replace('.', ',');
}

/** Capitalises the first letter: "{familie} was op bezoek" -> "Dochter Marieke was op bezoek". */
function withCapitalFamily(voice: ReportVoice): ReportVoice & { Familie: string; Voornaam: string } {
  return { ...voice, Familie: voice.familie.charAt(0).toUpperCase() + voice.familie.slice(1), Voornaam: voice.voornaam };
}

export function morningReport(rng: SeededRandom, voice: ReportVoice, profile: ReportProfile): string {
  const v = withCapitalFamily(voice);
  const parts = [sentence(rng, morningOpening, v)];
  if (rng.chance(0.6)) parts.push(sentence(rng, nightRest, v));
  parts.push(sentence(rng, washing, v));
  if (rng.chance(0.3)) parts.push(sentence(rng, washing, v));
  if (profile.diabetes) parts.push(sentence(rng, diabetesCare, v, { bs: decimalComma(rng.gaussian(7.2, 1.2)) }));
  if (profile.wound && rng.chance(0.4)) parts.push(sentence(rng, woundCare, v));
  if (profile.pain && rng.chance(0.3)) parts.push(sentence(rng, painCare, v, { pijn: String(rng.int(2, 6)) }));
  parts.push(sentence(rng, medication, v));
  if (rng.chance(0.6)) parts.push(sentence(rng, eating, v));
  if (rng.chance(0.35)) parts.push(sentence(rng, mobility, v));
  if (rng.chance(0.4)) parts.push(sentence(rng, mood, v));
  if (rng.chance(0.1)) parts.push(sentence(rng, family, v));
  return unique(parts).join(' ');
}

export function middayReport(rng: SeededRandom, voice: ReportVoice): string {
  const v = withCapitalFamily(voice);
  const parts = [sentence(rng, middayCare, v)];
  if (rng.chance(0.6)) parts.push(sentence(rng, eating, v));
  if (rng.chance(0.3)) parts.push(sentence(rng, mobility, v));
  if (rng.chance(0.25)) parts.push(sentence(rng, family, v));
  return unique(parts).join(' ');
}

export function eveningReport(rng: SeededRandom, voice: ReportVoice, profile: ReportProfile): string {
  const v = withCapitalFamily(voice);
  const parts = [sentence(rng, eveningCare, v), sentence(rng, eveningCare, v)];
  if (rng.chance(0.5)) parts.push(sentence(rng, eveningCare, v));
  if (profile.pain && rng.chance(0.3)) parts.push(sentence(rng, painCare, v, { pijn: String(rng.int(1, 5)) }));
  if (rng.chance(0.3)) parts.push(sentence(rng, mood, v));
  if (rng.chance(0.15)) parts.push(sentence(rng, family, v));
  return unique(parts).join(' ');
}

/** A long report in several paragraphs: what a PDF of reports must wrap and paginate. */
export function evaluationReport(rng: SeededRandom, voice: ReportVoice): string {
  const v = withCapitalFamily(voice);
  const body = [...evaluationParagraphs.body];
  const paragraphs = [sentence(rng, evaluationParagraphs.opening, v)];
  const count = rng.int(2, 3);
  for (let i = 0; i < count; i++) {
    const index = rng.int(0, body.length - 1);
    paragraphs.push(fill(body.splice(index, 1)[0]!, v));
  }
  paragraphs.push(sentence(rng, evaluationParagraphs.closing, v));
  return paragraphs.join('\n\n');
}

export function clientReport(rng: SeededRandom, voice: ReportVoice): string {
  return sentence(rng, clientWritten, withCapitalFamily(voice));
}

function unique(parts: string[]): string[] {
  return [...new Set(parts)];
}
