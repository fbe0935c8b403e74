import type { LocalDate } from '../time/amsterdam-time.js';
import { displayName, formalName, type DemoClient, type DemoTenant } from './demo-tenants.js';

/** What a client plan says, before it is laid out as a PDF. */
export interface ClientPlan {
  organisation: string;
  team: string;
  title: string;
  version: string;
  documentDate: LocalDate;
  client: { name: string; dateOfBirth: LocalDate; address: string; bsn: string };
  contactPerson: string;
  introduction: string;
  changes: string | null;
  domains: PlanDomain[];
  closing: string;
}

export interface PlanDomain {
  heading: string;
  situation: string;
  goal: string;
  agreements: string[];
}

const months = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];

/** "12 mei 2025" */
export function dutchDate(date: LocalDate): string {
  return `${date.day} ${months[date.month - 1]} ${date.year}`;
}

export function clientPlan(
  tenant: DemoTenant,
  client: DemoClient,
  details: { version: '1.0' | '2.0'; documentDate: LocalDate; dateOfBirth: LocalDate; bsn: string },
): ClientPlan {
  const { person, profile } = client;
  const naam = formalName(person);
  const Naam = naam.charAt(0).toUpperCase() + naam.slice(1);
  const family = `${profile.familyRelation} ${profile.familyName}`;
  const revised = details.version !== '1.0';

  const health: PlanDomain = {
    heading: '1. Lichamelijk welbevinden en gezondheid',
    situation: `${Naam} woont zelfstandig en krijgt ${profile.careDays.length === 7 ? 'dagelijks' : `${profile.careDays.length} keer per week`} hulp bij de ochtendzorg. ${
      profile.diabetes ? 'Er is sprake van diabetes mellitus type 2, behandeld met insuline. ' : ''
    }${profile.wound ? 'Op het linker onderbeen is een wond die specifieke wondzorg nodig heeft. ' : ''}${
      profile.pain ? 'Er is chronische pijn in de rechterknie en de onderrug. ' : ''
    }De bloeddruk wordt drie keer per week gecontroleerd.`,
    goal: profile.wound
      ? 'De wond aan het onderbeen geneest binnen drie maanden zonder infectie.'
      : profile.pain
        ? `${Naam} kan met een pijnscore van 4 of lager de dagelijkse activiteiten uitvoeren.`
        : `${Naam} blijft in een stabiele gezondheid en voelt zich fit.`,
    agreements: [
      'Hulp bij wassen en aankleden volgens afspraak; wat cliënt zelf kan, doet cliënt zelf.',
      'Steunkousen aantrekken in de ochtend en uittrekken in de avond.',
      'Medicatie aanreiken uit de baxterrol en het innemen controleren.',
      ...(profile.diabetes ? ['Bloedsuiker nuchter meten en insuline toedienen volgens het schema van de huisarts.'] : []),
      ...(profile.wound
        ? ['Wondverzorging op dinsdag en vrijdag volgens het wondplan; de wijkverpleegkundige evalueert elke twee weken.']
        : []),
      ...(profile.pain ? ['Pijnscore twee keer per week vastleggen; bij een score van 7 of hoger wordt de huisarts geïnformeerd.'] : []),
      'Bloeddruk meten op maandag, woensdag en vrijdag; gewicht wekelijks op maandag.',
    ],
  };

  const living: PlanDomain = {
    heading: '2. Woon- en leefsituatie',
    situation: `${Naam} woont ${person.addressExtra ? 'in een appartement' : 'in een eengezinswoning'} in ${person.city}. ${
      person.maritalStatus === 'Gehuwd' ? 'De partner woont ook in huis en helpt waar mogelijk.' : 'Cliënt woont alleen.'
    } ${family.charAt(0).toUpperCase() + family.slice(1)} doet de boodschappen en regelt de financiële zaken.`,
    goal: `${Naam} kan veilig thuis blijven wonen.`,
    agreements: [
      'De alarmknop wordt altijd gedragen; de sleutelkluis wordt gebruikt bij de voordeur.',
      profile.physiotherapy
        ? 'De fysiotherapeut geeft wekelijks oefentherapie gericht op balans en valpreventie.'
        : 'Losliggende kleedjes zijn verwijderd; de rollator staat altijd binnen handbereik.',
      `${family.charAt(0).toUpperCase() + family.slice(1)} is eerste contactpersoon en wordt geïnformeerd bij bijzonderheden.`,
    ],
  };

  const participation: PlanDomain = {
    heading: '3. Participatie',
    situation: `${Naam} vindt contact met anderen belangrijk, maar komt door de beperkte mobiliteit minder buiten dan vroeger.`,
    goal: `${Naam} heeft minstens één keer per week een activiteit buitenshuis.`,
    agreements: [
      'Dagbesteding in het buurthuis op dinsdagmiddag; vervoer met de regiotaxi.',
      'Bij mooi weer wordt tijdens de middagronde een korte wandeling gemaakt als de planning dat toelaat.',
    ],
  };

  const mental: PlanDomain = {
    heading: '4. Mentaal welbevinden',
    situation: `${Naam} is over het algemeen opgewekt. Na het overlijden van een broer is ${naam.startsWith('mevrouw') ? 'zij' : 'hij'} soms somber. Het geheugen is goed; afspraken worden in de agenda genoteerd.`,
    goal: `${Naam} voelt zich gehoord en heeft regie over de eigen zorg.`,
    agreements: [
      'Zorgverleners nemen bij de ochtendzorg tijd voor een praatje en signaleren somberheid.',
      `${tenant.staff[0]} is de vaste contactpersoon en voert elk half jaar een evaluatiegesprek.`,
      'Wensen over de tijden van de zorg worden in de planning meegenomen waar dat mogelijk is.',
    ],
  };

  return {
    organisation: tenant.name,
    team: tenant.teamName,
    title: tenant.planTitle,
    version: details.version,
    documentDate: details.documentDate,
    client: {
      name: displayName(person),
      dateOfBirth: details.dateOfBirth,
      address: `${person.street} ${person.houseNumber}${person.addressExtra ? ` ${person.addressExtra}` : ''}, ${person.postalCode} ${person.city}`,
      bsn: details.bsn,
    },
    contactPerson: tenant.staff[0]!,
    introduction: `In dit ${tenant.planTitle.toLowerCase()} staat welke zorg ${tenant.name} aan ${naam} levert, wat de doelen zijn en welke afspraken daarover zijn gemaakt. Het plan is samen met ${naam} en ${family} opgesteld.`,
    changes: revised
      ? 'Wijzigingen ten opzichte van versie 1.0: de tijden van de ochtendzorg zijn aangepast aan de wens van cliënt, de afspraken over bewegen zijn uitgebreid en de doelen zijn na het evaluatiegesprek opnieuw vastgesteld.'
      : null,
    domains: [health, living, participation, mental],
    closing: `Dit plan is besproken met ${naam}. Door het plan in het cliëntportaal te ondertekenen, geeft u aan dat u het eens bent met de doelen en afspraken. Bent u het er niet mee eens, kies dan "Afkeuren" en vermeld de reden; uw contactpersoon neemt dan contact met u op.`,
  };
}
