/**
 * OpenAPI 3.1 description of the HTTP API the widgets call (everything under
 * /api/tenants/{tenant}), served at GET /api/openapi.json. Generated from the features' contract
 * entries (`schemas.ts` beside each feature's routes, contract/operations.ts): the zod schemas the
 * routes parse their requests with and the tests check every answer against.
 * The ECD's integration API is described in integration/openapi.ts and docs/integration-api.md.
 */
import { openApiDocumentOf } from './generate.js';
import { widgetOperations } from './widget-operations.js';

const generated = openApiDocumentOf(widgetOperations);

export const openApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'care-widgets BFF — widget API',
    version: '0.1.0',
    description:
      'The JSON API the care widgets call. Every path is below `/api/tenants/{tenant}`. Sessions are cookies set by the BFF ' +
      '(`__Host-care-{tenant}`); every write needs `X-Care-Widgets: 1` and an allowed `Origin` (CSRF). Errors are ' +
      '`application/problem+json` (RFC 9457) with a stable `code`; their `title` and `detail` are Dutch, or English when the ' +
      "request's `Accept-Language` prefers English (`en`, `en-GB`; the widgets send their own language), with " +
      '`Content-Language` saying which. Every read and write of client data is written to the ' +
      'NEN 7513 audit log. Guides: docs/auth-api.md, docs/data-api.md, docs/embedding.md, docs/security-model.md.',
    license: { name: 'Proprietary (demo)' },
  },
  servers: [{ url: '/api/tenants/{tenant}', variables: { tenant: { default: 'zorggroep-de-linde', description: 'The tenant slug.' } } }],
  tags: [
    { name: 'tenant', description: 'Public settings of the care organisation.' },
    { name: 'auth', description: 'Login with password and second factor, first login, reset, activation (docs/auth-api.md).' },
    { name: 'reports', description: '<care-reports>' },
    { name: 'measurements', description: '<care-measurements>' },
    { name: 'agenda', description: '<care-agenda>' },
    { name: 'messages', description: '<care-messages>' },
    { name: 'plans', description: '<care-plan>' },
    { name: 'profile', description: '<care-profile>' },
    { name: 'activity', description: '<care-activity>' },
    { name: 'access-log', description: '<care-access-log>' },
    { name: 'board', description: '<care-board>, the bulletin board (docs/board.md)' },
    { name: 'dossier', description: '"Download mijn dossier" in <care-profile>: a copy of the whole file (docs/dossier.md).' },
  ],
  paths: generated.paths,
  components: {
    securitySchemes: {
      session: {
        type: 'apiKey',
        in: 'cookie',
        name: '__Host-care-{tenant}',
        description: 'HttpOnly session cookie set by the BFF; SameSite=Lax, or None + Partitioned for cross-site tenants.',
      },
      csrf: { type: 'apiKey', in: 'header', name: 'X-Care-Widgets', description: 'Must be `1` on every write, from an allowed Origin.' },
    },
    parameters: {
      AcceptLanguage: {
        name: 'Accept-Language',
        in: 'header',
        required: false,
        description:
          'The language of the texts of an error answer (`title`, `detail`): English when the first tag of highest q is ' +
          'English (`en`, `en-GB`), otherwise Dutch. A header longer than 256 characters is Dutch. Answers say `Content-Language`.',
        schema: { type: 'string', maxLength: 256, examples: ['en', 'nl', 'en-GB,en;q=0.9'] },
      },
    },
    schemas: generated.schemas,
  },
};
