import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../care-portal/care-portal.js';
import { runDataWidgetStateSuite } from '../shared/testing/data-widget-states.js';
import { testSession } from '../shared/testing/test-session.js';
import type { CareMessages, Message } from './care-messages.component.js';
import './care-messages.js';
import { forgetFullViews } from '../shared/testing/address.js';

// A full view left open must not reopen in the next test's widgets (the address keeps it).
afterEach(forgetFullViews);

const LINDE = 'zorggroep-de-linde';

const $ = <T extends Element = HTMLElement>(el: CareMessages, selector: string) => el.shadowRoot!.querySelector<T>(selector);
const $$ = <T extends Element = HTMLElement>(el: CareMessages, selector: string) => [...el.shadowRoot!.querySelectorAll<T>(selector)];
const button = (el: CareMessages, text: string) => $$<HTMLButtonElement>(el, 'button').find((b) => b.textContent!.trim().startsWith(text));
const shown = (el: CareMessages) => $$(el, '[part~="message"]');
const textarea = (el: CareMessages) => $<HTMLTextAreaElement>(el, 'textarea')!;

async function settled(el: CareMessages) {
  await el.updateComplete;
  await waitUntil(() => !$(el, '[aria-busy="true"]'), 'the messages stay loading', { timeout: 8000 });
  await el.updateComplete;
  return el;
}

async function inPortal(options: { view?: 'home' | 'all'; lang?: string; hidden?: boolean } = {}) {
  const portal = await fixture(html`<care-portal tenant=${LINDE} api="" lang=${options.lang ?? ''}>
    <care-messages view=${options.view ?? 'home'} ?hidden=${options.hidden ?? false}></care-messages>
  </care-portal>`);
  if (!options.lang) portal.removeAttribute('lang');
  return settled(portal.querySelector('care-messages')!);
}

/** The live stream is open (its first `unread` event has arrived). */
async function streaming(el: CareMessages) {
  await waitUntil(() => (el as unknown as { stream?: EventSource }).stream?.readyState === EventSource.OPEN, 'the stream never opened', {
    timeout: 8000,
  });
}

async function write(el: CareMessages, text: string) {
  textarea(el).value = text;
  textarea(el).dispatchEvent(new InputEvent('input'));
  await el.updateComplete;
}

async function thread(): Promise<Message[]> {
  const response = await fetch(`/api/tenants/${LINDE}/messages?limit=100`);
  return ((await response.json()) as { items: Message[] }).items;
}

