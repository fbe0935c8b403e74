import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { LitElement } from 'lit';
import { css } from '../shared/css-text.js';
import { defineMessages } from '../shared/messages.js';
import { LoginFlow, type Answers, type StepModule } from './login-flow.js';
import { LINDE } from './login-testing.js';

/**
 * The flow on its own, in an element that is not <care-login>, with step modules and answers of
 * the test's making: what the element tests would only reach through the BFF.
 */
class FlowHost extends LitElement {
  protected override createRenderRoot() {
    return this;
  }
}
customElements.define('login-flow-test-host', FlowHost);

/** A host with the attributes of a <care-login> alone on a page: the flow asks the BFF for the tenant. */
class OwnTenantHost extends FlowHost {
  tenant = LINDE;
  api = '';
}
customElements.define('login-flow-own-tenant-host', OwnTenantHost);

const noAnswers: Answers = { resume: async () => false, afterStep: async () => undefined, showError: async () => undefined };

describe('LoginFlow', () => {
  it('loads a step’s module once, with its styles, and tells it each time the flow leaves one of its steps', async () => {
    const host = await fixture<FlowHost>(html`<login-flow-test-host></login-flow-test-host>`);
    let loads = 0;
    const left: string[] = [];
    const module: StepModule = {
      steps: { forgot: () => html``, 'forgot-sent': () => html`` },
      messages: defineMessages({ text: 'tekst' }, async () => ({ default: { text: 'text' } })),
      styles: css`
        login-flow-test-host {
          outline-style: dotted;
        }
      `,
      leave: (flow) => left.push(flow.view.step),
    };
    const load = async () => {
      loads += 1;
      return module;
    };
    const flow = new LoginFlow(host, { forgot: load, 'forgot-sent': load }, async () => noAnswers);

    flow.patch({ error: 'Oud', invalid: ['username'], notice: 'Oud' });
    await flow.go('forgot');
    expect(flow.view).to.include({ step: 'forgot', error: '', notice: '' });
    expect(flow.view.invalid).to.deep.equal([]);
    expect(flow.focus).to.equal('.care-login__heading');
    expect(getComputedStyle(host).outlineStyle).to.equal('dotted');
    await flow.go('forgot-sent', {}, false);
    expect(flow.focus).to.equal('');
    await flow.go('login');
    expect(loads).to.equal(1);
    expect(flow.loaded['forgot-sent']).to.equal(module);
    expect(left).to.deep.equal(['forgot', 'forgot-sent']);
  });

  it('runs one request at a time, busy meanwhile, and shows what failed through answers.ts or, without it, as unavailable', async () => {
    const host = await fixture<FlowHost>(html`<login-flow-test-host></login-flow-test-host>`);
    const shown: unknown[] = [];
    const answers: Answers = {
      ...noAnswers,
      showError: async (flow, cause) => {
        shown.push(cause);
        flow.fail('Mis', ['password']);
      },
    };
    const flow = new LoginFlow(host, {}, async () => answers);
    let calls = 0;
    let fail!: (error: Error) => void;
    const first = flow.run(() => {
      calls += 1;
      return new Promise((_, reject) => (fail = reject));
    });
    expect(flow.view.busy).to.equal(true);
    await flow.run(async () => {
      calls += 1;
    });
    expect(calls).to.equal(1);
    const cause = new Error('boom');
    fail(cause);
    await first;
    expect(shown).to.deep.equal([cause]);
    expect(flow.view).to.include({ busy: false, error: 'Mis' });
    expect(flow.view.invalid).to.deep.equal(['password']);
    expect(flow.focus).to.equal('[aria-invalid=true]');

    const offline = new LoginFlow(host, {}, () => Promise.reject(new TypeError('Failed to fetch')));
    await offline.run(() => Promise.reject(new Error('boom')));
    expect(offline.view.error).to.equal('Het cliëntportaal is op dit moment niet bereikbaar. Probeer het later opnieuw.');
  });

  it('fetches no step code before a signed-out visitor’s fields show, and the code step as soon as they do', async () => {
    const host = await fixture<OwnTenantHost>(html`<login-flow-own-tenant-host></login-flow-own-tenant-host>`);
    const loads: string[] = [];
    const code: StepModule = { steps: { code: () => html`` }, messages: [], styles: css`` };
    const flow: LoginFlow = new LoginFlow(
      host,
      { code: async () => (loads.push(`code on ${flow.view.step}`), code) },
      async () => (loads.push(`answers on ${flow.view.step}`), noAnswers),
    );
    host.requestUpdate();
    await waitUntil(() => flow.view.step === 'login' && loads.length > 0, 'the fields never showed', { timeout: 8000 });
    expect(loads).to.deep.equal(['code on login']);
  });

  it('sends the password without waiting for the steps’ chunk, and goes on once it is there', async () => {
    const host = await fixture<OwnTenantHost>(html`<login-flow-own-tenant-host></login-flow-own-tenant-host>`);
    let chunkArrives!: () => void;
    const chunk = new Promise<void>((resolve) => (chunkArrives = resolve));
    const shown: unknown[] = [];
    const answers: Answers = { ...noAnswers, showError: async (_flow, cause) => void shown.push(cause) };
    const flow: LoginFlow = new LoginFlow(host, {}, async () => (await chunk, answers));
    host.requestUpdate();
    await waitUntil(() => flow.view.step === 'login', 'the fields never showed', { timeout: 8000 });
    const sent = () => performance.getEntriesByType('resource').some((entry) => entry.name.endsWith('/auth/login'));
    expect(sent()).to.equal(false);

    const signingIn = flow.run(() => flow.send('/auth/login', { username: 'niemand-flow-test', password: 'geen-wachtwoord' }));
    await waitUntil(sent, 'the password waited for the chunk', { timeout: 8000 });
    expect(shown).to.deep.equal([]);
    chunkArrives();
    await signingIn;
    expect(shown).to.have.length(1);
    expect(flow.view.busy).to.equal(false);
  });
});
