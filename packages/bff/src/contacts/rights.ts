import { Problem } from '../http/problem.js';

/**
 * The areas of the portal a contact person can be given a right to (docs/rights-model.md).
 * `plan` is reading the client plan; signing or rejecting it needs a legal representative.
 * `board` is the bulletin board, for when it comes. `accessLog` is "Wie heeft mijn dossier bekeken?".
 */
export const rightAreas = ['reports', 'measurements', 'agenda', 'messages', 'plan', 'profile', 'board', 'accessLog'] as const;
export type RightArea = (typeof rightAreas)[number];
export type Rights = Record<RightArea, boolean>;

export const relationships = [
  'partner',
  'daughter',
  'son',
  'parent',
  'sibling',
  'grandchild',
  'family',
  'informal-carer',
  'friend',
  'neighbour',
  'legal-representative',
  'mentor',
  'curator',
  'administrator',
  'other',
] as const;
/** Here, not in db/schema.ts: the widgets read it through api-types, and db/schema.ts needs Node's types. */
export type Relationship = (typeof relationships)[number];

/** How the portal names a relationship in Dutch, e.g. in "Marieke de Vries (dochter)". */
export const relationshipLabels: Record<Relationship, string> = {
  partner: 'partner',
  daughter: 'dochter',
  son: 'zoon',
  parent: 'ouder',
  sibling: 'broer of zus',
  grandchild: 'kleinkind',
  family: 'familielid',
  'informal-carer': 'mantelzorger',
  friend: 'vriend(in)',
  neighbour: 'buurman of buurvrouw',
  'legal-representative': 'wettelijk vertegenwoordiger',
  mentor: 'mentor',
  curator: 'curator',
  administrator: 'bewindvoerder',
  other: 'contactpersoon',
};

/** The area as the sentence "U heeft geen toegang tot de metingen van …" names it. */
export const areaLabels: Record<RightArea, string> = {
  reports: 'de rapportages',
  measurements: 'de metingen',
  agenda: 'de agenda',
  messages: 'de berichten',
  plan: 'het cliëntplan',
  profile: 'de persoonlijke gegevens',
  board: 'het prikbord',
  accessLog: 'het inzageoverzicht',
};

/** The same, as the English no-access sentence names them. */
export const englishAreaLabels: Record<RightArea, string> = {
  reports: 'the reports',
  measurements: 'the measurements',
  agenda: 'the agenda',
  messages: 'the messages',
  plan: 'the client plan',
  profile: 'the personal details',
  board: 'the bulletin board',
  accessLog: 'the access log',
};

export const noRights: Rights = Object.freeze(Object.fromEntries(rightAreas.map((area) => [area, false]))) as Rights;
export const allRights: Rights = Object.freeze(Object.fromEntries(rightAreas.map((area) => [area, true]))) as Rights;

/** The rights stored on a link: unknown keys dropped, a missing area is no right. */
export function rightsFrom(stored: Record<string, unknown> | null | undefined): Rights {
  return Object.fromEntries(rightAreas.map((area) => [area, stored?.[area] === true])) as Rights;
}

/** The areas `after` gives that `before` did not: handing these out needs a fresh SMS code. */
export function widenedAreas(before: Rights, after: Rights): RightArea[] {
  return rightAreas.filter((area) => after[area] && !before[area]);
}

/** What the signed-in person may do in the current client's portal, loaded with the session. */
export interface Access {
  relation: 'self' | 'contact';
  rights: Rights;
  /** Only the client and a legal representative may sign or reject the client plan. */
  mayDecidePlan: boolean;
  /** A mentor, curator or bewindvoerder the organisation registered: may download the dossier. */
  legalRepresentative: boolean;
}

export function accessOf(link: { relation: 'self' | 'contact'; rights: unknown; legal_representative: boolean }): Access {
  if (link.relation === 'self') return { relation: 'self', rights: allRights, mayDecidePlan: true, legalRepresentative: false };
  const rights = rightsFrom(link.rights as Record<string, unknown>);
  return {
    relation: 'contact',
    rights,
    mayDecidePlan: link.legal_representative && rights.plan,
    legalRepresentative: link.legal_representative,
  };
}

/**
 * The copy of the file (Wabvpz art. 15d) is the client's right; a legal representative exercises
 * it on the client's behalf (docs/rights-model.md). Other contact persons download per area.
 */
export function mayDownloadDossier(access: Access): boolean {
  return access.relation === 'self' || access.legalRepresentative;
}

/** The 403 of a missing right, in the words the widget can show as it is. */
export function noRight(area: RightArea, clientName: string | null): Problem {
  return new Problem(
    403,
    'no-right',
    { nl: 'Geen toegang', en: 'No access' },
    {
      nl: `U heeft geen toegang tot ${areaLabels[area]}${clientName ? ` van ${clientName}` : ''}.`,
      en: `You do not have access to ${englishAreaLabels[area]}${clientName ? ` of ${clientName}` : ''}.`,
    },
    { area, ...(clientName ? { clientName } : {}) },
  );
}

export function noPlanDecision(clientName: string | null): Problem {
  return new Problem(
    403,
    'no-right',
    { nl: 'Geen toegang', en: 'No access' },
    {
      nl: `Alleen ${clientName ?? 'de cliënt'} of een wettelijk vertegenwoordiger kan het cliëntplan ondertekenen of afkeuren.`,
      en: `Only ${clientName ?? 'the client'} or a legal representative can sign or reject the client plan.`,
    },
    { area: 'plan', action: 'decide' },
  );
}

/** "Marieke de Vries (dochter)": how the care team sees a contact person's name. */
export function contactDisplayName(name: string, relationship: Relationship | null): string {
  return relationship ? `${name} (${relationshipLabels[relationship]})` : name;
}