describe('<care-messages>', () => {
  before(async () => {
    await testSession(LINDE, 'j.de.vries');
  });

  it('shows the last 4 messages, oldest first, the client’s own as "U" and the care team’s by name', async () => {
    const el = await inPortal();
    expect($(el, 'h2')!.textContent).to.equal('Berichten');
    expect(shown(el)).to.have.length(4);
    const times = shown(el).map((m) => Date.parse(m.querySelector('time')!.getAttribute('datetime')!));
    expect([...times].sort((a, b) => a - b)).to.deep.equal(times);
    const newest = (await thread()).slice(0, 4).reverse();
    shown(el).forEach((item, i) => {
      const message = newest[i]!;
      expect(item.querySelector('.body')!.textContent).to.equal(message.body);
      const sender = item.querySelector('.sender')!.textContent!.replace(/\s+/g, ' ').trim();
      if (message.own) {
        expect(sender).to.equal('U');
        expect(item.getAttribute('part')).to.contain('message-own');
      } else {
        expect(sender).to.equal(`Van ${message.sender.name}`);
        expect(item.querySelector('.role')!.textContent).to.match(/^\((zorgteam|naaste)\)$/);
      }
    });
    // Amsterdam time, as the client knows it, whatever the browser's zone.
    expect(shown(el)[0]!.querySelector('time')!.textContent).to.match(/\d{4}, \d{2}:\d{2}$/);
    expect(button(el, 'Stuur')!.type).to.equal('submit');
    expect(textarea(el).labels![0]!.textContent).to.equal('Uw bericht');
    await expect(el).to.be.accessible();
  });

  it('opens "Alle berichten" and pages back through the history with "Oudere berichten laden"', async () => {
    const el = await inPortal();
    const navigate = oneEvent(el, 'care-navigate');
    button(el, 'Alle berichten')!.click();
    expect((await navigate).detail).to.deep.equal({ widget: 'care-messages', view: 'all' });
    await settled(el);
    expect($(el, 'h2')!.textContent).to.equal('Alle berichten');
    expect(shown(el)).to.have.length(20);
    const total = (await thread()).length;
    expect(total).to.be.greaterThan(20);
    while (button(el, 'Oudere berichten laden')) {
      const before = shown(el).length;
      button(el, 'Oudere berichten laden')!.click();
      await waitUntil(() => shown(el).length > before, 'no older messages came', { timeout: 8000 });
      await el.updateComplete;
    }
    expect(shown(el)).to.have.length(total);
    const ids = shown(el).map((m) => m.dataset['id']);
    expect(new Set(ids).size).to.equal(total);
    const times = shown(el).map((m) => Date.parse(m.querySelector('time')!.getAttribute('datetime')!));
    expect([...times].sort((a, b) => a - b)).to.deep.equal(times);
    expect($(el, '[role="status"]')!.textContent).to.equal('Dit zijn al uw berichten.');
    await expect(el).to.be.accessible();
  });

  it('shows a care team reply without a reload, counts it unread while out of view, and marks it read when shown', async () => {
    const el = await inPortal({ hidden: true });
    await streaming(el);
    const before = el.unread;
    const counted = oneEvent(el, 'care-unread-changed');
    const body = `Ik kom morgen om 10 uur langs. (${Date.now()})`;
    const reply = await fetch('/dev/messages/reply', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ tenant: LINDE, clientUsername: 'j.de.vries', from: 'Zr. Jansen', body }),
    });
    expect(reply.status).to.equal(201);
    const { messageId } = (await reply.json()) as { messageId: string };
    expect((await counted).detail).to.deep.equal({ count: before + 1 });
    expect(el.getAttribute('unread')).to.equal(String(before + 1));
    const last = shown(el).at(-1)!;
    expect(last.dataset['id']).to.equal(messageId);
    expect(last.querySelector('.body')!.textContent).to.equal(body);
    expect(last.querySelector('.sender')!.textContent).to.contain('Zr. Jansen');
    expect(last.querySelector('.badge')!.textContent).to.equal('Nieuw');
    expect(shown(el)).to.have.length(4);

    // Shown on screen: marked read, the count drops to 0 for the host's badge.
    const read = oneEvent(el, 'care-unread-changed');
    el.hidden = false;
    expect((await read).detail).to.deep.equal({ count: 0 });
    expect(el.getAttribute('unread')).to.equal('0');
    expect((await thread()).find((m) => m.id === messageId)!.readAt).to.be.a('string');
  });

  it('shows a sent message at once as "Wordt verstuurd…" until it is stored', async () => {
    const el = await inPortal();
    const body = `Hoe laat komt de zuster morgen? (${Date.now()})`;
    await write(el, body);
    const sent = oneEvent(el, 'care-message-sent');
    button(el, 'Stuur')!.click();
    await el.updateComplete;
    const pending = shown(el).at(-1)!;
    expect(pending.querySelector('.body')!.textContent).to.equal(body);
    expect(pending.querySelector('[part~="delivery"]')!.textContent).to.equal('Wordt verstuurd…');
    expect(textarea(el).value).to.equal('');
    const { detail } = await sent;
    await el.updateComplete;
    const stored = shown(el).at(-1)!;
    expect(stored.dataset['id']).to.equal(detail.message.id);
    expect(stored.querySelector('[part~="delivery"]')).to.equal(null);
    expect(stored.querySelector('.sender')!.textContent).to.equal('U');
    expect((await thread()).filter((m) => m.body === body)).to.have.length(1);
  });

  it('keeps the text of a send whose answer was lost and retries it under the same key, stored once', async () => {
    const el = await inPortal();
    await streaming(el);
    const body = `Graag een belletje over de medicatie. (${Date.now()})`;
    const realFetch = window.fetch;
    const keys: string[] = [];
    // The BFF stores the message, but the answer never reaches the page (the train enters a tunnel).
    window.fetch = async (input, init) => {
      if (init?.method === 'POST' && String(input).endsWith('/messages')) {
        keys.push(new Headers(init.headers).get('Idempotency-Key')!);
        await realFetch(input, init);
        throw new TypeError('Failed to fetch');
      }
      return realFetch(input, init);
    };
    try {
      await write(el, body);
      button(el, 'Stuur')!.click();
      await waitUntil(() => $(el, '.delivery--failed'), 'the send never failed', { timeout: 8000 });
    } finally {
      window.fetch = realFetch;
    }
    const failed = $(el, '.message--failed')!;
    expect(failed.querySelector('.body')!.textContent).to.equal(body);
    expect(failed.querySelector('[part~="delivery"]')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal(
      'Niet verstuurd — Opnieuw proberen',
    );
    await expect(el).to.be.accessible();

    window.fetch = async (input, init) => {
      if (init?.method === 'POST' && String(input).endsWith('/messages')) keys.push(new Headers(init.headers).get('Idempotency-Key')!);
      return realFetch(input, init);
    };
    try {
      const sent = oneEvent(el, 'care-message-sent');
      button(el, 'Opnieuw proberen')!.click();
      await sent;
    } finally {
      window.fetch = realFetch;
    }
    await el.updateComplete;
    expect(keys).to.have.length(2);
    expect(keys[1]).to.equal(keys[0]);
    expect($(el, '.message--failed')).to.equal(null);
    // The stream brought the stored message too: it is shown once, and stored once.
    expect(shown(el).filter((m) => m.querySelector('.body')!.textContent === body)).to.have.length(1);
    expect((await thread()).filter((m) => m.body === body)).to.have.length(1);
  });

  it('counts characters from 1,800 on and refuses an empty or too long message', async () => {
    const el = await inPortal();
    const counter = () => $(el, '[part~="counter"]')!;
    expect(counter().getAttribute('aria-live')).to.equal('polite');
    button(el, 'Stuur')!.click();
    await el.updateComplete;
    expect($(el, '.field-error')!.textContent).to.equal('Schrijf eerst uw bericht.');
    expect(textarea(el).getAttribute('aria-invalid')).to.equal('true');
    await write(el, 'a'.repeat(1799));
    expect(counter().textContent).to.equal('');
    await write(el, '😀'.repeat(1800));
    expect(counter().textContent).to.equal('Nog 200 tekens');
    await write(el, 'a'.repeat(2003));
    expect(counter().textContent).to.equal('3 tekens te veel');
    button(el, 'Stuur')!.click();
    await el.updateComplete;
    expect($(el, '.field-error')!.textContent).to.equal('Uw bericht is te lang: maximaal 2000 tekens.');
    expect(shown(el).some((m) => m.querySelector('.delivery'))).to.equal(false);
  });

  it('shows the session-expired state and tells the host', async () => {
    await testSession(LINDE, 'j.de.vries', { revoked: true });
    try {
      const el = await fixture<CareMessages>(html`<care-messages tenant=${LINDE} api=""></care-messages>`);
      const expired = await oneEvent(el, 'care-session-expired');
      expect(expired.detail).to.deep.equal({ code: 'session-expired', tenant: LINDE });
      await el.updateComplete;
      expect($(el, '[role="alert"]')!.textContent).to.contain('Uw sessie is verlopen.');
      expect(textarea(el)).to.equal(null);
    } finally {
      await testSession(LINDE, 'j.de.vries');
    }
  });

  it('works alone, speaks English with lang="en" and fits a 320 px wide phone', async () => {
    const el = await settled(
      await fixture<CareMessages>(html`<care-messages tenant=${LINDE} api="" lang="en" style="width: 320px"></care-messages>`),
    );
    await waitUntil(() => $(el, 'h2')!.textContent === 'Messages', 'English never arrived');
    expect(button(el, 'Send')).to.exist;
    expect(button(el, 'All messages')).to.exist;
    expect($(el, '[part~="base"]')!.scrollWidth).to.be.at.most(320);
    // A thread, not a numbered list, and its messages use the card's width for their lines.
    const thread = $(el, '[part~="list"]')!;
    expect(getComputedStyle(thread).listStyleType).to.equal('none');
    expect(getComputedStyle(thread).paddingInlineStart).to.equal('0px');
    await expect(el).to.be.accessible();
  });
});

runDataWidgetStateSuite({
  tag: 'care-messages',
  tenant: 'zorggroep-de-linde',
  username: 'j.de.vries',
  empty: {
    answer: (path) => (path.startsWith('/messages?') ? { items: [], nextBefore: null, unreadCount: 0 } : undefined),
    text: 'Er zijn nog geen berichten. Stel hieronder uw vraag aan het zorgteam.',
  },
  noAccess: 'U heeft geen toegang tot de berichten van Johanna de Vries.',
});
