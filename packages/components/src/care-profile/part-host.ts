import type { ReactiveElement } from 'lit';
import type { ApiError, CareApiClient } from '../shared/api-client.js';
import type { Locale } from '../shared/i18n.js';

/**
 * What <care-profile> (a CareDataElement) lends a part it loads lazily ("Download mijn dossier",
 * "Uw eigen gegevens"): itself; client, locale, idFor and apiError are protected members.
 */
export interface ProfilePartHost extends ReactiveElement {
  readonly client: CareApiClient | undefined;
  readonly locale: Locale;
  idFor(name: string): string;
  /** Any failure as an ApiError; a 401 ends the widget's session. */
  apiError(error: unknown): ApiError;
}
