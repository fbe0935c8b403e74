/** Every care widget in one module: importing it defines all `care-` tags. */
export * from './care-portal/care-portal.js';
export * from './care-login/care-login.js';
export * from './care-reports/care-reports.js';
export * from './care-measurements/care-measurements.js';
export * from './care-agenda/care-agenda.js';
export * from './care-messages/care-messages.js';
export * from './care-plan/care-plan.js';
export * from './care-profile/care-profile.js';
export * from './care-activity/care-activity.js';
// <care-access-log>, <care-contacts> and <care-board> are not in this bundle: they would pass the bundle's
// 40 KB budget. They load through care-widgets.loader.js or their own modules,
// dist/care-access-log.js, dist/care-contacts.js and dist/care-board.js.
export { ApiError, CareApiClient, type PublicTenant } from './shared/api-client.js';
export { portalContext, type PortalSession, type PortalState } from './shared/context.js';
