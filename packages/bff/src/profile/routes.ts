import { Hono, type Context } from 'hono';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { AppEnv, ClientEnv, SessionEnv } from '../http/app-env.js';
import type { ClientScope } from '../http/session-types.js';
import { audit } from '../audit/audit-log.js';
import { maskEmail, maskPhone } from '../auth/accounts.js';
import { authLimits, consume } from '../auth/rate-limits.js';
import { requireClientSession } from '../auth/session-middleware.js';
import { clientAddress } from '../http/client-address.js';
import { ownOrigin } from '../http/own-origin.js';
import { mayDownloadDossier } from '../contacts/rights.js';
import { Problem, parseOr400, readJson } from '../http/problem.js';
import { emailSender } from '../outbox/delivery.js';
import { challengeBinding, sendConfirmationCode, verifyConfirmationCode } from '../auth/confirmation-code.js';
import { checkCurrentPassword, sendIdentityCode, verifyIdentityCode } from './identity-proof.js';
import { EMAIL_LINK_SECONDS, emailConfirmationLink, issueEmailChangeLink, useEmailChangeLink } from './email-change.js';
import { normaliseDutchMobile, pendingChanges, profileRow, profileView } from './queries.js';
import { codeConfirmationBody } from '../contract/confirmation.js';
import { emailChangeBody, emailLinkBody, mobileChangeBody } from './schemas.js';

/** The only fields a client changes in the portal (seed 001); everything else comes from the ECD. */
const EDITABLE = ['mobile', 'email'] as const;

/** Only the client's own account changes the client's contact details, not a relative's. */
function assertOwnProfile<E extends SessionEnv>(c: Context<E>) {
  if (c.var.session.relation !== 'self') {
    throw new Problem(
      403,
      'not-editable',
      { nl: 'Niet te wijzigen', en: 'Cannot be changed' },
      {
        nl: 'Alleen de cliënt zelf kan het mobiele nummer en e-mailadres wijzigen.',
        en: 'Only the client can change the mobile number and e-mail address.',
      },
    );
  }
}

function contactText<E extends AppEnv>(c: Context<E>) {
  const { phone, email } = c.var.tenant.settings.contact;
  return {
    text: 'Klopt er iets niet? Neem contact op met uw persoonlijk begeleider, wijkverpleegkundige of contactverzorgende.',
    organisation: c.var.tenant.name,
    phone,
    email,
  };
}

async function currentContact<E extends AppEnv>(c: Context<E>, scope: ClientScope) {
  const row = await c.var.db
    .selectFrom('accounts')
    .select(['email', 'mobile_phone', 'display_name'])
    .where('tenant_id', '=', scope.tenantId)
    .where('id', '=', scope.accountId)
    .executeTakeFirstOrThrow();
  return row;
}

/** The change an identity challenge opens, as stored in its binding; undefined for any other challenge. */
async function identityChange<E extends SessionEnv>(c: Context<E>, purpose: 'mobile_change' | 'email_change', challengeId: string) {
  const binding = await challengeBinding(c, purpose, challengeId);
  if (binding?.['step'] !== 'identity') return undefined;
  const { step: _step, ...change } = binding;
  return change;
}

/**
 * The client profile ("Cliëntprofiel"), at /profile: read-only personal data from the ECD, and the two fields
 * the client may change. A change first proves who asks (the current password and a code through
 * the current second factor, see identity-proof.ts), then is confirmed through the new channel
 * before it replaces the old; the old number and address are told.
 */
