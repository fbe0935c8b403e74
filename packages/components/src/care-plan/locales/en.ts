import type { Catalogue } from '../../shared/messages.js';
import type { nl } from '../care-plan.messages.js';

export default {
  'plan.heading': 'Client plan',
  'plan.print': 'Print',
  'plan.empty': 'There is no client plan for you yet.',
  'plan.version': 'version {version}',
  'plan.status.undecided': 'Not signed yet',
  'plan.status.signed': 'Signed',
  'plan.status.rejected': 'Rejected',
  'plan.signedBy': 'Signed by {by} on {at}',
  'plan.rejectedBy': 'Rejected by {by} on {at}.',
  'plan.reason': 'Reason: {reason}',
  'plan.download': 'Download',
  'plan.downloadDetail': '{title} version {version} (pdf)',
  'plan.undecidedHint':
    'Read the client plan. Then choose Sign (approve) or Reject; you confirm your choice with a code sent to you by text message.',
  'plan.legalOnly': 'Only a legal representative can sign or reject the client plan.',
  'plan.sign': 'Sign',
  'plan.reject': 'Reject',
  'plan.reject.intro': 'You are rejecting {title} version {version}. If you like, say why.',
  'plan.reject.reason': 'Reason (optional)',
  'plan.reject.left': '{n} characters left',
  'plan.reject.tooLong': 'The reason may be at most 1000 characters long.',
  'plan.requestCode': 'Request a code by text message',
  'plan.cancel': 'Cancel',
  'plan.confirm.sign': 'You are signing {title} version {version}.',
  'plan.confirm.reject': 'You are rejecting {title} version {version}.',
  'plan.done.signed': 'You have signed the client plan.',
  'plan.done.rejected': 'You have rejected the client plan.',
  'plan.alreadyDecided': 'This client plan has already been decided. Below you see where it stands now.',
} satisfies Catalogue<typeof nl>;
