import { en } from '../locales/en.js';
import { nl, type Catalogue, type MessageKey } from '../locales/nl.js';

export type Locale = 'nl' | 'en';
export type { MessageKey };

const catalogues: Record<Locale, Catalogue> = { nl, en };

export function isLocale(value: unknown): value is Locale {
  return value === 'nl' || value === 'en';
}

/** The message for `key` in `locale`, with `{name}` placeholders filled from `params`. */
export function msg(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  const template = catalogues[locale][key] ?? nl[key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