export function profileRoutes() {
  return (
    new Hono<AppEnv>()
      // Opened from the e-mail, possibly on another device: the token alone identifies the change,
      // so this one route comes before the session middleware.
      .post('/email/confirm', async (c) => {
        const body = parseOr400(emailLinkBody, await readJson(c));
        const address = clientAddress(c, c.var.config.trustedProxies);
        if (address) {
          const limit = await consume(c.var.db, c.var.tenant.id, authLimits.perAddress(address));
          if (!limit.allowed)
            throw Problem.tooManyRequests(
              {
                nl: 'Te veel pogingen vanaf dit adres. Probeer het later opnieuw.',
                en: 'Too many attempts from this address. Try again later.',
              },
              limit.retryAfterSeconds,
            );
        }
        const tenant = c.var.tenant;
        const used = await useEmailChangeLink(c.var.db, tenant.id, body.token);
        if (!used) {
          await audit(c, {
            action: 'profile.email.change',
            outcome: 'failure',
            accountId: null,
            clientId: null,
            details: { reason: 'invalid-link' },
          });
          throw new Problem(
            400,
            'invalid-link',
            { nl: 'Link niet meer geldig', en: 'Link no longer valid' },
            {
              nl: 'Deze link is niet meer geldig. Vraag in het portaal opnieuw om uw e-mailadres te wijzigen.',
              en: 'This link is no longer valid. Ask again in the portal to change your e-mail address.',
            },
            {
              errors: [{ field: 'token', detail: 'not valid (any more)' }],
            },
          );
        }
        const own = await c.var.db
          .selectFrom('account_clients')
          .select('client_id')
          .where('tenant_id', '=', tenant.id)
          .where('account_id', '=', used.accountId)
          .where('relation', '=', 'self')
          .executeTakeFirst();
        const before = await c.var.db
          .selectFrom('accounts')
          .select('email')
          .where('tenant_id', '=', tenant.id)
          .where('id', '=', used.accountId)
          .executeTakeFirstOrThrow();
        await c.var.db.transaction().execute(async (trx) => {
          const now = new Date();
          await trx
            .updateTable('accounts')
            .set({ email: used.email, updated_at: now })
            .where('tenant_id', '=', tenant.id)
            .where('id', '=', used.accountId)
            .execute();
          if (own)
            await trx
              .updateTable('clients')
              .set({ email: used.email, updated_at: now })
              .where('tenant_id', '=', tenant.id)
              .where('id', '=', own.client_id)
              .execute();
          await audit(
            c,
            {
              action: 'profile.email.change',
              accountId: used.accountId,
              clientId: own?.client_id ?? null,
              resourceType: 'client',
              ...(own ? { resourceId: own.client_id } : {}),
              details: { from: maskEmail(before.email), to: maskEmail(used.email), challengeId: used.challengeId },
            },
            trx,
          );
        });
        if (before.email && before.email.toLowerCase() !== used.email.toLowerCase()) {
          await notifyChange(
            c,
            before.email,
            'Uw e-mailadres is gewijzigd',
            `Het e-mailadres van uw account is gewijzigd in ${maskEmail(used.email)}.`,
          );
        }
        return c.json({ email: used.email });
      })

      // The person's own account: no right needed, so before the profile right is checked.
      .route('/account', ownAccountRoutes())
      .use(requireClientSession('profile'))
      // A contact person with the profile right reads the client's data; changing it is the client's.
      .use(async (c, next) => {
        if (c.req.method !== 'GET') assertOwnProfile(c);
        await next();
      })
      .get('/', async (c) => {
        const scope = c.var.scope;
        const row = await profileRow(c.var.db, scope);
        if (!row) throw Problem.notFound();
        const own = c.var.session.relation === 'self';
        await audit(c, { action: 'profile.view', resourceType: 'client', resourceId: scope.clientId });
        return c.json({
          ...profileView(row),
          editable: own ? [...EDITABLE] : [],
          pending: own ? await pendingChanges(c.var.db, scope) : { mobile: null, email: null },
          mayDownloadDossier: mayDownloadDossier(c.var.session.access),
          contact: contactText(c),
        });
      })

      .route('/', detailChangeRoutes(clientDetails))
  );
}

/** Whose mobile number and e-mail address a change replaces, and who may ask it. */
interface DetailTarget {
  guard(c: Context<ClientEnv>): void;
  /** The values a change is compared with ("Dit is al uw mobiele nummer"). */
  current(c: Context<ClientEnv>): Promise<{ mobile_phone: string | null; email: string | null } | undefined>;
  /** Writes a confirmed number besides the account's own (which every target changes). */
  saveMobile(trx: Kysely<Database>, scope: ClientScope, mobile: string, now: Date): Promise<void>;
  resource(scope: ClientScope): { resourceType: string; resourceId: string };
  auditPrefix: 'profile' | 'account';
}

/** The client's own details: the client record and the client's account. */
const clientDetails: DetailTarget = {
  guard: assertOwnProfile,
  current: (c) => profileRow(c.var.db, c.var.scope),
  async saveMobile(trx, scope, mobile, now) {
    await trx
      .updateTable('clients')
      .set({ mobile_phone: mobile, updated_at: now })
      .where('tenant_id', '=', scope.tenantId)
      .where('id', '=', scope.clientId)
      .execute();
  },
  resource: (scope) => ({ resourceType: 'client', resourceId: scope.clientId }),
  auditPrefix: 'profile',
};

/** A contact person's own account: their login codes and address, not the client's record. */
const ownAccountDetails: DetailTarget = {
  guard: assertContactPerson,
  current: (c) => currentContact(c, c.var.scope),
  saveMobile: async () => {},
  resource: (scope) => ({ resourceType: 'account', resourceId: scope.accountId }),
  auditPrefix: 'account',
};

/** The own account's details are changed at /profile by the client, here by a contact person. */
function assertContactPerson(c: Context<ClientEnv>) {
  if (c.var.session.relation === 'self') {
    throw new Problem(
      403,
      'client-profile',
      { nl: 'Bij uw gegevens', en: 'In your details' },
      {
        nl: 'Uw mobiele nummer en e-mailadres wijzigt u bij uw persoonlijke gegevens.',
        en: 'You change your mobile number and e-mail address in your personal details.',
      },
    );
  }
}

