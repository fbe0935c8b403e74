import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { render } from 'lit/html.js';

/**
 * The base class of <care-login>: a custom element that renders its lit-html template into its
 * own light DOM and hosts Lit's reactive controllers, without LitElement.
 *
 * The login renders no shadow root, adopts no styles into one and has three string attributes,
 * so of LitElement it used only the update cycle, and LitElement brings ReactiveElement: 3 KB
 * min+gzip, a quarter of what must load before the login form shows and the part of lit by which
 * the whole login stayed over 20 KB (SPEC.md, issue 15). The widgets with a shadow root stay
 * LitElements; a portal page loads ReactiveElement for them anyway.
 *
 * It keeps the part of ReactiveElement's contract that the login's controllers (LoginFlow,
 * MessagesController) and tests rely on:
 * - `attributes` maps each observed attribute to a string property; setting the property to
 *   another value, or the attribute, asks for an update, and a value set on the element before
 *   its class was defined is taken over;
 * - updates are batched to one per microtask and start once the element is first connected;
 *   controllers hear `hostConnected` (also when added to a connected element),
 *   `hostDisconnected`, `hostUpdate` before `render()` and `hostUpdated` before `updated()`;
 * - `updateComplete` resolves after the update under way, to false when `updated()` asked for
 *   another; an error in an update rejects it, as Lit's does, and the next update runs again.
 * Not kept: property options (`type`, `reflect`, `hasChanged`), `shouldUpdate`, `willUpdate`,
 * `firstUpdated`, async directives and the `host` of lit-html's render options (its listeners are
 * closures), which the login does not use.
 */
export abstract class LightElement extends HTMLElement implements ReactiveControllerHost {
  /** Observed attribute → the string property it sets (absent: undefined). */
  static attributes: Record<string, string> = {};

  // Read by customElements.define(), once per class, before any instance is made.
  static get observedAttributes(): string[] {
    for (const property of Object.values(this.attributes)) {
      if (Object.hasOwn(this.prototype, property)) continue;
      Object.defineProperty(this.prototype, property, {
        get(this: LightElement) {
          return this.#values[property];
        },
        set(this: LightElement, value: string | undefined) {
          if (this.#values[property] === value) return;
          this.#values[property] = value;
          this.requestUpdate();
        },
        configurable: true,
      });
    }
    return Object.keys(this.attributes);
  }

  readonly #values: Record<string, string | undefined> = {};
  readonly #controllers = new Set<ReactiveController>();
  /** Connected once: controllers added from now on hear hostConnected at once. */
  #enabled = false;
  /** An update is asked for and has not rendered yet; from the constructor, the first one. */
  #pending = true;
  #enable!: (value: boolean) => void;
  #update: Promise<boolean> = new Promise((resolve) => {
    this.#enable = resolve;
  });

  constructor() {
    super();
    // A property set on the element before its class was defined shadows the accessor: take it over.
    for (const property of Object.values((this.constructor as typeof LightElement).attributes)) {
      if (!Object.hasOwn(this, property)) continue;
      const value = (this as Record<string, unknown>)[property];
      delete (this as Record<string, unknown>)[property];
      (this as Record<string, unknown>)[property] = value;
    }
    this.#update = this.#update.then(() => this.#performUpdate());
  }

  attributeChangedCallback(name: string, _old: string | null, value: string | null) {
    (this as Record<string, unknown>)[(this.constructor as typeof LightElement).attributes[name]!] = value ?? undefined;
  }

  connectedCallback() {
    this.#enabled = true;
    this.#enable(true);
    for (const controller of this.#controllers) controller.hostConnected?.();
  }

  disconnectedCallback() {
    for (const controller of this.#controllers) controller.hostDisconnected?.();
  }

  addController(controller: ReactiveController): void {
    this.#controllers.add(controller);
    if (this.#enabled && this.isConnected) controller.hostConnected?.();
  }

  removeController(controller: ReactiveController): void {
    this.#controllers.delete(controller);
  }

  requestUpdate(): void {
    if (this.#pending) return;
    this.#pending = true;
    // After the update under way, also when it failed: that error is its own promise's.
    const performUpdate = () => this.#performUpdate();
    this.#update = this.#update.then(performUpdate, performUpdate);
  }

  get updateComplete(): Promise<boolean> {
    return this.#update;
  }

  #performUpdate(): boolean {
    let template: unknown;
    try {
      for (const controller of this.#controllers) controller.hostUpdate?.();
      template = this.render();
    } finally {
      // As in Lit: what the template's commit or updated() asks for is the next update.
      this.#pending = false;
    }
    render(template, this);
    for (const controller of this.#controllers) controller.hostUpdated?.();
    this.updated();
    return !this.#pending;
  }

  /** The light DOM's content: a lit-html template, `nothing`, or any value lit-html renders. */
  protected abstract render(): unknown;

  /** After each update, once the DOM shows it. */
  protected updated(): void {}
}
