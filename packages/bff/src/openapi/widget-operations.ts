import { accessLogOperations } from '../access-log/schemas.js';
import { activityOperations } from '../activity/schemas.js';
import { agendaOperations } from '../agenda/schemas.js';
import { authOperations } from '../auth/schemas.js';
import { boardOperations } from '../board/schemas.js';
import type { Operation } from '../contract/operations.js';
import { contactOperations } from '../contacts/schemas.js';
import { dossierOperations } from '../dossier/schemas.js';
import { measurementOperations } from '../measurements/schemas.js';
import { messageOperations } from '../messages/schemas.js';
import { planOperations } from '../plans/schemas.js';
import { profileOperations } from '../profile/schemas.js';
import { reportOperations } from '../reports/schemas.js';
import { tenantOperations } from '../tenants/schemas.js';

/** Every route of the widget API (below /api/tenants/{tenant}), in the order of the document. */
export const widgetOperations: Operation[] = [
  ...tenantOperations,
  ...authOperations,
  ...reportOperations,
  ...measurementOperations,
  ...agendaOperations,
  ...messageOperations,
  ...planOperations,
  ...activityOperations,
  ...accessLogOperations,
  ...profileOperations,
  ...contactOperations,
  ...boardOperations,
  ...dossierOperations,
];
