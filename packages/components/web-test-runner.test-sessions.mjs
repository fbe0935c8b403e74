import { createHash } from 'node:crypto';

/**
 * The `care-test-session` server command of the component tests (see
 * src/shared/testing/test-session.ts): a fully signed-in session for a demo account, written
 * straight into the in-process test BFF's database with the BFF's own createSession, and its
 * cookie given to the asking page. No SMS or e-mail code is spent.
 *
 * Why: the BFF sends at most 3 codes per account (and per number) per 15 minutes, stored in its
 * database, and a plan decision or a mobile-number change shares that limit with the login. The
 * tests of <care-plan> and <care-profile> need those codes for what they test, so their sign-in
 * must not use them up. Only the session is made here; every call after it goes through the real
 * routes, CSRF check and all. With `revoked: true` the session is ended at once, which gives the
 * BFF's `401 session-expired` for a page that still holds the cookie.
 *
 * With `crossSite: true` the page plays a host on another site than the BFF (the page is on
 * localhost, the BFF on 127.0.0.1): the tenant gets `crossSiteEmbedding` with the page's origin
 * allowed, and the cookie goes to the BFF's own origin, partitioned under the page's site, as the
 * BFF would set it there. `restoreTenant` puts the tenant's settings back afterwards.
 *
 * `disableWidget: { tenant, widget }` takes a widget out of the tenant's `enabledWidgets` (the shared
 * state suite's "not offered" check); `restoreTenant` puts it back.
 */

/**
 * With `password`, the account gets that password first (hashed as the BFF does): a test that
 * must type the current password does not depend on what the login tests changed it to.
 * `restorePassword: { tenant, username }` puts the earlier one back for the tests that follow.
 */

/**
 * With `absoluteMinutes`, the session's absolute limit (the tenant's default is hours away) is that
 * many minutes from now, for the warning before it.
 */

/**
 * With `clientOf` (a client's username), `username` is a contact person of that client, who is the
 * session's current client.
 */

/**
 * With `contact: { rights }`, the session is not the client's but that of a test contact person
 * of the client (`Toets Naaste`, a family member with exactly `rights`, e.g. `[]`): the shared
 * state suite's "no access" check. `removeContact: { tenant, username }` takes the link away again
 * (which also ends the contact's sessions), so the client's list of contacts is as the seed made it.
 * The account is the tests' own, not a demo person's: a test that changes its mobile number or
 * e-mail address spends no demo account's codes, and each link starts it again from these.
 * With `password` too, it is this account's password that is set (restore it by its username).
 */
const testContactEmail = 'toets.naaste@example.nl';
const testContactMobile = '+31687650000';

