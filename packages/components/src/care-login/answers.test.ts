import { expect } from '@open-wc/testing';
import { answerMessages } from './answers.messages.js';
import { duration } from './duration.js';

/** Waiting times as the login words them ("U kunt het over … opnieuw proberen"). */
describe('the login’s waiting times', () => {
  it('says "1 seconde", seconds up to two minutes, and minutes after that', async () => {
    expect(duration({ locale: 'nl' }, 1)).to.equal('1 seconde');
    expect(duration({ locale: 'nl' }, 45)).to.equal('45 seconden');
    // A rate limit's 631 seconds are 11 minutes to a reader.
    expect(duration({ locale: 'nl' }, 631)).to.equal('11 minuten');
    await answerMessages.load('en');
    expect(duration({ locale: 'en' }, 1)).to.equal('1 second');
    expect(duration({ locale: 'en' }, 631)).to.equal('11 minutes');
  });
});
