import type { Catalogue } from '../../shared/messages.js';
import type { nl } from '../profile-change.messages.js';

export default {
  'profile.newMobile': 'New mobile number',
  'profile.newMobileHint':
    'For example 06 12345678. We send a text message with a code to this number. Until you enter the code, your current number stays in use.',
  'profile.invalidMobile': 'Enter a Dutch mobile number, for example 06 12345678.',
  'profile.sameMobile': 'This is already your mobile number.',
  'profile.confirmMobile': 'You are changing your mobile number to {mobile}.',
  'profile.mobileChanged': 'Your mobile number has been changed to {mobile}.',
  'profile.newEmail': 'New e-mail address',
  'profile.newEmailHint': 'We send a confirmation link to this address. Until you open the link, your current e-mail address stays in use.',
  'profile.invalidEmail': 'Enter a valid e-mail address, for example name@example.nl.',
  'profile.sameEmail': 'This is already your e-mail address.',
  'profile.currentPassword': 'Current password',
  'profile.passwordRequired': 'Enter your current password.',
  'profile.wrongPassword': 'The password is not correct.',
  'profile.passwordDelayed': 'Too many wrong passwords. Please try again in {n} seconds.',
  'profile.continue': 'Continue',
  'profile.identity': 'First confirm it is you.',
  'profile.proveAgain': 'The code has expired. Enter your password again.',
  'profile.own.heading': 'Your own details',
  'profile.own.intro': 'Your login codes go to this mobile number; the portal e-mails this address.',
  'profile.linkSent': 'We have sent a confirmation link to {email}. Open the link within 24 hours to complete the change.',
  'profile.failed': 'That did not work. Please try again later.',
  'profile.emailConfirmed': 'Your e-mail address has been changed to {email}.',
  'profile.linkInvalid': 'This link is no longer valid. Ask again in the portal to change your e-mail address.',
  'profile.cancel': 'Cancel',
} satisfies Catalogue<typeof nl>;
