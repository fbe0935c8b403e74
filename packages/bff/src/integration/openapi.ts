/**
 * OpenAPI 3.1 description of the integration API, served at GET /integration/v1/openapi.json.
 * Generated from the contract entries in integration/schemas.ts: the zod schemas the routes parse
 * requests with and the tests check every answer against. See docs/integration-api.md.
 */
import { openApiDocumentOf } from '../openapi/generate.js';
import { CLOCK_TOLERANCE_SECONDS, INTEGRATION_AUDIENCE, MAX_TOKEN_SECONDS } from './auth.js';
import { integrationOperations } from './schemas.js';

const generated = openApiDocumentOf(integrationOperations);

export const openApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'care-widgets integration API',
    version: '1.0.0',
    description: `Server-to-server API for the care organisation's client record system (ECD): push clients, contact persons, reports, measurements, appointments, plan documents, care-team messages and staff access events; read back what clients did in the portal. See docs/integration-api.md.\n\nAuthentication: \`Authorization: Bearer <JWT>\`, signed (ES256 or EdDSA) with a private key whose public key is registered for the tenant (\`care-bff integration-key create\`); header \`kid\` names the key; claims \`iss\` = tenant slug, \`aud\` = "${INTEGRATION_AUDIENCE}", \`iat\`, \`exp\` (at most ${MAX_TOKEN_SECONDS} s after iat; ${CLOCK_TOLERANCE_SECONDS} s clock tolerance) and a \`jti\` used once. Errors are \`application/problem+json\` (RFC 9457).`,
  },
  servers: [{ url: '/integration/v1' }],
  security: [{ ecdToken: [] }],
  paths: generated.paths,
  components: {
    securitySchemes: { ecdToken: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
    schemas: generated.schemas,
  },
};
