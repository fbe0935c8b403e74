import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { LitElement } from 'lit';
import { ApiError } from './api-client.js';
import { confirmDialog } from './confirm-dialog.js';

/** A widget with two deletable things and the shared dialog, the way agenda and measurements use it. */
class ConfirmHost extends LitElement {
  static override properties = { items: { state: true } };
  declare items: string[];
  /** Resolves the running deletion; the test decides how it ends. */
  finish: ((outcome: 'done' | ApiError) => void) | undefined;
  readonly dialog = confirmDialog<string>(this, {
    id: 'confirm-test-dialog',
    showBusy: true,
    locale: () => 'nl',
    confirmed: (item) =>
      new Promise<void>((resolve) => {
        this.finish = (outcome) => {
          if (outcome === 'done') {
            this.items = this.items.filter((i) => i !== item);
            this.dialog.done();
          } else this.dialog.failed(outcome);
          resolve();
        };
      }),
  });

  constructor() {
    super();
    this.items = ['koffie', 'thee'];
  }

  override render() {
    return html`<h2 part="heading" tabindex="-1">Lijst</h2>
      ${this.items.map((item) => html`<button id=${item} @click=${(e: Event) => this.dialog.open(item, e)}>${item} weg</button>`)}
      ${this.dialog.render((item) => ({ title: 'Verwijderen', text: 'Weet u het zeker?', subject: html`<strong>${item}</strong>` }))}`;
  }
}
customElements.define('care-confirm-host', ConfirmHost);

const shadow = (el: ConfirmHost) => el.shadowRoot!;
const dialogOf = (el: ConfirmHost) => shadow(el).querySelector('dialog');
const buttonOf = (el: ConfirmHost, part: string) => shadow(el).querySelector<HTMLButtonElement>(`dialog [part~="${part}"]`)!;

async function opened(item = 'koffie') {
  const el = await fixture<ConfirmHost>(html`<care-confirm-host></care-confirm-host>`);
  shadow(el).querySelector<HTMLButtonElement>(`#${item}`)!.click();
  await el.updateComplete;
  return el;
}

describe('confirmDialog()', () => {
  it('opens modal with the question, its subject and the focus on Annuleren', async () => {
    const el = await opened();
    const dialog = dialogOf(el)!;
    expect(dialog.open).to.equal(true);
    expect(dialog.matches(':modal')).to.equal(true);
    expect(dialog.getAttribute('aria-labelledby')).to.equal('confirm-test-dialog-title');
    expect(shadow(el).getElementById('confirm-test-dialog-text')!.textContent).to.contain('Weet u het zeker?').and.contain('koffie');
    expect(shadow(el).activeElement).to.equal(buttonOf(el, 'cancel'));
    expect(buttonOf(el, 'cancel').textContent).to.equal('Annuleren');
    expect(buttonOf(el, 'confirm').textContent!.trim()).to.equal('Verwijderen');
    await expect(el).to.be.accessible();
  });

  it('gives the focus back to the button that opened it when it closes (Annuleren, Esc)', async () => {
    const el = await opened('thee');
    buttonOf(el, 'cancel').click();
    await waitUntil(() => !dialogOf(el), 'the dialog stays');
    expect(shadow(el).activeElement?.id).to.equal('thee');
    shadow(el).querySelector<HTMLButtonElement>('#thee')!.click();
    await el.updateComplete;
    dialogOf(el)!.close(); // as the browser does on Esc
    await waitUntil(() => !dialogOf(el), 'the dialog stays');
    expect(shadow(el).activeElement?.id).to.equal('thee');
  });

  it('says it is busy while deleting, then closes with the focus on the heading', async () => {
    const el = await opened();
    buttonOf(el, 'confirm').click();
    await el.updateComplete;
    expect(buttonOf(el, 'confirm').textContent!.trim()).to.equal('Even geduld…');
    expect(buttonOf(el, 'confirm').getAttribute('aria-disabled')).to.equal('true');
    el.finish!('done');
    await waitUntil(() => !dialogOf(el), 'the dialog stays');
    expect(shadow(el).activeElement).to.equal(shadow(el).querySelector('h2'));
    expect(el.items).to.deep.equal(['thee']);
  });

  it('shows a refusal in the dialog, and closes on a 401', async () => {
    const el = await opened();
    buttonOf(el, 'confirm').click();
    el.finish!(new ApiError({ kind: 'problem', status: 500, code: 'internal', title: 'Internal' }));
    await waitUntil(() => buttonOf(el, 'confirm').textContent!.trim() === 'Verwijderen', 'still busy');
    expect(shadow(el).querySelector('dialog [role="alert"]')!.textContent).to.contain('Er ging iets mis');
    buttonOf(el, 'confirm').click();
    el.finish!(new ApiError({ kind: 'session-expired', status: 401, code: 'session-expired', title: 'Expired' }));
    await waitUntil(() => !dialogOf(el), 'the dialog stays');
  });
});
