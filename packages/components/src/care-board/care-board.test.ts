import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../care-portal/care-portal.js';
import { runDataWidgetStateSuite } from '../shared/testing/data-widget-states.js';
import { overflowingParts, pageScrollsSideways, setViewport } from '../shared/testing/narrow-screen.js';
import { testSession } from '../shared/testing/test-session.js';
import type { CareBoard } from './care-board.component.js';
import './care-board.js';

// The demo seed gives Johanna de Vries's board posts with photos and replies (packages/bff/src/seed/board.ts).
const LINDE = 'zorggroep-de-linde';

const $ = <T extends Element = HTMLElement>(el: CareBoard, selector: string) => el.shadowRoot!.querySelector<T>(selector);
const $$ = <T extends Element = HTMLElement>(el: CareBoard, selector: string) => [...el.shadowRoot!.querySelectorAll<T>(selector)];
const text = (node: Node) => node.textContent!.replace(/\s+/g, ' ').trim();
const button = (el: CareBoard, label: string, within: ParentNode = el.shadowRoot!) =>
  [...within.querySelectorAll<HTMLButtonElement>('button')].find((b) => text(b).startsWith(label));
const posts = (el: CareBoard) => $$(el, 'li[part~="post"]');
const postWith = (el: CareBoard, words: string) => posts(el).find((p) => text(p).includes(words));

async function settled(el: CareBoard) {
  await el.updateComplete;
  await waitUntil(() => !$(el, '[aria-busy="true"]'), 'the board stays loading', { timeout: 8000 });
  await el.updateComplete;
  return el;
}

async function inPortal(lang = '') {
  const portal = await fixture(html`<care-portal tenant=${LINDE} api="" lang=${lang}><care-board></care-board></care-portal>`);
  if (!lang) portal.removeAttribute('lang');
  return settled(portal.querySelector('care-board')!);
}

/** A real JPEG, drawn in the page as a phone camera would deliver it. */
async function photoFile(name = 'foto.jpg', colour = '#2e7d32'): Promise<File> {
  const canvas = document.createElement('canvas');
  canvas.width = 640;
  canvas.height = 480;
  const context = canvas.getContext('2d')!;
  context.fillStyle = colour;
  context.fillRect(0, 0, 640, 480);
  context.fillStyle = '#fdd835';
  context.beginPath();
  context.arc(500, 120, 60, 0, Math.PI * 2);
  context.fill();
  const blob = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), 'image/jpeg', 0.9));
  return new File([blob], name, { type: 'image/jpeg' });
}

async function choose(el: CareBoard, ...files: File[]) {
  const input = $<HTMLInputElement>(el, 'input[type="file"]')!;
  const transfer = new DataTransfer();
  for (const file of files) transfer.items.add(file);
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
  await el.updateComplete;
}

function type(field: HTMLInputElement | HTMLTextAreaElement, value: string) {
  field.value = value;
  field.dispatchEvent(new InputEvent('input', { bubbles: true }));
}

const uploadStates = (el: CareBoard) => $$(el, '[part~="preview"] .upload').map(text);

async function uploadsDone(el: CareBoard) {
  await waitUntil(() => uploadStates(el).every((s) => !s.startsWith('Wordt verstuurd')), 'the photos stay uploading', { timeout: 10000 });
  await el.updateComplete;
}

async function post(el: CareBoard) {
  button(el, 'Plaatsen')!.click();
  await el.updateComplete;
  await waitUntil(() => !$(el, 'button[part~="send"][aria-disabled="true"]'), 'the post never answered', { timeout: 8000 });
  await el.updateComplete;
}

