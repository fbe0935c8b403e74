import type { Context } from 'hono';
import type { AppEnv } from '../http/app-env.js';
import { audit } from '../audit/audit-log.js';
import { clientAddress } from '../http/client-address.js';
import { inLanguage, Problem, type FieldError, type Language, type Text } from '../http/problem.js';
import type { TenantRecord } from '../tenants/queries.js';
import { evaluatePassword, ruleMessage } from './password-policy.js';
import { authLimits, consume } from './rate-limits.js';

/** The one answer to a failed password step, whatever the reason: it must not tell them apart. */
export function invalidCredentials() {
  return new Problem(
    401,
    'invalid-credentials',
    { nl: 'Inloggen mislukt', en: 'Sign-in failed' },
    { nl: 'De gebruikersnaam of het wachtwoord is niet juist.', en: 'The username or the password is not correct.' },
  );
}

export function loginDelayed(retryAfter: number) {
  return new Problem(
    429,
    'login-delayed',
    { nl: 'Even wachten', en: 'Please wait' },
    {
      nl: `Er is te vaak een verkeerd wachtwoord ingevuld. Probeer het over ${retryAfter} seconden opnieuw.`,
      en: `A wrong password was entered too often. Try again in ${retryAfter} seconds.`,
    },
    { retryAfter },
  );
}

/** Per-IP limit on the calls that anyone may make without a session. */
export async function limitAddress<E extends AppEnv>(c: Context<E>) {
  const address = clientAddress(c, c.var.config.trustedProxies);
  if (!address) return;
  const result = await consume(c.var.db, c.var.tenant.id, authLimits.perAddress(address));
  if (!result.allowed) {
    await audit(c, {
      action: 'auth.address.limited',
      outcome: 'denied',
      accountId: null,
      clientId: null,
      details: { path: new URL(c.req.url).pathname },
    });
    throw Problem.tooManyRequests(
      { nl: 'Te veel pogingen vanaf dit adres. Probeer het later opnieuw.', en: 'Too many attempts from this address. Try again later.' },
      result.retryAfterSeconds,
    );
  }
}

/**
 * Checks a new password against the repeat and the tenant's policy; throws a 400 that names
 * every failing rule (`rules` holds the whole checklist, as the widget shows it).
 */
export function assertNewPassword(
  tenant: TenantRecord,
  body: { newPassword: string; repeatPassword: string },
  usernameForCheck: string | null,
  field = 'newPassword',
) {
  const policy = tenant.settings.passwordPolicy;
  const rules = evaluatePassword(body.newPassword, policy, { username: usernameForCheck });
  const failed: { field: string; rule: string; text: Text }[] = rules
    .filter((r) => !r.ok)
    .map((r) => ({ field, rule: r.rule, text: ruleMessage(r.rule, policy) }));
  if (body.newPassword !== body.repeatPassword)
    failed.push({
      field: 'repeatPassword',
      rule: 'repeatMatches',
      text: { nl: 'De wachtwoorden zijn niet hetzelfde.', en: 'The passwords are not the same.' },
    });
  if (failed.length) {
    const sentences = (language: Language) => failed.map((f) => inLanguage(f.text, language)).join(' ');
    const errors: (FieldError & { rule?: string })[] = failed.map((f) => ({
      field: f.field,
      rule: f.rule,
      detail: inLanguage(f.text, 'nl'),
    }));
    throw new Problem(
      400,
      'password-policy',
      { nl: 'Het wachtwoord voldoet niet', en: 'The password does not meet the rules' },
      { nl: sentences('nl'), en: sentences('en') },
      {
        errors,
        rules: [...rules, { rule: 'repeatMatches', ok: body.newPassword === body.repeatPassword }],
      },
    );
  }
}

export function invalidLink() {
  return new Problem(
    400,
    'invalid-link',
    { nl: 'Link niet meer geldig', en: 'Link no longer valid' },
    {
      nl: 'Deze link is verlopen of al gebruikt. Vraag een nieuwe link aan.',
      en: 'This link has expired or has already been used. Ask for a new link.',
    },
    {
      errors: [{ field: 'token', detail: 'expired, used or unknown' }],
    },
  );
}