/**
 * Changing a mobile number or e-mail address, with the safety of issue 11.9: the current password
 * and a code through the current second factor first, then a code to the new number or a link to
 * the new address; the old number and address are told.
 */
function detailChangeRoutes(target: DetailTarget) {
  return (
    new Hono<ClientEnv>()
      .post('/mobile', async (c) => {
        const body = parseOr400(mobileChangeBody, await readJson(c));
        target.guard(c);
        const mobile = normaliseDutchMobile(body.mobile);
        if (!mobile) {
          throw Problem.badRequest(
            {
              nl: 'mobile: Vul een Nederlands mobiel nummer in, bijvoorbeeld 06 12345678.',
              en: 'mobile: Enter a Dutch mobile number, for example 06 12345678.',
            },
            [{ field: 'mobile', detail: 'Vul een Nederlands mobiel nummer in, bijvoorbeeld 06 12345678.' }],
          );
        }
        const current = await target.current(c);
        if (current?.mobile_phone === mobile) {
          throw unchanged('mobile', { nl: 'Dit is al uw mobiele nummer.', en: 'This is already your mobile number.' });
        }
        const account = await checkCurrentPassword(c, body.currentPassword);
        const identity = await sendIdentityCode(c, account, 'mobile_change', { mobile });
        return c.json({ ...identity, mobile }, 202);
      })

      // The identity code is right: now a code to the new number proves the client holds that phone.
      .post('/mobile/verify', async (c) => {
        const body = parseOr400(codeConfirmationBody, await readJson(c));
        target.guard(c);
        const scope = c.var.scope;
        const mobile = (await identityChange(c, 'mobile_change', body.challengeId))?.['mobile'] ?? '';
        await verifyIdentityCode(c, 'mobile_change', body.challengeId, body.code, { mobile });
        const sent = await sendConfirmationCode(c, {
          purpose: 'mobile_change',
          destination: mobile,
          binding: { mobile },
          ...target.resource(scope),
        });
        return c.json({ ...sent, mobile }, 202);
      })

      .post('/mobile/confirm', async (c) => {
        const body = parseOr400(codeConfirmationBody, await readJson(c));
        target.guard(c);
        const scope = c.var.scope;
        // The number is the one the code was sent to: the code proves the client holds that phone.
        const mobile = (await challengeBinding(c, 'mobile_change', body.challengeId))?.['mobile'] ?? '';
        await verifyConfirmationCode(c, {
          purpose: 'mobile_change',
          challengeId: body.challengeId,
          code: body.code,
          binding: { mobile },
          ...target.resource(scope),
        });
        const before = await currentContact(c, scope);
        await c.var.db.transaction().execute(async (trx) => {
          const now = new Date();
          await target.saveMobile(trx, scope, mobile, now);
          await trx
            .updateTable('accounts')
            .set({ mobile_phone: mobile, updated_at: now })
            .where('tenant_id', '=', scope.tenantId)
            .where('id', '=', scope.accountId)
            .execute();
          await audit(
            c,
            {
              action: `${target.auditPrefix}.mobile.change`,
              ...target.resource(scope),
              details: { from: maskPhone(before.mobile_phone), to: maskPhone(mobile) },
            },
            trx,
          );
        });
        if (before.email) {
          await notifyChange(
            c,
            before.email,
            'Uw mobiele nummer is gewijzigd',
            `Het mobiele nummer van uw account is gewijzigd in ${maskPhone(mobile)}.`,
          );
        }
        if (before.mobile_phone && before.mobile_phone !== mobile) await notifyOldNumber(c, before.mobile_phone);
        return c.json({ mobile });
      })

      .post('/email', async (c) => {
        const body = parseOr400(emailChangeBody, await readJson(c));
        target.guard(c);
        const email = body.email;
        const current = await target.current(c);
        if (current?.email?.toLowerCase() === email.toLowerCase()) {
          throw unchanged('email', { nl: 'Dit is al uw e-mailadres.', en: 'This is already your e-mail address.' });
        }
        const account = await checkCurrentPassword(c, body.currentPassword);
        const identity = await sendIdentityCode(c, account, 'email_change', { email, ...(body.pageUrl ? { pageUrl: body.pageUrl } : {}) });
        return c.json({ ...identity, email }, 202);
      })

      // The identity code is right: now a link to the new address proves the client reads it.
      .post('/email/verify', async (c) => {
        const body = parseOr400(codeConfirmationBody, await readJson(c));
        target.guard(c);
        const scope = c.var.scope;
        const change = (await identityChange(c, 'email_change', body.challengeId)) ?? {};
        const email = change['email'] ?? '';
        await verifyIdentityCode(c, 'email_change', body.challengeId, body.code, change);
        const tenant = c.var.tenant;
        for (const limit of [
          authLimits.confirmationsPerAccount(scope.accountId),
          authLimits.confirmationsPerDestination(email.toLowerCase(), scope.accountId),
        ]) {
          const result = await consume(c.var.db, tenant.id, limit);
          if (!result.allowed) {
            await audit(c, { action: 'email_change.link.limited', outcome: 'denied', ...target.resource(scope) });
            throw Problem.tooManyRequests(
              {
                nl: `Er zijn te veel e-mails verstuurd. Probeer het over ${Math.ceil(result.retryAfterSeconds / 60)} minuten opnieuw.`,
                en: `Too many e-mails have been sent. Try again in ${Math.ceil(result.retryAfterSeconds / 60)} minutes.`,
              },
              result.retryAfterSeconds,
            );
          }
        }
        const issued = await issueEmailChangeLink(c.var.db, {
          tenantId: tenant.id,
          accountId: scope.accountId,
          sessionId: c.var.session.id,
          email,
        });
        const link = emailConfirmationLink(tenant, change['pageUrl'], ownOrigin(c), issued.token);
        await c.var.outbox.enqueue({
          tenantId: tenant.id,
          channel: 'email',
          recipient: email,
          ...emailSender(tenant),
          subject: 'Bevestig uw nieuwe e-mailadres',
          body: [
            `Beste ${c.var.session.displayName},`,
            '',
            `U heeft gevraagd om dit e-mailadres te gebruiken voor het cliëntportaal van ${tenant.name}. Bevestig het met deze link:`,
            '',
            link,
            '',
            'De link is 24 uur geldig en werkt één keer. Tot u bevestigt, blijft uw oude e-mailadres in gebruik.',
            'Heeft u dit niet gevraagd? Dan kunt u deze e-mail negeren.',
          ].join('\n'),
        });
        await audit(c, {
          action: 'email_change.link.sent',
          ...target.resource(scope),
          details: { challengeId: issued.challengeId, to: maskEmail(email) },
        });
        return c.json({ email, expiresInSeconds: EMAIL_LINK_SECONDS }, 202);
      })
  );
}

