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

  it("is the BFF's Dutch sentence as it is, and in English built from the area and the client", () => {
    expect(problemText(noRight, 'nl')).to.equal('U heeft geen toegang tot de metingen van Johanna de Vries.');
    expect(problemText(noRight, 'en')).to.equal('You do not have access to the measurements of Johanna de Vries.');
  });

  it('says which part only the client may use', () => {
    const clientOnly = new ApiError({
      kind: 'problem',
      status: 403,
      code: 'client-only',
      title: 'Alleen voor de cliënt',
      detail: 'Alleen Johanna de Vries zelf kan dit zien of wijzigen.',
      extensions: { clientName: 'Johanna de Vries' },
    });
    expect(problemText(clientOnly, 'en')).to.equal('Only Johanna de Vries can see or change this.');
    expect(problemText(clientOnly, 'nl')).to.equal('Alleen Johanna de Vries zelf kan dit zien of wijzigen.');
  });

  it("says calmly that the organisation does not offer a widget: the BFF's sentence, or the English one", () => {
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
    expect(problemText(notOffered, 'en')).to.equal('Your care organisation does not offer this part of the client portal.');
    // Another 404 is still a failure.
    expect(isNoAccess(new ApiError({ kind: 'problem', status: 404, code: 'not-found', title: 'Niet gevonden' }))).to.equal(false);
  });

  it('falls back to "not allowed" for an area it does not know', () => {
    const unknownArea = new ApiError({ ...noRight, kind: 'problem', extensions: { area: 'future', clientName: 'Johanna de Vries' } });
    expect(problemText(unknownArea, 'en')).to.equal('You are not allowed to do this.');
  });
});
