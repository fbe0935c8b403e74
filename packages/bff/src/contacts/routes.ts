import { createHash } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { audit } from '../audit/audit-log.js';
import { sendConfirmationCode, verifyConfirmationCode } from '../auth/confirmation-code.js';
import { consume } from '../auth/rate-limits.js';
import { requireClientSession } from '../auth/session-middleware.js';
import type { ClientEnv } from '../http/app-env.js';
import { isUuid } from '../http/idempotency.js';
import { ownOrigin } from '../http/own-origin.js';
import { Problem, parseOr400, readJson } from '../http/problem.js';
import { sendContactInvitation } from './invitation.js';
import {
  addContact,
  changeContact,
  clientName,
  contactOf,
  contactsOf,
  removeContact,
  type ContactScope,
  type ContactView,
} from './queries.js';
import { noRights, widenedAreas, type Rights } from './rights.js';
import { contactChangeBody, contactChangeConfirmBody, invitationBody, newContactBody, newContactConfirmBody } from './schemas.js';

function clientScope(c: Context<ClientEnv>): ContactScope {
  return { tenantId: c.var.scope.tenantId, clientId: c.var.scope.clientId };
}

function locked() {
  return new Problem(
    403,
    'contact-locked',
    { nl: 'Vastgelegd door de zorgorganisatie', en: 'Recorded by the care organisation' },
    {
      nl: 'Deze persoon is door uw zorgorganisatie vastgelegd. Neem contact op met uw zorgteam om dit te wijzigen.',
      en: 'Your care organisation has recorded this person. Contact your care team to change this.',
    },
  );
}

function notFound() {
  return Problem.notFound({ nl: 'Deze contactpersoon bestaat niet (meer).', en: 'This contact person does not exist (any more).' });
}

async function contactInScope(c: Context<ClientEnv>, scope: ContactScope): Promise<ContactView> {
  const id = c.req.param('id') ?? '';
  const found = isUuid(id) ? await contactOf(c.var.db, scope, id) : undefined;
  if (!found) throw notFound();
  return found;
}

/** A digest of exactly what the client asked for: the SMS code confirms that and nothing else. */
function digestOf(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}

type NewContactRequest = ReturnType<typeof newContactBody.parse>;
const proposalOf = (body: NewContactRequest) => ({
  name: body.name,
  email: body.email.toLowerCase(),
  mobile: body.mobile,
  relationship: body.relationship,
  rights: body.rights,
});

async function clientMobile(c: Context<ClientEnv>): Promise<string> {
  const row = await c.var.db
    .selectFrom('accounts')
    .select('mobile_phone')
    .where('tenant_id', '=', c.var.tenant.id)
    .where('id', '=', c.var.session.accountId)
    .executeTakeFirst();
  if (!row?.mobile_phone) {
    throw new Problem(
      409,
      'no-mobile',
      { nl: 'Geen mobiel nummer', en: 'No mobile number' },
      {
        nl: 'Er is geen mobiel nummer bekend om de bevestigingscode naar te sturen. Neem contact op met uw zorgteam.',
        en: 'There is no mobile number known to send the confirmation code to. Contact your care team.',
      },
    );
  }
  return row.mobile_phone;
}

async function nameOfClient(c: Context<ClientEnv>, scope: ContactScope): Promise<string> {
  const row = await c.var.db
    .selectFrom('clients as c')
    .select(clientName('c').as('name'))
    .where('c.tenant_id', '=', scope.tenantId)
    .where('c.id', '=', scope.clientId)
    .executeTakeFirstOrThrow();
  return row.name;
}

function contactExists() {
  return new Problem(
    409,
    'contact-exists',
    { nl: 'Al toegevoegd', en: 'Already added' },
    { nl: 'Deze persoon heeft al toegang tot uw cliëntportaal.', en: 'This person already has access to your client portal.' },
    {
      errors: [{ field: 'email', detail: 'already a contact person' }],
    },
  );
}

function contactIsClient() {
  return new Problem(
    409,
    'contact-is-client',
    { nl: 'Dit bent u zelf', en: 'This is you' },
    { nl: 'Dit e-mailadres hoort bij uw eigen account.', en: 'This e-mail address belongs to your own account.' },
    {
      errors: [{ field: 'email', detail: 'the client’s own account' }],
    },
  );
}

