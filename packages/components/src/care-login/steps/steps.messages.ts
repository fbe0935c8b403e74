import { defineMessages } from '../../shared/messages.js';
import { translator } from '../translate.js';

/**
 * Texts of the steps loaded on first use: first login, forgotten password, reset and activation
 * links, and the signed-in client's own login details (seeds 003/004 §2, 000, 002).
 */
export const nl = {
  activated: 'Het account is geactiveerd. Log in om verder te gaan.',
  resetDone: 'Uw wachtwoord is gewijzigd. U kunt nu inloggen met uw nieuwe wachtwoord.',
  'link.checking': 'Even geduld, wij controleren de link…',
  'link.heading': 'Deze link werkt niet meer',
  'link.used': 'Deze link is al gebruikt. Een link werkt maar één keer.',
  'link.expired': 'Deze link is verlopen.',
  'link.replaced': 'Er is later een nieuwere link verstuurd. Alleen de link in de nieuwste e-mail werkt.',
  'link.unknown': 'Deze link is niet (meer) geldig.',
  'link.newReset': 'Vraag hieronder een nieuwe link aan om uw wachtwoord opnieuw in te stellen.',
  'link.requestReset': 'Nieuwe link aanvragen',
  'link.activeHeading': 'Uw account is al actief',
  'link.active': 'Uw account is al geactiveerd. U kunt inloggen met uw gebruikersnaam en wachtwoord.',
  'link.toLogin': 'Naar inloggen',
  'link.newInvitation': 'Neem contact op met {organisation} voor een nieuwe uitnodiging.',
  'link.newInvitationPhone': 'Neem contact op met {organisation} ({phone}) voor een nieuwe uitnodiging.',
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
  // The soft hyphen lets the long word break as "Gebruiks-/voorwaarden" on a narrow phone.
  'terms.heading': 'Gebruiks\u00ADvoorwaarden',
  'terms.intro': 'Lees de gebruiksvoorwaarden (versie {version}) en geef aan dat u ermee akkoord gaat.',
  'terms.accept': 'Ik ga akkoord met de gebruiksvoorwaarden',
  'terms.required': 'Vink aan dat u akkoord gaat met de gebruiksvoorwaarden.',
  'terms.submit': 'Doorgaan',
  'forgot.heading': 'Wachtwoord vergeten',
  'forgot.intro':
    'Vul uw gebruikersnaam in. U ontvangt een e-mail met een link. Als u de link aanklikt, wordt u gevraagd een nieuw wachtwoord in te voeren.',
  'forgot.submit': 'Link aanvragen',
  'forgot.sent': 'Als dit account bestaat, ontvangt u een e-mail met een link.',
  'reset.heading': 'Nieuw wachtwoord instellen',
  'reset.intro': 'Kies een nieuw wachtwoord. Daarna logt u opnieuw in met uw nieuwe wachtwoord.',
  'activate.heading': 'Account activeren',
  'activate.intro': 'Welkom! Om gebruik te maken van het cliëntportaal vult u eerst ter controle uw {proof} in.',
  'activate.dateOfBirth': 'Geboortedatum',
  // A contact person proves the own mobile number they were invited with (contacts/activation-proof.ts in the BFF).
  'activate.dateOfBirthWord': 'geboortedatum',
  'activate.mobile': 'Uw mobiele nummer',
  'activate.mobileWord': 'mobiele nummer',
  'activate.mobileHint': 'Bijvoorbeeld 06 12345678',
  'activate.verify': 'Versturen',
  'activate.choose': 'Gebruikersnaam en wachtwoord kiezen',
  'activate.chooseIntro':
    'Bij gebruikersnaam staat standaard uw e-mailadres. U kunt een andere gebruikersnaam kiezen als u dat wilt. Onthoud uw gebruikersnaam en wachtwoord goed.',
  'activate.password': 'Wachtwoord',
  'activate.repeat': 'Wachtwoord (herhaal)',
  'activate.submit': 'Volgende',
  'account.heading': 'Mijn inloggegevens',
  'account.back': 'Terug',
  'account.password': 'Wachtwoord wijzigen',
  'account.passwordIntro': 'Wilt u uw wachtwoord tussentijds wijzigen? Vul dan uw huidige wachtwoord in en kies een nieuw wachtwoord.',
  'account.current': 'Huidig wachtwoord',
  'account.passwordSubmit': 'Wachtwoord wijzigen',
  'account.passwordChanged': 'Uw wachtwoord is gewijzigd. U blijft ingelogd op dit apparaat; elders bent u uitgelogd.',
  'account.factor': 'Tweestapsverificatie',
  'account.factorIntro': 'Na uw wachtwoord vult u bij het inloggen een code in. Kies hoe u die code krijgt.',
  'account.factorLegend': 'Inlogcode ontvangen',
  'account.sms': 'Per sms naar {destination}',
  'account.email': 'Per e-mail naar {destination}',
  'account.totp': 'Met een authenticator-app',
  'account.unknown': 'niet bekend',
  'account.current.note': '(huidige instelling)',
  'account.factorSubmit': 'Opslaan',
  'account.factorSaved': 'Uw keuze is opgeslagen. U ontvangt de inlogcode voortaan zo.',
  'account.enrolIntro':
    'Scan de QR-code met de authenticator-app op uw telefoon, of vul de sleutel met de hand in. Vul daarna de code van 6 cijfers uit de app in.',
  'account.qr': 'QR-code voor de authenticator-app ({account})',
  'account.key': 'Sleutel om met de hand in te vullen',
  'account.code': 'Code uit de app',
  'account.confirm': 'Bevestigen',
  'account.totpDone': 'De authenticator-app is ingesteld. U logt voortaan in met een code uit de app.',
};

export type StepMessageKey = keyof typeof nl;

export const stepMessages = defineMessages<StepMessageKey>(nl, () => import('../locales/en.js'));
export const t = translator(stepMessages);
