import { expect } from '@open-wc/testing';
import { emit } from './events.js';
import { forgetFullViews } from './testing/address.js';

// A full view left open must not reopen in the next test's widgets (the address keeps it).
afterEach(forgetFullViews);

describe('emit()', () => {
  it('dispatches a bubbling, composed event that a page hears through a shadow root', () => {
    const host = document.createElement('div');
    const inner = document.createElement('span');
    host.attachShadow({ mode: 'open' }).append(inner);
    document.body.append(host);
    const heard: Array<CustomEvent<unknown>> = [];
    const listener = (event: Event) => heard.push(event as CustomEvent<unknown>);
    document.addEventListener('care-unread-changed', listener);
    try {
      expect(emit(inner, 'care-unread-changed', { count: 2 })).to.equal(true);
    } finally {
      document.removeEventListener('care-unread-changed', listener);
      host.remove();
    }
    expect(heard).to.have.length(1);
    expect(heard[0]!.detail).to.deep.equal({ count: 2 });
    expect(heard[0]!.cancelable).to.equal(false);
  });

  it('tells whether a listener prevented a cancelable event', () => {
    const target = document.createElement('div');
    target.addEventListener('care-navigate', (event) => event.preventDefault());
    expect(emit(target, 'care-navigate', { widget: 'care-reports', view: 'all' }, true)).to.equal(false);
    expect(emit(target, 'care-navigate', { widget: 'care-reports', view: 'all' })).to.equal(true);
  });

  it('gives an event without detail a null detail, as a plain CustomEvent', () => {
    const target = document.createElement('div');
    let detail: unknown = 'unset';
    target.addEventListener('care-logout', (event) => (detail = event.detail));
    emit(target, 'care-logout', undefined);
    expect(detail).to.equal(null);
  });
});
