import { html, nothing, type TemplateResult } from 'lit/html.js';
import { t } from '../care-login.messages.js';
import type { LoginFlow } from '../login-flow.js';

/**
 * What every step's form is made of. Every step is a real form with native inputs in the light
 * DOM, so Enter sends it and password managers and one-time-code autofill see its fields.
 */
export function form(flow: LoginFlow, heading: string, onSubmit: (form: FormData) => unknown, body: TemplateResult) {
  const { view } = flow;
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    if (!flow.view.busy) void onSubmit(new FormData(e.currentTarget as HTMLFormElement));
  };
  return html`<form class="care-login__form" part="form" method="post" action="#" novalidate data-step=${view.step} @submit=${submit}>
    <h2 class="care-login__heading" part="heading" tabindex="-1">${heading}</h2>
    <div class="care-login__notice" part="notice" role="status">${view.notice || nothing}</div>
    <div class="care-login__alert" part="error" role="alert" id=${flow.idOf('error')}>${view.error || nothing}</div>
    ${body}
  </form>`;
}

/** A labelled input; a `password` one shows its text while "Wachtwoord tonen" is on (passwordToggle). */
export function input(
  flow: LoginFlow,
  name: string,
  label: string,
  type: string,
  autocomplete: string,
  options: { value?: string; onInput?: (value: string) => void; describedBy?: string } = {},
) {
  const id = flow.idOf(name);
  const invalid = flow.view.invalid.includes(name);
  const describedBy = [options.describedBy, invalid ? flow.idOf('error') : ''].filter(Boolean).join(' ');
  return html`<div class="care-login__field">
    <label class="care-login__label" part="label" for=${id}>${label}</label>
    <input
      class="care-login__input"
      part="input"
      id=${id}
      name=${name}
      type=${type === 'password' && flow.view.showPassword ? 'text' : type}
      autocomplete=${autocomplete}
      autocapitalize="none"
      spellcheck="false"
      value=${options.value ?? nothing}
      aria-invalid=${invalid ? 'true' : 'false'}
      aria-describedby=${describedBy || nothing}
      @input=${options.onInput ? (e: Event) => options.onInput!((e.target as HTMLInputElement).value) : nothing}
    />
  </div>`;
}

export function submit(flow: LoginFlow, label: string, disabled = false) {
  const busy = flow.view.busy;
  return html`<button class="care-login__button" part="button" type="submit" ?disabled=${disabled} aria-busy=${busy ? 'true' : 'false'}>
    ${busy ? t(flow, 'busy') : label}
  </button>`;
}

export function link(label: string, onClick: () => unknown) {
  return html`<button class="care-login__link" part="link" type="button" @click=${onClick}>${label}</button>`;
}

export function passwordToggle(flow: LoginFlow) {
  const shown = flow.view.showPassword;
  return html`<button
    class="care-login__toggle"
    type="button"
    aria-pressed=${shown ? 'true' : 'false'}
    @click=${() => flow.patch({ showPassword: !shown })}
  >
    <span class="care-login__box" aria-hidden="true">${shown ? '✓' : ''}</span>${t(flow, 'showPassword')}
  </button>`;
}

/** "Vul uw gebruikersnaam in." for an empty field; `label` is the field's label. */
export function required(flow: LoginFlow, label: string) {
  return t(flow, 'required', { field: label.toLowerCase() });
}