describe('<care-board>', () => {
  beforeEach(async () => {
    await testSession(LINDE, 'j.de.vries');
  });

  it('shows the board newest first, with authors, photos described for who cannot see them, and replies', async () => {
    const el = await inPortal();
    expect(text($(el, '[part~="heading"]')!)).to.equal('Prikbord');
    const shown = posts(el);
    expect(shown.length).to.be.greaterThan(1);
    const times = shown.map((p) => p.querySelector('[part~="meta"] time')!.getAttribute('datetime')!);
    expect([...times].sort().reverse()).to.deep.equal(times);
    expect(text(el.shadowRoot!)).to.match(/\(zorgteam\)/);
    const photo = $<HTMLImageElement>(el, '[part~="photo"] img')!;
    expect(photo.alt.length).to.be.greaterThan(5);
    await waitUntil(() => photo.complete && photo.naturalWidth > 0, 'the thumbnail never loaded', { timeout: 8000 });
    expect($$(el, '[part~="reply"]').length).to.be.greaterThan(0);
    await expect(el).to.be.accessible();
  });

  it('posts text with a described photo, shown with its upload progress, then at the top of the board', async () => {
    const el = await inPortal();
    type($<HTMLTextAreaElement>(el, 'textarea[name="text"]')!, 'Vandaag de eerste sneeuw gezien.');
    await el.updateComplete;
    expect(text($(el, '[part~="counter"]')!)).to.equal('32 van 2000 tekens');
    await choose(el, await photoFile());
    await uploadsDone(el);
    expect(uploadStates(el)).to.deep.equal(['Verstuurd']);

    // A photo without a description is not posted.
    await post(el);
    expect(text($(el, '.compose [role="alert"]')!)).to.equal('Beschrijf de foto in een paar woorden.');
    expect(el.shadowRoot!.activeElement?.getAttribute('name')).to.equal('description');
    await expect(el).to.be.accessible();

    type($<HTMLInputElement>(el, 'input[name="description"]')!, 'Besneeuwde tuin met een gele zon');
    const posted = oneEvent(el, 'care-board-posted');
    await post(el);
    expect((await posted).detail.post.photos).to.have.length(1);
    const first = posts(el)[0]!;
    expect(text(first)).to.include('Vandaag de eerste sneeuw gezien.');
    expect(text(first.querySelector('[part~="meta"]')!)).to.match(/^U /);
    expect(first.querySelector('img')!.alt).to.equal('Besneeuwde tuin met een gele zon');
    expect($(el, '[part~="preview"]')).to.equal(null);
    expect($<HTMLTextAreaElement>(el, 'textarea[name="text"]')!.value).to.equal('');
  });

  it('refuses a file that is not a photo with the BFF’s Dutch reason, and keeps the text', async () => {
    const el = await inPortal();
    type($<HTMLTextAreaElement>(el, 'textarea[name="text"]')!, 'Hier de brief van de gemeente.');
    const pdf = new File(['%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF'], 'brief.jpg', { type: 'image/jpeg' });
    await choose(el, pdf);
    await uploadsDone(el);
    expect(uploadStates(el)[0]).to.match(/^Dit bestand is geen foto die het portaal kan tonen\./);
    expect(button(el, 'Opnieuw proberen', $(el, '[part~="preview"]')!)).to.exist;
    await expect(el).to.be.accessible();

    button(el, 'Foto weghalen')!.click();
    await el.updateComplete;
    expect($(el, '[part~="preview"]')).to.equal(null);
    expect($<HTMLTextAreaElement>(el, 'textarea[name="text"]')!.value).to.equal('Hier de brief van de gemeente.');
  });

  it('tries a failed upload again under the same Idempotency-Key, and posts once it is there', async () => {
    const el = await inPortal();
    const keys: string[] = [];
    const realSetHeader = XMLHttpRequest.prototype.setRequestHeader;
    const realSend = XMLHttpRequest.prototype.send;
    let failNext = true;
    XMLHttpRequest.prototype.setRequestHeader = function (name: string, value: string) {
      if (name === 'Idempotency-Key') keys.push(value);
      realSetHeader.call(this, name, value);
    };
    // The phone's network drops the first upload: the browser reports a network error.
    XMLHttpRequest.prototype.send = function (body) {
      if (!failNext) return realSend.call(this, body);
      failNext = false;
      setTimeout(() => this.dispatchEvent(new ProgressEvent('error')), 10);
    };
    try {
      type($<HTMLTextAreaElement>(el, 'textarea[name="text"]')!, 'Tweede poging met een foto.');
      await choose(el, await photoFile('tuin.jpg', '#1565c0'));
      await uploadsDone(el);
      expect(uploadStates(el)[0]).to.match(/^Niet verstuurd\./);
      type($<HTMLInputElement>(el, 'input[name="description"]')!, 'Blauwe lucht boven de tuin');
      button(el, 'Opnieuw proberen', $(el, '[part~="preview"]')!)!.click();
      await el.updateComplete;
      await uploadsDone(el);
      expect(uploadStates(el)).to.deep.equal(['Verstuurd']);
      expect(keys).to.have.length(2);
      expect(keys[1]).to.equal(keys[0]);
    } finally {
      XMLHttpRequest.prototype.setRequestHeader = realSetHeader;
      XMLHttpRequest.prototype.send = realSend;
    }
    await post(el);
    expect(text(posts(el)[0]!)).to.include('Tweede poging met een foto.');
  });

  it('posts once the photos are there when "Plaatsen" is chosen during their upload', async () => {
    const el = await inPortal();
    const realSend = XMLHttpRequest.prototype.send;
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    XMLHttpRequest.prototype.send = function (body) {
      void held.then(() => realSend.call(this, body));
    };
    try {
      type($<HTMLTextAreaElement>(el, 'textarea[name="text"]')!, 'Geplaatst zodra de foto er is.');
      await choose(el, await photoFile('wacht.jpg', '#6d4c41'));
      type($<HTMLInputElement>(el, 'input[name="description"]')!, 'Bruine achtergrond met een zon');
      await post(el);
      expect(text($(el, '.compose [role="alert"]')!)).to.equal("Even geduld: de foto's worden nog verstuurd.");
      expect(posts(el).some((p) => text(p).includes('Geplaatst zodra de foto er is.'))).to.equal(false);
    } finally {
      XMLHttpRequest.prototype.send = realSend;
      release();
    }
    await waitUntil(() => postWith(el, 'Geplaatst zodra de foto er is.'), 'the post never went out', { timeout: 10000 });
    await el.updateComplete;
    expect($(el, '.compose [role="alert"]')).to.equal(null);
    expect($(el, '[part~="preview"]')).to.equal(null);
  });

  it('replies under a post and deletes the reply after "Verwijderen?"', async () => {
    const el = await inPortal();
    const target = posts(el)[0]!;
    const field = target.querySelector<HTMLTextAreaElement>('textarea[name="reply"]')!;
    type(field, 'Wat fijn om te lezen!');
    button(el, 'Reageer', target)!.click();
    await waitUntil(() => text(posts(el)[0]!).includes('Wat fijn om te lezen!'), 'the reply never appeared', { timeout: 8000 });
    await el.updateComplete;
    const reply = [...posts(el)[0]!.querySelectorAll('[part~="reply"]')].find((r) => text(r).includes('Wat fijn om te lezen!'))!;
    button(el, 'Reactie verwijderen', reply)!.click();
    await el.updateComplete;
    const dialog = $<HTMLDialogElement>(el, 'dialog[part~="dialog"]')!;
    expect(dialog.open).to.equal(true);
    await expect(el).to.be.accessible();
    button(el, 'Verwijderen', dialog)!.click();
    await waitUntil(() => !text(posts(el)[0]!).includes('Wat fijn om te lezen!'), 'the reply stayed', { timeout: 8000 });
  });

  it('refuses an empty reply with a clear line', async () => {
    const el = await inPortal();
    const target = posts(el)[0]!;
    button(el, 'Reageer', target)!.click();
    await el.updateComplete;
    expect(text(target.querySelector('[role="alert"]')!)).to.equal('Schrijf eerst uw reactie.');
  });

  it('shows a new post of another window at once, without a reload', async () => {
    const portal = await fixture(html`<care-portal tenant=${LINDE} api="">
      <care-board id="a"></care-board><care-board id="b"></care-board>
    </care-portal>`);
    const [a, b] = [...portal.querySelectorAll('care-board')].map((el) => el) as [CareBoard, CareBoard];
    await settled(a);
    await settled(b);
    // Give b's stream a moment to be open before a posts.
    await new Promise((resolve) => setTimeout(resolve, 300));
    type($<HTMLTextAreaElement>(a, 'textarea[name="text"]')!, 'Live op het prikbord.');
    await post(a);
    await waitUntil(() => postWith(b, 'Live op het prikbord.'), 'the post never reached the other widget', { timeout: 8000 });
  });

  it('opens a photo larger in a dialog that works by keyboard, and gives the focus back', async () => {
    const el = await inPortal();
    const withPhotos =
      posts(el).find((p) => p.querySelectorAll('[part~="photo"]').length > 1) ?? posts(el).find((p) => p.querySelector('[part~="photo"]'))!;
    const thumb = withPhotos.querySelector<HTMLButtonElement>('[part~="photo"]')!;
    thumb.focus();
    thumb.click();
    await el.updateComplete;
    const dialog = $<HTMLDialogElement>(el, 'dialog[part~="photo-dialog"]')!;
    expect(dialog.open).to.equal(true);
    expect(text(dialog.querySelector('figcaption')!)).to.match(/^Foto 1 van \d+: /);
    expect(el.shadowRoot!.activeElement).to.equal(button(el, 'Sluiten', dialog));
    await expect(el).to.be.accessible();
    if (withPhotos.querySelectorAll('[part~="photo"]').length > 1) {
      dialog.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
      await el.updateComplete;
      expect(text(dialog.querySelector('figcaption')!)).to.match(/^Foto 2 van /);
    }
    dialog.close();
    await waitUntil(() => !$(el, 'dialog[part~="photo-dialog"]'), 'the dialog stayed', { timeout: 4000 });
    expect(el.shadowRoot!.activeElement).to.equal(thumb);
  });

  it('fits 320 px with a photo chosen and with a photo open, without sideways scrolling', async () => {
    await setViewport(320, 640);
    try {
      const el = await inPortal();
      await choose(el, await photoFile());
      await uploadsDone(el);
      expect(overflowingParts(el)).to.deep.equal([]);
      expect(pageScrollsSideways()).to.equal(false);
      el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="photo"]')!.click();
      await el.updateComplete;
      expect(overflowingParts(el)).to.deep.equal([]);
      expect(pageScrollsSideways()).to.equal(false);
      $<HTMLDialogElement>(el, 'dialog[part~="photo-dialog"]')!.close();
      button(el, 'Foto weghalen')!.click();
    } finally {
      await setViewport(800, 600);
    }
  });

  it('speaks English when the portal does', async () => {
    const el = await inPortal('en');
    await waitUntil(() => text($(el, '[part~="heading"]')!) === 'Bulletin board', 'no English', { timeout: 4000 });
    expect(button(el, 'Post')).to.exist;
    expect(text(el.shadowRoot!)).to.match(/\(care team\)/);
  });
});

runDataWidgetStateSuite({
  tag: 'care-board',
  tenant: LINDE,
  username: 'j.de.vries',
  empty: {
    answer: (path) => (path.startsWith('/board?') ? { items: [], nextBefore: null, unreadCount: 0 } : undefined),
    text: 'Er staat nog niets op het prikbord. Plaats hieronder het eerste bericht.',
  },
  noAccess: 'U heeft geen toegang tot het prikbord van Johanna de Vries.',
});
