import type { Locale } from '../shared/i18n.js';
import type { Params, WidgetMessages } from '../shared/messages.js';

/**
 * The login's translate helper: each catalogue of the login (care-login.messages.ts,
 * steps/*.messages.ts) exports `t = translator(itsMessages)`, and a step writes
 * `t(flow, 'code.heading')`: the text in the flow's language.
 */
export const translator =
  <K extends string>(messages: WidgetMessages<K>) =>
  (flow: { locale: Locale }, key: K, params?: Params) =>
    messages.t(flow.locale, key, params);
