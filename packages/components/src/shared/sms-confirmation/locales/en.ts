import type { Catalogue } from '../../messages.js';
import type { nl } from '../sms-confirmation.messages.js';

export default {
  'code.sent': 'We have sent a confirmation code to {destination}. The code starts with {prefix}-; enter the 6 digits after it.',
  'code.yourMobile': 'your mobile number',
  'code.app': 'Enter the code from your authenticator app.',
  'code.label': 'Confirmation code',
  'code.confirm': 'Confirm',
  'code.cancel': 'Cancel',
  'code.busy': 'Please wait…',
  'code.required': 'Enter the 6 digits of the confirmation code.',
  'code.wrong': 'The code is not correct. You can try {n} more time(s).',
  'code.expired': 'This code is no longer valid. Request a new code.',
  'code.new': 'Request a new code',
  'code.newSent': 'A new code has been sent.',
  'code.tooMany': 'Too many codes have been sent. Please try again in {n} minutes.',
  'code.noMobile': 'There is no mobile number to send the code to. Please contact your care team.',
  'code.failed': 'That did not work. Please try again later.',
} satisfies Catalogue<typeof nl>;
