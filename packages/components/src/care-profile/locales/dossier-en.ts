import type { Catalogue } from '../../shared/messages.js';
import type { nl } from '../dossier-download.messages.js';

export default {
  'profile.dossier.hint':
    'A copy of your whole file: reports, measurements, appointments, messages, client plan, personal details and who looked at your file. As PDFs to read and as files for a computer program, together in one ZIP file.',
  'profile.dossier.download': 'Download my file',
  'profile.dossier.busy': 'Preparing your file…',
  'profile.dossier.busyStatus': 'Your file is being prepared. This may take a minute.',
  'profile.dossier.done': 'Your file has been downloaded. Keep it in a safe place: it contains details about your health.',
  'profile.dossier.limited': 'You have already downloaded your file a few times today. Please try again tomorrow.',
} satisfies Catalogue<typeof nl>;