/**
 * "Uw eigen gegevens" of a contact person, at /profile/account: the mobile number their login
 * codes go to and their e-mail address, changed like the client's own. It needs no right, since
 * it is the person's own account, not the client's file.
 */
function ownAccountRoutes() {
  return new Hono<ClientEnv>()
    .use(requireClientSession('any'))
    .get('/', async (c) => {
      assertContactPerson(c);
      const scope = c.var.scope;
      const row = await currentContact(c, scope);
      await audit(c, { action: 'account.view', resourceType: 'account', resourceId: scope.accountId });
      return c.json({ name: row.display_name, mobile: row.mobile_phone, email: row.email, pending: await pendingChanges(c.var.db, scope) });
    })
    .route('/', detailChangeRoutes(ownAccountDetails));
}

/** Tells the old address that a contact detail changed, so a takeover does not go unnoticed. */
async function notifyChange<E extends AppEnv>(c: Context<E>, to: string, subject: string, text: string) {
  const tenant = c.var.tenant;
  try {
    await c.var.outbox.enqueue({
      tenantId: tenant.id,
      channel: 'email',
      recipient: to,
      ...emailSender(tenant),
      subject,
      body: `${text}\n\nHeeft u dit niet zelf gedaan? Neem dan direct contact op met ${tenant.name}${tenant.settings.contact.phone ? ` (${tenant.settings.contact.phone})` : ''}.`,
    });
  } catch (error) {
    c.var.logger.error('change notice failed', { error });
  }
}

/** Tells the old number by SMS that it no longer receives the codes. */
async function notifyOldNumber<E extends AppEnv>(c: Context<E>, to: string) {
  const tenant = c.var.tenant;
  try {
    await c.var.outbox.enqueue({
      tenantId: tenant.id,
      channel: 'sms',
      recipient: to,
      sender: tenant.settings.sms.sender,
      body: `Het mobiele nummer van uw account bij ${tenant.name} is gewijzigd; codes gaan niet meer naar dit nummer. Niet zelf gedaan? Bel ${tenant.settings.contact.phone ?? tenant.name}.`,
    });
  } catch (error) {
    c.var.logger.error('change notice failed', { error });
  }
}

/** A 400 of its own code, so a widget can tell "that is already yours" from "that is not valid". */
function unchanged(field: 'mobile' | 'email', detail: { nl: string; en: string }) {
  return new Problem(400, 'unchanged', { nl: 'Niets gewijzigd', en: 'Nothing changed' }, detail, {
    errors: [{ field, detail: detail.nl }],
  });
}
