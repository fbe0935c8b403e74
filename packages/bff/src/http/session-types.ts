import type { SessionState } from '../db/schema.js';

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
