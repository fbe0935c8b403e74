import type { Access } from '../contacts/rights.js';
import type { Relationship, SessionState } from '../db/schema.js';

/** The signed-in person as every data route sees it. */
export interface SessionInfo {
  id: string;
  tenantId: string;
  accountId: string;
  /** The client whose portal this is; null until the login is complete. */
  clientId: string | null;
  relation: 'self' | 'contact';
  state: SessionState;
  displayName: string;
  idleExpiresAt: Date;
  absoluteExpiresAt: Date;
  /** When the account's previous sign-in started; null on the first visit ever. */
  previousVisitAt: Date | null;
  /**
   * What this person may do in the current client's portal: every right for the client, the
   * rights of the link for a contact person (docs/rights-model.md). Loaded with the session.
   */
  access: Access;
  /** "Johanna de Vries": the current client, for messages such as "U heeft geen toegang tot de metingen van …". */
  clientName: string | null;
  /** A contact person's relationship to the current client ("daughter"); null for the client. */
  relationship: Relationship | null;
}

/**
 * Whose data a data route reads and writes, and who acts: always the session's, never anything
 * named in the request. Every feature's queries take it as their first filter.
 */
export interface ClientScope {
  tenantId: string;
  clientId: string;
  accountId: string;
}
