import { defineMessages } from '../../shared/messages.js';

/** Texts of the steps loaded on first use: first login, forgotten password, reset and activation links. */
export const nl = {
  activated: 'Het account is geactiveerd. Log in om verder te gaan.',
  resetDone: 'Uw wachtwoord is gewijzigd. U kunt nu inloggen met uw nieuwe wachtwoord.',
  'newPassword.heading': 'Nieuw wachtwoord kiezen',
  'newPassword.firstLogin': 'De eerste keer dat u inlogt, moet u het wachtwoord wijzigen en de gebruiksvoorwaarden accorderen.',
  'newPassword.new': 'Nieuw wachtwoord',
  'newPassword.repeat': 'Nieuw wachtwoord (herhaal)',
  'newPassword.rules': 'Uw nieuwe wachtwoord:',
  'newPassword.tip': 'Tip: gebruik een zin als wachtwoord. Zinnen zijn makkelijker te onthouden en veiliger dan één woord.',
  'newPassword.submit': 'Wachtwoord opslaan',
  'newPassword.notReady': 'De knop wordt actief als alle regels een vinkje hebben.',
  'rule.minLength': 'heeft ten minste {n} tekens',
  'rule.maxLength': 'heeft hoogstens {n} tekens',
  'rule.lowercase': 'heeft minimaal 1 kleine letter',
  'rule.uppercase': 'heeft minimaal 1 hoofdletter',
  'rule.digit': 'heeft minimaal 1 cijfer',
  'rule.special': 'heeft minimaal 1 speciaal teken, zoals . - _ ! @ # $ % of een spatie',
  'rule.notUsername': 'bevat niet uw gebruikersnaam',
  'rule.repeatMatches': 'is twee keer hetzelfde ingevuld',
  'rule.ok': 'voldaan',
  'rule.notOk': 'nog niet voldaan',
  'terms.heading': 'Gebruiksvoorwaarden',
  'terms.intro': 'Lees de gebruiksvoorwaarden (versie {version}) en geef aan dat u ermee akkoord gaat.',
  'terms.accept': 'Ik ga akkoord met de gebruiksvoorwaarden',
  'terms.required': 'Vink aan dat u akkoord gaat met de gebruiksvoorwaarden.',
  'terms.submit': 'Doorgaan',
  'forgot.heading': 'Wachtwoord vergeten',
  'forgot.intro': 'Vul uw gebruikersnaam in. U ontvangt een e-mail met een link. Als u de link aanklikt, wordt u gevraagd een nieuw wachtwoord in te voeren.',
  'forgot.submit': 'Link aanvragen',
  'forgot.sent': 'Als dit account bestaat, ontvangt u een e-mail met een link.',
  'reset.heading': 'Nieuw wachtwoord instellen',
  'reset.intro': 'Kies een nieuw wachtwoord. Daarna logt u opnieuw in met uw nieuwe wachtwoord.',
  'activate.heading': 'Account activeren',
  'activate.intro': 'Welkom! Om gebruik te maken van het cliëntportaal vult u eerst ter controle uw geboortedatum in.',
  'activate.dateOfBirth': 'Geboortedatum',
  'activate.verify': 'Versturen',
  'activate.choose': 'Gebruikersnaam en wachtwoord kiezen',
  'activate.chooseIntro': 'Bij gebruikersnaam staat standaard uw e-mailadres. U kunt een andere gebruikersnaam kiezen als u dat wilt. Onthoud uw gebruikersnaam en wachtwoord goed.',
  'activate.password': 'Wachtwoord',
  'activate.repeat': 'Wachtwoord (herhaal)',
  'activate.submit': 'Volgende',
};

export type StepMessageKey = keyof typeof nl;

export const stepMessages = defineMessages<StepMessageKey>(nl, () => import('../locales/en.js'));
