import { expect } from '@open-wc/testing';
import { ApiError } from './api-client.js';
import { stateMessages } from './states.messages.js';
import { isNoAccess, problemText } from './states.js';

const noRight = new ApiError({
  kind: 'problem',
  status: 403,
  code: 'no-right',
  title: 'Geen toegang',
  detail: 'U heeft geen toegang tot de metingen van Johanna de Vries.',
  extensions: { area: 'measurements', clientName: 'Johanna de Vries' },
});

describe('the no-access text', () => {
  before(() => stateMessages.load('en'));

  it("is the BFF's sentence as it is, in the language the widget asked for", () => {
    expect(problemText(noRight, 'nl')).to.equal('U heeft geen toegang tot de metingen van Johanna de Vries.');
    const english = new ApiError({
      ...noRight,
      kind: 'problem',
      detail: 'You do not have access to the measurements of Johanna de Vries.',
    });
    expect(problemText(english, 'en')).to.equal('You do not have access to the measurements of Johanna de Vries.');
  });

  it('says which part only the client may use', () => {
    const clientOnly = new ApiError({
      kind: 'problem',
      status: 403,
      code: 'client-only',
      title: 'Only for the client',
      detail: 'Only Johanna de Vries can see or change this.',
      extensions: { clientName: 'Johanna de Vries' },
    });
    expect(problemText(clientOnly, 'en')).to.equal('Only Johanna de Vries can see or change this.');
  });

  it("says calmly that the organisation does not offer a widget, in the BFF's words", () => {
    const notOffered = new ApiError({
      kind: 'problem',
      status: 404,
      code: 'widget-disabled',
      title: 'Niet beschikbaar',
      detail: 'Zorggroep De Linde biedt het prikbord niet aan in het cliëntportaal.',
      extensions: { widget: 'board' },
    });
    expect(isNoAccess(notOffered)).to.equal(true);
    expect(problemText(notOffered, 'nl')).to.equal('Zorggroep De Linde biedt het prikbord niet aan in het cliëntportaal.');
    // Another 404 is still a failure.
    expect(isNoAccess(new ApiError({ kind: 'problem', status: 404, code: 'not-found', title: 'Niet gevonden' }))).to.equal(false);
  });

  it('falls back to "not allowed" for a refusal without a sentence', () => {
    const bare = new ApiError({ kind: 'problem', status: 403, code: 'no-right', title: 'No access', extensions: { area: 'future' } });
    expect(problemText(bare, 'en')).to.equal('You are not allowed to do this.');
  });
});
