import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Locale } from './i18n.js';

export type Params = Record<string, string | number>;

export function isLocale(value: unknown): value is Locale {
  return value === 'nl' || value === 'en';
}

/**
 * A widget's own texts: Dutch (the source) inline, English loaded on first use, so a widget
 * carries only its own messages and Dutch-only pages never download English.
 *
 *   // care-plan/care-plan.messages.ts
 *   export const planMessages = defineMessages({ 'plan.heading': 'Cliëntplan' }, () => import('./locales/en.js'));
 *   // care-plan/locales/en.ts
 *   export default { 'plan.heading': 'Client plan' } satisfies Catalogue<typeof nl>;
 */
export interface WidgetMessages<K extends string> {
  /** The text in `locale` (Dutch until the English catalogue has arrived), placeholders `{name}` filled. */
  t(locale: Locale, key: K, params?: Params): string;
  /** Resolves once `locale`'s catalogue is loaded. */
  load(locale: Locale): Promise<void>;
  loaded(locale: Locale): boolean;
}

export type Catalogue<Source> = { [K in keyof Source]: string };

export function defineMessages<K extends string>(
  nl: Record<K, string>,
  loadEnglish: () => Promise<{ default: Record<K, string> }>,
): WidgetMessages<K> {
  let en: Record<K, string> | undefined;
  let pending: Promise<void> | undefined;
  return {
    t(locale, key, params = {}) {
      // '' for a text only the other languages have (shared/states.messages.ts), in Dutch or before English has loaded.
      const template = (locale === 'en' && en ? en[key] : undefined) ?? nl[key] ?? '';
      return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
    },
    load(locale) {
      if (locale !== 'en' || en) return Promise.resolve();
      pending ??= loadEnglish().then((module) => {
        en = module.default;
      });
      return pending;
    },
    loaded(locale) {
      return locale !== 'en' || en !== undefined;
    },
  };
}

/**
 * Re-renders its host when the host's locale needs a catalogue that is still loading.
 * `locale()` reads the host's current locale.
 */
export class MessagesController implements ReactiveController {
  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly messages: Array<WidgetMessages<string>>,
    private readonly locale: () => Locale,
  ) {
    host.addController(this);
  }

  hostUpdate() {
    const locale = this.locale();
    for (const messages of this.messages) {
      if (!messages.loaded(locale)) void messages.load(locale).then(() => this.host.requestUpdate());
    }
  }
}
