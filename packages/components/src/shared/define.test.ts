import { expect } from '@open-wc/testing';
import { define } from './define.js';

describe('define()', () => {
  it('registers a tag that is free', () => {
    class CareDefineFree extends HTMLElement {}
    define('care-define-free', CareDefineFree);
    expect(customElements.get('care-define-free')).to.equal(CareDefineFree);
  });

  it('does nothing when the same class is defined again, as when a bundle is loaded twice', () => {
    class CareDefineTwice extends HTMLElement {}
    define('care-define-twice', CareDefineTwice);
    const warnings = captureWarnings(() => define('care-define-twice', CareDefineTwice));
    expect(customElements.get('care-define-twice')).to.equal(CareDefineTwice);
    expect(warnings).to.have.length(0);
  });

  it('keeps the first class and warns when another copy defines the tag', () => {
    class FirstCopy extends HTMLElement {}
    class SecondCopy extends HTMLElement {}
    define('care-define-copies', FirstCopy);
    const warnings = captureWarnings(() => define('care-define-copies', SecondCopy));
    expect(customElements.get('care-define-copies')).to.equal(FirstCopy);
    expect(warnings).to.have.length(1);
    expect(String(warnings[0])).to.contain('<care-define-copies>');
  });
});

function captureWarnings(action: () => void): unknown[] {
  const warnings: unknown[] = [];
  const original = console.warn;
  console.warn = (...args: unknown[]) => warnings.push(args[0]);
  try {
    action();
  } finally {
    console.warn = original;
  }
  return warnings;
}
