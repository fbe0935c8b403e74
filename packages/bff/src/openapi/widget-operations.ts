import type { Operation } from '../contract/operations.js';
import { reportOperations } from '../reports/schemas.js';

/** Every route of the widget API (below /api/tenants/{tenant}), in the order of the document. */
export const widgetOperations: Operation[] = [...reportOperations];
