import { expect, fixture, html } from '@open-wc/testing';
import { html as template, LitElement } from 'lit';
import { careWidgetStyles } from './widget.styles.js';
import { forgetFullViews } from './testing/address.js';

// A full view left open must not reopen in the next test's widgets (the address keeps it).
afterEach(forgetFullViews);

// The component tokens of docs/theming.md, as a widget's shadow root draws them: the defaults are
// the look of the common tokens, and a tenant or host page that sets a token sees it.
class TokenProbe extends LitElement {
  static override styles = careWidgetStyles;
  override render() {
    return template`<div part="base">
      <h2>Rapportages</h2>
      <button class="button">Opslaan</button>
      <button class="button button--secondary">Annuleren</button>
      <button class="link-button">Alle rapportages</button>
      <label for="date">Datum</label><input id="date" />
    </div>`;
  }
}
customElements.define('care-token-probe', TokenProbe);

async function probe(style = '') {
  const wrapper = await fixture<HTMLDivElement>(html`<div style=${style}><care-token-probe></care-token-probe></div>`);
  const element = wrapper.querySelector<TokenProbe>('care-token-probe')!;
  await element.updateComplete;
  const root = element.shadowRoot!;
  const styleOf = (selector: string) => getComputedStyle(root.querySelector(selector)!);
  return {
    root,
    main: styleOf('.button:not(.button--secondary)'),
    secondary: styleOf('.button--secondary'),
    link: styleOf('.link-button'),
    heading: styleOf('h2'),
    input: styleOf('input'),
    card: styleOf('[part~="base"]'),
  };
}

async function withTheme<T>(tenant: string, run: () => Promise<T>): Promise<T> {
  const response = await fetch(`/themes/${tenant}.css`);
  expect(response.ok, `GET /themes/${tenant}.css`).to.equal(true);
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(await response.text());
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  try {
    return await run();
  } finally {
    document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
  }
}

describe('design tokens in a widget', () => {
  it('draw the look of the common tokens when nothing is set', async () => {
    const { main, secondary, link, heading, input, card } = await probe();
    expect([main.backgroundColor, main.color, main.borderTopColor, main.borderTopLeftRadius, main.minHeight]).to.deep.equal([
      'rgb(11, 92, 173)',
      'rgb(255, 255, 255)',
      'rgb(11, 92, 173)',
      '6px',
      '44px',
    ]);
    expect([secondary.backgroundColor, secondary.color, secondary.borderTopColor]).to.deep.equal([
      'rgb(255, 255, 255)',
      'rgb(11, 92, 173)',
      'rgb(11, 92, 173)',
    ]);
    expect(link.color).to.equal('rgb(11, 92, 173)');
    expect([heading.color, heading.fontWeight]).to.deep.equal(['rgb(31, 41, 51)', '700']);
    expect([input.borderTopWidth, input.borderTopColor, input.borderTopLeftRadius, input.backgroundColor, input.color]).to.deep.equal([
      '1px',
      'rgb(123, 135, 148)',
      '6px',
      'rgb(255, 255, 255)',
      'rgb(31, 41, 51)',
    ]);
    expect([card.borderTopWidth, card.borderTopColor]).to.deep.equal(['1px', 'rgb(123, 135, 148)']);
  });

  it('follow a tenant that sets the button, input, focus-ring, heading and link tokens', async () => {
    const { root, main, secondary, link, heading, input, card } = await probe(
      [
        '--care-button-background-color: #123456',
        '--care-button-color: #fefefe',
        '--care-button-border-radius: 999px',
        '--care-button-min-height: 48px',
        '--care-button-secondary-background-color: #f0f0f0',
        '--care-button-secondary-color: #224466',
        '--care-button-secondary-border-color: #336699',
        '--care-input-background-color: #fafafa',
        '--care-input-color: #111111',
        '--care-input-border-color: #654321',
        '--care-input-border-width: 3px',
        '--care-input-border-radius: 0px',
        '--care-focus-ring-color: #0000d0',
        '--care-focus-ring-width: 5px',
        '--care-focus-ring-offset: 1px',
        '--care-color-heading: #234f2b',
        '--care-color-link: #0a3d73',
        '--care-font-weight-bold: 800',
        '--care-border-width: 2px',
      ].join(';'),
    );
    expect([main.backgroundColor, main.color, main.borderTopColor, main.borderTopLeftRadius, main.minHeight]).to.deep.equal([
      'rgb(18, 52, 86)',
      'rgb(254, 254, 254)',
      'rgb(18, 52, 86)',
      '999px',
      '48px',
    ]);
    expect([secondary.backgroundColor, secondary.color, secondary.borderTopColor]).to.deep.equal([
      'rgb(240, 240, 240)',
      'rgb(34, 68, 102)',
      'rgb(51, 102, 153)',
    ]);
    expect(link.color).to.equal('rgb(10, 61, 115)');
    expect([heading.color, heading.fontWeight]).to.deep.equal(['rgb(35, 79, 43)', '800']);
    expect([input.borderTopWidth, input.borderTopColor, input.borderTopLeftRadius, input.backgroundColor, input.color]).to.deep.equal([
      '3px',
      'rgb(101, 67, 33)',
      '0px',
      'rgb(250, 250, 250)',
      'rgb(17, 17, 17)',
    ]);
    expect(card.borderTopWidth).to.equal('2px');
    root.querySelector('input')!.focus();
    expect([input.outlineColor, input.outlineWidth, input.outlineOffset]).to.deep.equal(['rgb(0, 0, 208)', '5px', '1px']);
  });

  it('follow an override of a common token around the widget, under a tenant theme', async () => {
    await withTheme('zorggroep-de-linde', async () => {
      const themed = await probe();
      expect([themed.main.backgroundColor, themed.link.color]).to.deep.equal(['rgb(47, 107, 58)', 'rgb(47, 107, 58)']);
      const overridden = await probe('--care-color-primary: #3e6630; --care-color-text: #26261f');
      expect([overridden.main.backgroundColor, overridden.secondary.color, overridden.link.color]).to.deep.equal([
        'rgb(62, 102, 48)',
        'rgb(62, 102, 48)',
        'rgb(62, 102, 48)',
      ]);
      expect([overridden.heading.color, overridden.input.color]).to.deep.equal(['rgb(38, 38, 31)', 'rgb(38, 38, 31)']);
    });
  });
});
