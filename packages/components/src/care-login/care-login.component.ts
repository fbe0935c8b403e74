import { html, nothing } from 'lit/html.js';
import { t } from './care-login.messages.js';
import { LightElement } from './light-element.js';
import { LoginFlow, type StepModules } from './login-flow.js';
import { renderSignIn } from './steps/sign-in.js';

export type { CareLoginDetail } from './login-flow.js';

// The element is a shell: the login's state, requests and step modules are its LoginFlow
// controller (login-flow.ts); each step renders from the flow (steps/*.ts, never this module),
// and the element renders the current one and moves the focus where the flow asks.

const later = () => import('./after-first-screen.js');

/** The steps after the first screen, all in one module (after-first-screen.ts) the flow loads on first use. */
const steps: StepModules = {
  code: async () => (await later()).codeStep,
  done: async () => (await later()).signedInStep,
  password: async () => (await later()).firstLoginSteps,
  terms: async () => (await later()).firstLoginSteps,
  forgot: async () => (await later()).recoverySteps,
  'forgot-sent': async () => (await later()).recoverySteps,
  reset: async () => (await later()).recoverySteps,
  activate: async () => (await later()).recoverySteps,
  'activate-choose': async () => (await later()).recoverySteps,
  account: async () => (await later()).accountStep,
};

/**
 * The login of the client portal: username and password, the code by SMS, e-mail or an
 * authenticator app, the first login's new password and terms of use, a forgotten password's
 * reset link and the activation of an invited account (`?reset=` and `?activate=` in the page's
 * address). Inside `<care-portal>` it tells the portal the session; alone it needs `tenant`.
 * Signed in, "Mijn inloggegevens" beside "Uitloggen" lets the client change the password and,
 * where the organisation offers a choice, the second factor, enrolling an authenticator app.
 *
 * Rendered into the light DOM, not a shadow root: password managers and the browser's
 * one-time-code autofill do not reliably see inputs in shadow roots, so the credential fields
 * are native inputs in a real `<form>` of the page. Its styles are adopted into the document (or
 * the shadow root it lives in) and every selector starts with `care-login .care-login`; the
 * element's own tags are reset with `all: revert` so the host page's element styles do not leak
 * in. Theme it with the `--care-*` tokens; `part` attributes mark the stable pieces, which a
 * host page reaches as `care-login [part~="button"]` (there is no shadow root for `::part()`).
 *
 * Username and password are in this module; every other step is in one chunk that loads once
 * the fields show (so the code step is there before the password has been checked), and adopts
 * a step's styles when it first shows; Dutch is inline while English is loaded on first use.
 *
 * @summary Login with password and SMS code, first login, forgotten password, activation, own login details.
 *
 * @fires care-login - Signed in. `detail: { accountId, displayName, clientId, restored }`; bubbles, composed. `<care-portal>` follows it.
 * @fires care-logout - Signed out with "Uitloggen". Bubbles, composed. `<care-portal>` follows it.
 *
 * @csspart form - The form of the current step.
 * @csspart heading - The step's heading (an h2 that receives focus when the step changes).
 * @csspart input - Every text, password and code input.
 * @csspart code-input - The 6-digit code input.
 * @csspart label - The labels of the inputs.
 * @csspart button - The main button of a step.
 * @csspart link - Link-like buttons: "Wachtwoord vergeten?", "Terug naar inloggen".
 * @csspart error - The alert with the step's error.
 * @csspart notice - A confirmation, e.g. that a new code was sent.
 * @csspart checklist - The password rules with ✓ and ✗.
 *
 * @cssproperty --care-font-family - Font. Default: inherited from the page.
 * @cssproperty --care-font-size - Base size; everything inside is in em. Default: `medium`, the reader's browser setting.
 * @cssproperty --care-color-text - Text colour.
 * @cssproperty --care-color-text-muted - Hints.
 * @cssproperty --care-color-background - Input background.
 * @cssproperty --care-color-surface - Background of the terms text and of the code prefix.
 * @cssproperty --care-color-border - Input borders.
 * @cssproperty --care-color-primary - Buttons and links.
 * @cssproperty --care-color-primary-text - Text on buttons.
 * @cssproperty --care-color-focus - Focus outline.
 * @cssproperty --care-color-heading - The step's heading. Default: `--care-color-text`.
 * @cssproperty --care-color-link - Link-like buttons. Default: `--care-color-primary`.
 * @cssproperty --care-input-border-color - Input borders (2px). Default: `--care-color-border`.
 * @cssproperty --care-input-border-radius - Input corners. Default: `--care-radius`.
 * @cssproperty --care-input-background-color - Input background. Default: `--care-color-background`.
 * @cssproperty --care-input-color - Input text. Default: `--care-color-text`.
 * @cssproperty --care-button-background-color - Main buttons. Default: `--care-color-primary`.
 * @cssproperty --care-button-color - Text on main buttons. Default: `--care-color-primary-text`.
 * @cssproperty --care-focus-ring-color - Focus outline. Default: `--care-color-focus`.
 * @cssproperty --care-focus-ring-width - Focus outline width. Default: `3px`.
 * @cssproperty --care-focus-ring-offset - Space between the focus outline and the element. Default: `2px`.
 * @cssproperty --care-color-danger - Error border, ✗ marks, invalid inputs.
 * @cssproperty --care-color-danger-surface - Background of the error alert.
 * @cssproperty --care-color-danger-text - Text of the error alert.
 * @cssproperty --care-color-success - ✓ marks and the confirmation's border.
 * @cssproperty --care-radius - Corner radius.
 *
 * @attr tenant - Slug of the care organisation, when used without `<care-portal>`.
 * @attr api - Base URL of the BFF, when used without `<care-portal>` (as on `<care-portal>`).
 * @attr lang - `nl` or `en`; when absent, the portal's language.
 */
export class CareLogin extends LightElement {
  static override attributes = { tenant: 'tenant', api: 'api', lang: 'language' };

  declare tenant: string | undefined;
  declare api: string | undefined;
  declare language: string | undefined;

  /** @internal The login's state and steps. */
  readonly flow = new LoginFlow(this, steps, async () => (await later()).answers);

  protected override render() {
    const { flow } = this;
    const { step } = flow.view;
    const state = flow.state;
    if (state?.status === 'error' && !flow.portal) {
      return html`<div class="care-login"><p class="care-login__alert" part="error" role="alert">${t(flow, 'unavailable')}</p></div>`;
    }
    if (state?.status !== 'ready' || step === 'loading') return nothing;
    return html`<div class="care-login" lang=${flow.locale}>${(flow.loaded[step]?.steps[step] ?? renderSignIn)(flow)}</div>`;
  }

  /** The focus the flow asked for: a new step's heading, or the first field an error is about. */
  protected override updated(): void {
    const { flow } = this;
    const target = flow.focus ? this.querySelector<HTMLInputElement>(flow.focus) : null;
    flow.focus = '';
    target?.focus();
    // Not a checkbox's or a date's: the text to type over.
    if (target && /^(text|password)$/.test(target.type)) target.select();
  }
}
