import type { AppEnv } from '../http/app-env.js';

/** Which integration key signed the request, and the token's id (set by requireIntegrationToken()). */
export interface IntegrationPrincipal {
  kid: string;
  jti: string;
}

/** Routes under /integration/v1/tenants/:tenant: the tenant and the ECD's principal. */
export type IntegrationEnv = AppEnv & { Variables: { integration: IntegrationPrincipal } };
