import { expect } from '@open-wc/testing';
import type { CareLogin } from '../care-login.component.js';
import { signInMessages } from './sign-in.messages.js';
import { duration } from './sign-in.js';

/** Waiting times as the login words them ("U kunt het over … opnieuw proberen"). */
describe('the login’s waiting times', () => {
  const login = (locale: 'nl' | 'en') => ({ locale }) as CareLogin;

  it('says "1 seconde", seconds up to two minutes, and minutes after that', async () => {
    expect(duration(login('nl'), 1)).to.equal('1 seconde');
    expect(duration(login('nl'), 45)).to.equal('45 seconden');
    // A rate limit's 631 seconds are 11 minutes to a reader.
    expect(duration(login('nl'), 631)).to.equal('11 minuten');
    await signInMessages.load('en');
    expect(duration(login('en'), 1)).to.equal('1 second');
    expect(duration(login('en'), 631)).to.equal('11 minutes');
  });
});
