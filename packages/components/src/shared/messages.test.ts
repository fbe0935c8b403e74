import { expect } from '@open-wc/testing';
import { defineMessages } from './messages.js';

describe('widget messages', () => {
  it('speaks Dutch by default and English once loaded, filling placeholders', async () => {
    let loads = 0;
    const messages = defineMessages({ greeting: 'Goedemorgen {name}', plain: 'Klaar' }, async () => {
      loads++;
      return { default: { greeting: 'Good morning {name}', plain: 'Done' } };
    });
    expect(messages.t('nl', 'greeting', { name: 'Jan' })).to.equal('Goedemorgen Jan');
    expect(messages.loaded('en')).to.equal(false);
    expect(messages.t('en', 'plain')).to.equal('Klaar');
    await Promise.all([messages.load('en'), messages.load('en')]);
    expect(loads).to.equal(1);
    expect(messages.t('en', 'greeting', { name: 'Jan' })).to.equal('Good morning Jan');
    expect(messages.t('nl', 'plain')).to.equal('Klaar');
  });
});