async function testContactLink(db, tenant, clientId, rights) {
  let account = await db
    .selectFrom('accounts')
    .select('id')
    .where('tenant_id', '=', tenant.id)
    .where('username', '=', testContactEmail)
    .executeTakeFirst();
  account ??= await db
    .insertInto('accounts')
    .values({
      tenant_id: tenant.id,
      username: testContactEmail,
      display_name: 'Toets Naaste',
      email: testContactEmail,
      mobile_phone: testContactMobile,
      must_change_password: false,
      status: 'active',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .updateTable('accounts')
    .set({ email: testContactEmail, mobile_phone: testContactMobile })
    .where('tenant_id', '=', tenant.id)
    .where('id', '=', account.id)
    .execute();
  await removeTestContact(db, tenant, clientId);
  await db
    .insertInto('account_clients')
    .values({
      tenant_id: tenant.id,
      account_id: account.id,
      client_id: clientId,
      relation: 'contact',
      relationship: 'family',
      rights: Object.fromEntries(rights.map((area) => [area, true])),
    })
    .execute();
  return account.id;
}

async function removeTestContact(db, tenant, clientId) {
  await db
    .deleteFrom('account_clients')
    .where('tenant_id', '=', tenant.id)
    .where('client_id', '=', clientId)
    .where(
      'account_id',
      'in',
      db.selectFrom('accounts').select('id').where('tenant_id', '=', tenant.id).where('username', '=', testContactEmail),
    )
    .execute();
}

/**
 * `inviteContact: { tenant, clientOf }` makes a fresh *invited* contact person of the client
 * `clientOf` (TEST_INVITED_CONTACT: no password, no second factor, its own e-mail address and the
 * mobile number the activation asks for), as the client's confirmed invitation would, and returns
 * the activation link's token; no e-mail or code is sent, so no demo account's codes are spent.
 * An earlier one is removed first. `removeInvitedContact: { tenant }` takes the account away again,
 * with its link, sessions and codes (they cascade).
 */
const invitedContact = { email: 'toets.uitnodiging@example.nl', mobile: '+31687650001', name: 'Toets Uitnodiging' };

async function removeInvitedContact(db, tenant) {
  await db.deleteFrom('accounts').where('tenant_id', '=', tenant.id).where('email', '=', invitedContact.email).execute();
  return true;
}

async function inviteContact(db, tenant, clientOf, issueLinkChallenge) {
  await removeInvitedContact(db, tenant);
  const client = await db
    .selectFrom('accounts as a')
    .innerJoin('account_clients as ac', (join) => join.onRef('ac.tenant_id', '=', 'a.tenant_id').onRef('ac.account_id', '=', 'a.id'))
    .select(['ac.client_id', 'a.id'])
    .where('a.tenant_id', '=', tenant.id)
    .where('a.username', '=', clientOf)
    .where('ac.relation', '=', 'self')
    .executeTakeFirstOrThrow();
  const account = await db
    .insertInto('accounts')
    .values({
      tenant_id: tenant.id,
      username: invitedContact.email,
      display_name: invitedContact.name,
      email: invitedContact.email,
      mobile_phone: invitedContact.mobile,
      must_change_password: false,
      status: 'invited',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('account_clients')
    .values({
      tenant_id: tenant.id,
      account_id: account.id,
      client_id: client.client_id,
      relation: 'contact',
      relationship: 'family',
      rights: { reports: true },
    })
    .execute();
  const { token } = await issueLinkChallenge(db, {
    tenantId: tenant.id,
    accountId: account.id,
    purpose: 'activation',
    destination: invitedContact.email,
    ttlSeconds: 3600,
    maxAttempts: 10,
    binding: { kind: 'contact', clientId: client.client_id, invitedBy: client.id },
  });
  return { token, ...invitedContact };
}

/** @typedef {{ tenant: string, username: string, revoked?: boolean, crossSite?: boolean, password?: string, absoluteMinutes?: number, clientOf?: string, contact?: { rights: string[] } }} TestSessionRequest */

// createSession and tenantBySlug are not in @care-widgets/bff's public exports; the test runner
// reaches them in the package's build next to its entry.
const bffDist = new URL('.', import.meta.resolve('@care-widgets/bff'));

/**
 * `longTitles: { tenant, username, title }` adds a plan document and an appointment with that title
 * for the client (a 200-character word overflowing a 320 px card); `remove: true` takes them away.
 */
async function longTitles(db, tenant, { username, title, remove }) {
  const client = await db
    .selectFrom('accounts as a')
    .innerJoin('account_clients as ac', (join) => join.onRef('ac.tenant_id', '=', 'a.tenant_id').onRef('ac.account_id', '=', 'a.id'))
    .select('ac.client_id')
    .where('a.tenant_id', '=', tenant.id)
    .where('a.username', '=', username)
    .where('ac.relation', '=', 'self')
    .executeTakeFirstOrThrow();
  const mine = (table) =>
    db
      .deleteFrom(table)
      .where('tenant_id', '=', tenant.id)
      .where('client_id', '=', client.client_id)
      .where('ecd_id', '=', 'test-long-title');
  await mine('plan_documents').execute();
  await mine('appointments').execute();
  if (remove) return true;
  const pdf = Buffer.from('%PDF-1.4\n%%EOF\n');
  await db
    .insertInto('plan_documents')
    .values({
      tenant_id: tenant.id,
      client_id: client.client_id,
      ecd_id: 'test-long-title',
      title,
      version: '1',
      document_date: new Date().toISOString().slice(0, 10),
      file_name: 'plan.pdf',
      pdf,
      sha256: createHash('sha256').update(pdf).digest('hex'),
    })
    .execute();
  const start = new Date(Date.now() + 2 * 3600_000);
  await db
    .insertInto('appointments')
    .values({
      tenant_id: tenant.id,
      client_id: client.client_id,
      ecd_id: 'test-long-title',
      starts_at: start,
      ends_at: new Date(start.getTime() + 3600_000),
      title,
      location: title,
      care_worker_name: null,
      description: null,
      source: 'care_team',
      created_by_account_id: null,
    })
    .execute();
  return true;
}

/** @param {() => { url: string, database?: { db: import('kysely').Kysely<any> } } | undefined} runningBff the test BFF of this run */
export function testSessionCommands(runningBff) {
  let modules;
  const load = async () =>
    (modules ??= Promise.all([
      import(new URL('auth/session.js', bffDist).href),
      import(new URL('tenants/queries.js', bffDist).href),
      import(new URL('tenants/tenant-context.js', bffDist).href),
      import(new URL('auth/passwords.js', bffDist).href),
      import(new URL('auth/challenges.js', bffDist).href),
    ]));
  /** Settings of tenants a cross-site test changed, to put back. */
  const changedTenants = new Map();
  /** Password hashes a test replaced, by "tenant/username", to put back. */
  const replacedPasswords = new Map();

  return {
    name: 'care-widgets:test-session',
    async executeCommand({ command, payload, session }) {
      if (command !== 'care-test-session') return undefined;
      const db = runningBff()?.database?.db;
      if (!db) throw new Error('care-test-session needs the in-process test BFF (it does not work with CARE_BFF_URL)');
      const [{ createSession, sessionCookieName }, { tenantBySlug }, { clearTenantCache }, { hashPassword }, { issueLinkChallenge }] =
        await load();
      if (payload.inviteContact) {
        const { tenant, clientOf } = payload.inviteContact;
        return inviteContact(db, await tenantBySlug(db, tenant), clientOf, issueLinkChallenge);
      }
      if (payload.removeInvitedContact) return removeInvitedContact(db, await tenantBySlug(db, payload.removeInvitedContact.tenant));
      if (payload.longTitles) return longTitles(db, await tenantBySlug(db, payload.longTitles.tenant), payload.longTitles);
      if (payload.restorePassword) {
        const key = `${payload.restorePassword.tenant}/${payload.restorePassword.username}`;
        if (replacedPasswords.has(key)) {
          const tenant = await tenantBySlug(db, payload.restorePassword.tenant);
          await db
            .updateTable('accounts')
            .set({ password_hash: replacedPasswords.get(key) })
            .where('tenant_id', '=', tenant.id)
            .where('username', '=', payload.restorePassword.username)
            .execute();
          replacedPasswords.delete(key);
        }
        return true;
      }
      if (payload.disableWidget) {
        const tenant = await tenantBySlug(db, payload.disableWidget.tenant);
        if (!changedTenants.has(tenant.slug)) changedTenants.set(tenant.slug, tenant.settings);
        const enabledWidgets = tenant.settings.enabledWidgets.filter((widget) => widget !== payload.disableWidget.widget);
        await db
          .updateTable('tenants')
          .set({ settings: { ...tenant.settings, enabledWidgets } })
          .where('id', '=', tenant.id)
          .execute();
        clearTenantCache();
        return true;
      }
      if (payload.restoreTenant) {
        const settings = changedTenants.get(payload.restoreTenant);
        if (settings) await db.updateTable('tenants').set({ settings }).where('slug', '=', payload.restoreTenant).execute();
        changedTenants.delete(payload.restoreTenant);
        clearTenantCache();
        return true;
      }
      /** @type {TestSessionRequest} */
      const request = payload;
      const tenant = await tenantBySlug(db, request.tenant);
      if (!tenant) throw new Error(`No tenant ${request.tenant}`);
      // A contact person (`clientOf`: the username of one of the contact's clients) or a client's own account.
      const clientOf = request.clientOf
        ? await db
            .selectFrom('accounts as a')
            .innerJoin('account_clients as ac', (join) =>
              join.onRef('ac.tenant_id', '=', 'a.tenant_id').onRef('ac.account_id', '=', 'a.id'),
            )
            .select('ac.client_id')
            .where('a.tenant_id', '=', tenant.id)
            .where('a.username', '=', request.clientOf)
            .where('ac.relation', '=', 'self')
            .executeTakeFirstOrThrow()
        : undefined;
      const account = await db
        .selectFrom('accounts as a')
        .innerJoin('account_clients as ac', (join) => join.onRef('ac.tenant_id', '=', 'a.tenant_id').onRef('ac.account_id', '=', 'a.id'))
        .select(['a.id', 'a.display_name', 'ac.client_id'])
        .where('a.tenant_id', '=', tenant.id)
        .where('a.username', '=', request.username)
        .where((where) => (clientOf ? where('ac.client_id', '=', clientOf.client_id) : where('ac.relation', '=', 'self')))
        .executeTakeFirst();
      if (!account) throw new Error(`No account ${request.username} of ${request.clientOf ?? 'its own'} at ${request.tenant}`);
      if (request.removeContact) {
        await removeTestContact(db, tenant, account.client_id);
        return true;
      }
      if (request.contact) {
        account.id = await testContactLink(db, tenant, account.client_id, request.contact.rights);
        account.display_name = 'Toets Naaste';
      }
      if (request.password) {
        // The key is the username of the account whose password changes: with `contact`, the test contact's.
        const key = `${request.tenant}/${request.contact ? testContactEmail : request.username}`;
        if (!replacedPasswords.has(key)) {
          const { password_hash } = await db
            .selectFrom('accounts')
            .select('password_hash')
            .where('id', '=', account.id)
            .executeTakeFirstOrThrow();
          replacedPasswords.set(key, password_hash);
        }
        await db
          .updateTable('accounts')
          .set({ password_hash: await hashPassword(request.password) })
          .where('tenant_id', '=', tenant.id)
          .where('id', '=', account.id)
          .execute();
      }
      const created = await createSession(db, {
        tenant,
        accountId: account.id,
        clientId: account.client_id,
        state: 'active',
        ip: null,
        userAgent: 'web-test-runner (care-test-session)',
      });
      if (request.absoluteMinutes !== undefined) {
        const absolute = new Date(Date.now() + request.absoluteMinutes * 60_000);
        await db
          .updateTable('sessions')
          .set({ absolute_expires_at: absolute, idle_expires_at: absolute })
          .where('tenant_id', '=', tenant.id)
          .where('id', '=', created.id)
          .execute();
      }
      if (request.revoked) {
        await db
          .updateTable('sessions')
          .set({ revoked_at: new Date() })
          .where('tenant_id', '=', tenant.id)
          .where('id', '=', created.id)
          .execute();
      }
      const page = session.browser.getPage(session.id);
      const pageUrl = new URL(page.url());
      const cookie = { name: sessionCookieName(tenant.slug), value: created.token, httpOnly: true, secure: true };
      if (request.crossSite) {
        if (!changedTenants.has(tenant.slug)) changedTenants.set(tenant.slug, tenant.settings);
        const settings = {
          ...tenant.settings,
          crossSiteEmbedding: true,
          allowedOrigins: [...tenant.settings.allowedOrigins, pageUrl.origin],
        };
        await db.updateTable('tenants').set({ settings }).where('id', '=', tenant.id).execute();
        clearTenantCache();
        const bffUrl = new URL(runningBff().url);
        bffUrl.protocol = 'https:';
        await page
          .context()
          .addCookies([{ ...cookie, url: bffUrl.origin, sameSite: 'None', partitionKey: `${pageUrl.protocol}//${pageUrl.hostname}` }]);
        return { displayName: account.display_name, api: new URL(runningBff().url).origin };
      }
      // As in web-test-runner.sign-in.mjs: Chromium takes a __Host- (Secure) cookie only for an
      // https URL, and then sends it to http://localhost as well.
      pageUrl.protocol = 'https:';
      await page.context().addCookies([{ ...cookie, url: pageUrl.origin, sameSite: 'Lax' }]);
      return { displayName: account.display_name, clientId: account.client_id };
    },
  };
}