/** Whether the e-mail address already has this client (as contact or as the client): refused before a code is sent. */
async function refuseKnownPerson(c: Context<ClientEnv>, scope: ContactScope, email: string) {
  const existing = await contactsOf(c.var.db, scope);
  if (existing.some((person) => person.email?.toLowerCase() === email)) throw contactExists();
  const own = await c.var.db
    .selectFrom('accounts')
    .select(['email', 'username'])
    .where('tenant_id', '=', scope.tenantId)
    .where('id', '=', c.var.session.accountId)
    .executeTakeFirst();
  if (own && (own.email?.toLowerCase() === email || own.username.toLowerCase() === email)) throw contactIsClient();
}

/** A person's mailbox gets at most 3 invitations a day from the client, however often the button is pressed. */
const resendLimit = (contactId: string) => ({ bucket: `invite-resend:contact:${contactId}`, max: 3, windowSeconds: 24 * 3600 });

const codeFor = (c: Context<ClientEnv>, binding: Record<string, string>, destination: string, resourceId?: string) =>
  sendConfirmationCode(c, {
    purpose: 'contact_change',
    destination,
    binding,
    resourceType: 'contact',
    ...(resourceId ? { resourceId } : {}),
  });

/**
 * Contact persons ("Contactpersonen", issue 16): the client sees who has access, adds a person
 * (confirmed with a fresh SMS code, because it hands out health data; the person gets an
 * invitation e-mail), changes rights (a wider right again with a code), and removes a person,
 * whose sessions for this client end at once. People the organisation set are locked. At /contacts.
 */
