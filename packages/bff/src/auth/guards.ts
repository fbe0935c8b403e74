import type { Context } from 'hono';
import type { AppEnv } from '../http/app-env.js';
import { audit } from '../audit/audit-log.js';
import { clientAddress } from '../http/client-address.js';
import { Problem, type FieldError } from '../http/problem.js';
import type { TenantRecord } from '../tenants/queries.js';
import { evaluatePassword, ruleMessage } from './password-policy.js';
import { authLimits, consume } from './rate-limits.js';

/** The one answer to a failed password step, whatever the reason: it must not tell them apart. */
export function invalidCredentials() {
  return new Problem(401, 'invalid-credentials', 'Inloggen mislukt', 'De gebruikersnaam of het wachtwoord is niet juist.');
}

export function loginDelayed(retryAfter: number) {
  return new Problem(
    429,
    'login-delayed',
    'Even wachten',
    `Er is te vaak een verkeerd wachtwoord ingevuld. Probeer het over ${retryAfter} seconden opnieuw.`,
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
    throw Problem.tooManyRequests('Te veel pogingen vanaf dit adres. Probeer het later opnieuw.', result.retryAfterSeconds);
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
  const errors: (FieldError & { rule?: string })[] = rules
    .filter((r) => !r.ok)
    .map((r) => ({ field, rule: r.rule, detail: ruleMessage(r.rule, policy) }));
  if (body.newPassword !== body.repeatPassword)
    errors.push({ field: 'repeatPassword', rule: 'repeatMatches', detail: 'De wachtwoorden zijn niet hetzelfde.' });
  if (errors.length) {
    throw new Problem(400, 'password-policy', 'Het wachtwoord voldoet niet', errors.map((e) => e.detail).join(' '), {
      errors,
      rules: [...rules, { rule: 'repeatMatches', ok: body.newPassword === body.repeatPassword }],
    });
  }
}

export function invalidLink() {
  return new Problem(400, 'invalid-link', 'Link niet meer geldig', 'Deze link is verlopen of al gebruikt. Vraag een nieuwe link aan.', {
    errors: [{ field: 'token', detail: 'expired, used or unknown' }],
  });
}
