import { accessLogOperations } from '../access-log/schemas.js';
import { activityOperations } from '../activity/schemas.js';
import { agendaOperations } from '../agenda/schemas.js';
import { authOperations } from '../auth/schemas.js';
import { boardOperations } from '../board/schemas.js';
import { problem, type Operation } from '../contract/operations.js';
import { contactOperations } from '../contacts/schemas.js';
import { dossierOperations } from '../dossier/schemas.js';
import { measurementOperations } from '../measurements/schemas.js';
import { messageOperations } from '../messages/schemas.js';
import { planOperations } from '../plans/schemas.js';
import { profileOperations } from '../profile/schemas.js';
import { reportOperations } from '../reports/schemas.js';
import { tenantOperations } from '../tenants/schemas.js';
import type { DataWidget } from '../tenants/settings.js';

/**
 * The routes of a widget a tenant can switch off (`enabledWidgets`): app.ts mounts them behind
 * requireWidget(), so each may answer `404 widget-disabled` before anything else.
 */
function offeredBy(widget: DataWidget, operations: Operation[]): Operation[] {
  const disabled = `the tenant does not offer <care-${widget}> (\`widget-disabled\`)`;
  return operations.map((operation) => {
    const notFound = operation.responses['404'];
    const description = notFound ? `${notFound.description}; or ${disabled}` : `${disabled[0]!.toUpperCase()}${disabled.slice(1)}`;
    return { ...operation, responses: { ...operation.responses, '404': problem(description) } };
  });
}

const ofPath = (stem: string) => (operation: Operation) => operation.path.startsWith(stem);

/** Every route of the widget API (below /api/tenants/{tenant}), in the order of the document. */
export const widgetOperations: Operation[] = [
  ...tenantOperations,
  ...authOperations,
  ...offeredBy('reports', reportOperations),
  ...offeredBy('measurements', measurementOperations),
  ...offeredBy('agenda', agendaOperations),
  ...offeredBy('messages', messageOperations),
  ...offeredBy('plan', planOperations),
  ...offeredBy('activity', activityOperations),
  ...offeredBy('access-log', accessLogOperations),
  ...offeredBy('profile', profileOperations),
  ...offeredBy('contacts', contactOperations.filter(ofPath('/contacts'))),
  // The client picker: the portal's own, no widget's.
  ...contactOperations.filter((operation) => !ofPath('/contacts')(operation)),
  ...offeredBy('board', boardOperations),
  ...dossierOperations,
];