export function contactRoutes() {
  return (
    new Hono<ClientEnv>()
      // Only the client's own account lets people in, changes their rights or removes them.
      .use(requireClientSession('client'))
      .get('/', async (c) => {
        const scope = clientScope(c);
        const items = await contactsOf(c.var.db, scope);
        await audit(c, { action: 'contacts.list', resourceType: 'contact', details: { count: items.length } });
        return c.json({ items });
      })

      .post('/', async (c) => {
        const body = parseOr400(newContactBody, await readJson(c));
        const scope = clientScope(c);
        const proposal = proposalOf(body);
        await refuseKnownPerson(c, scope, proposal.email);
        const sent = await codeFor(c, { action: 'add', clientId: scope.clientId, digest: digestOf(proposal) }, await clientMobile(c));
        return c.json({ ...sent, widens: widenedAreas(noRights, proposal.rights) }, 202);
      })

      .post('/confirm', async (c) => {
        const body = parseOr400(newContactConfirmBody, await readJson(c));
        const scope = clientScope(c);
        const session = c.var.session!;
        const proposal = proposalOf(body);
        await verifyConfirmationCode(c, {
          purpose: 'contact_change',
          challengeId: body.challengeId,
          code: body.code,
          binding: { action: 'add', clientId: scope.clientId, digest: digestOf(proposal) },
          resourceType: 'contact',
        });
        const result = await c.var.db.transaction().execute(async (trx) => {
          const added = await addContact(trx, scope, { ...proposal, email: body.email, invitedByAccountId: session.accountId });
          if (added.outcome === 'added') {
            await audit(
              c,
              {
                action: 'contacts.add',
                resourceType: 'contact',
                resourceId: added.accountId,
                details: { relationship: proposal.relationship, rights: proposal.rights, newAccount: added.newAccount },
              },
              trx,
            );
          }
          return added;
        });
        if (result.outcome === 'is-client') throw contactIsClient();
        if (result.outcome === 'already-contact') throw contactExists();
        const invitation = await sendContactInvitation(c.var.db, c.var.outbox, {
          tenant: c.var.tenant,
          accountId: result.accountId,
          clientId: scope.clientId,
          clientName: await nameOfClient(c, scope),
          invitedByAccountId: session.accountId,
          pageUrl: body.pageUrl ?? null,
          bffOrigin: ownOrigin(c),
        }).catch(async (error: unknown) => {
          c.var.logger.error('contact invitation not queued', { error: error instanceof Error ? error.message : String(error) });
          return undefined;
        });
        await audit(c, {
          action: 'contacts.invite',
          outcome: invitation ? 'success' : 'failure',
          resourceType: 'contact',
          resourceId: result.accountId,
          details: { kind: invitation?.link ? 'activation' : 'notice' },
        });
        return c.json((await contactOf(c.var.db, scope, result.accountId))!, 201);
      })

      .put('/:id', async (c) => {
        const body = parseOr400(contactChangeBody, await readJson(c));
        const scope = clientScope(c);
        const current = await contactInScope(c, scope);
        if (current.locked) throw locked();
        const widens = widenedAreas(current.rights, body.rights);
        if (widens.length) {
          const binding = { action: 'change', clientId: scope.clientId, contactId: current.id, digest: digestOf(body) };
          const sent = await codeFor(c, binding, await clientMobile(c), current.id);
          return c.json({ ...sent, widens }, 202);
        }
        return c.json(await applyChange(c, scope, current, body), 200);
      })

      .put('/:id/confirm', async (c) => {
        const body = parseOr400(contactChangeConfirmBody, await readJson(c));
        const scope = clientScope(c);
        const current = await contactInScope(c, scope);
        if (current.locked) throw locked();
        const change = { relationship: body.relationship, rights: body.rights };
        await verifyConfirmationCode(c, {
          purpose: 'contact_change',
          challengeId: body.challengeId,
          code: body.code,
          binding: { action: 'change', clientId: scope.clientId, contactId: current.id, digest: digestOf(change) },
          resourceType: 'contact',
          resourceId: current.id,
        });
        return c.json(await applyChange(c, scope, current, change), 200);
      })

      // The e-mail got lost or the link expired: a new link, and the earlier one stops working.
      .post('/:id/invitation', async (c) => {
        const body = parseOr400(invitationBody, await readJson(c));
        const scope = clientScope(c);
        const current = await contactInScope(c, scope);
        if (current.locked) throw locked();
        if (current.status !== 'invited') {
          throw new Problem(
            409,
            'contact-active',
            { nl: 'Al aangemeld', en: 'Already signed up' },
            {
              nl: `${current.name} heeft het account al geactiveerd en kan gewoon inloggen.`,
              en: `${current.name} has already activated the account and can simply sign in.`,
            },
          );
        }
        const limit = await consume(c.var.db, scope.tenantId, resendLimit(current.id));
        if (!limit.allowed) {
          await audit(c, {
            action: 'contacts.invite',
            outcome: 'denied',
            resourceType: 'contact',
            resourceId: current.id,
            details: { resent: true },
          });
          throw Problem.tooManyRequests(
            {
              nl: 'De uitnodiging is vandaag al 3 keer opnieuw verstuurd. Probeer het morgen nog eens, of neem contact op met uw zorgteam.',
              en: 'The invitation has already been sent again 3 times today. Try again tomorrow, or contact your care team.',
            },
            limit.retryAfterSeconds,
          );
        }
        const invitation = await sendContactInvitation(c.var.db, c.var.outbox, {
          tenant: c.var.tenant,
          accountId: current.id,
          clientId: scope.clientId,
          clientName: await nameOfClient(c, scope),
          invitedByAccountId: c.var.session.accountId,
          pageUrl: body.pageUrl ?? null,
          bffOrigin: ownOrigin(c),
        }).catch(async (error: unknown) => {
          c.var.logger.error('contact invitation not queued', { error: error instanceof Error ? error.message : String(error) });
          await audit(c, {
            action: 'contacts.invite',
            outcome: 'failure',
            resourceType: 'contact',
            resourceId: current.id,
            details: { resent: true },
          });
          throw new Problem(
            503,
            'invitation-not-sent',
            { nl: 'Niet verstuurd', en: 'Not sent' },
            {
              nl: 'De uitnodiging kon niet worden verstuurd. Probeer het later nog eens.',
              en: 'The invitation could not be sent. Try again later.',
            },
          );
        });
        await audit(c, {
          action: 'contacts.invite',
          resourceType: 'contact',
          resourceId: current.id,
          details: { kind: 'activation', resent: true },
        });
        return c.json({ email: current.email ?? '', validUntil: (invitation.expiresAt ?? new Date()).toISOString() }, 202);
      })

      .delete('/:id', async (c) => {
        const scope = clientScope(c);
        const current = await contactInScope(c, scope);
        if (current.locked) throw locked();
        const removed = await c.var.db.transaction().execute(async (trx) => {
          const done = await removeContact(trx, scope, current.id);
          if (done) {
            await audit(
              c,
              { action: 'contacts.remove', resourceType: 'contact', resourceId: current.id, details: { name: current.name } },
              trx,
            );
          }
          return done;
        });
        if (!removed) throw notFound();
        return c.body(null, 204);
      })
  );
}

async function applyChange(
  c: Context<ClientEnv>,
  scope: ContactScope,
  current: ContactView,
  change: { relationship: ContactView['relationship']; rights: Rights },
): Promise<ContactView> {
  const changed = await c.var.db.transaction().execute(async (trx) => {
    const done = await changeContact(trx, scope, current.id, change);
    if (done) {
      await audit(
        c,
        {
          action: 'contacts.change',
          resourceType: 'contact',
          resourceId: current.id,
          details: { relationship: change.relationship, rights: change.rights, previousRights: current.rights },
        },
        trx,
      );
    }
    return done;
  });
  if (!changed) throw locked();
  return (await contactOf(c.var.db, scope, current.id))!;
}
