import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { TenantSettings } from '../tenants/settings.js';
import type { Relationship } from '../contacts/rights.js';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
/** A timestamp with a database default that may also be set explicitly. */
type DefaultedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** `date` columns travel as ISO strings (YYYY-MM-DD) on both dialects, never as local-time Dates. */
type CalendarDate = ColumnType<string, string, string>;
type Json<T> = ColumnType<T, T, T>;
/** `Generated<Json<T>>` would make the insert type the ColumnType object itself instead of `T`. */
type GeneratedJson<T> = ColumnType<T, T | undefined, T>;
type Defaulted<T> = ColumnType<T, T | undefined, T>;

export interface TenantsTable {
  id: Generated<string>;
  slug: string;
  name: string;
  settings: Json<TenantSettings>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface ClientsTable {
  tenant_id: string;
  id: Generated<string>;
  ecd_id: string | null;
  initials: Generated<string>;
  first_name: string;
  last_name_prefix: Generated<string>;
  last_name: string;
  date_of_birth: CalendarDate;
  marital_status: string | null;
  place_of_birth: string | null;
  nationality: string | null;
  bsn: string | null;
  street: string | null;
  house_number: string | null;
  address_extra: string | null;
  postal_code: string | null;
  city: string | null;
  phone: string | null;
  mobile_phone: string | null;
  email: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
  /** Migration 0013: the care location and team the ECD files the client under (posts to all of them). */
  location: Defaulted<string | null>;
  team: Defaulted<string | null>;
}

export type SecondFactorKind = 'sms' | 'email' | 'totp';

export interface AccountsTable {
  tenant_id: string;
  id: Generated<string>;
  username: string;
  display_name: string;
  email: string | null;
  mobile_phone: string | null;
  password_hash: string | null;
  password_changed_at: Timestamp | null;
  must_change_password: Generated<boolean>;
  terms_version_accepted: string | null;
  terms_accepted_at: Timestamp | null;
  second_factor: Generated<SecondFactorKind>;
  totp_secret: string | null;
  totp_last_used_step: number | null;
  /** An authenticator-app secret shown at enrolment, until its first code confirms it. */
  totp_pending_secret: Generated<string | null>;
  status: Generated<'invited' | 'active' | 'disabled'>;
  last_login_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

/** What a contact person is to the client (migration 0012): the list and the labels are in contacts/rights.ts. */
export type { Relationship };

export interface AccountClientsTable {
  tenant_id: string;
  account_id: string;
  client_id: string;
  relation: Generated<'self' | 'contact'>;
  /** Rights per area of a contact link ({ reports: true, … }); a 'self' link has every right. */
  rights: GeneratedJson<Record<string, boolean>>;
  created_at: CreatedAt;
  /** Migration 0012: the relationship, the organisation's lock and representative flag, the ECD's id, who invited. */
  relationship: Defaulted<Relationship | null>;
  locked: Defaulted<boolean>;
  legal_representative: Defaulted<boolean>;
  ecd_id: Defaulted<string | null>;
  invited_by_account_id: Defaulted<string | null>;
  updated_at: UpdatedAt;
}

/** Read marks per reader (migration 0012). */
export interface MessageReadsTable {
  tenant_id: string;
  message_id: string;
  account_id: string;
  client_id: string;
  read_at: DefaultedTimestamp;
}

/** Who wrote on the bulletin board (migration 0013). */
export type BoardAuthorKind = 'client' | 'contact' | 'staff';

export interface BoardPostsTable {
  tenant_id: string;
  id: Generated<string>;
  client_id: string;
  author_kind: BoardAuthorKind;
  author_account_id: string | null;
  author_name: string;
  author_relationship: Relationship | null;
  text: string;
  created_at: DefaultedTimestamp;
  idempotency_key: string | null;
  /** The ECD's id of a care-team post: the same on every client's copy of a post to a location or team. */
  ecd_id: string | null;
}

export interface BoardRepliesTable {
  tenant_id: string;
  id: Generated<string>;
  post_id: string;
  client_id: string;
  author_kind: BoardAuthorKind;
  author_account_id: string | null;
  author_name: string;
  author_relationship: Relationship | null;
  text: string;
  created_at: DefaultedTimestamp;
  idempotency_key: string | null;
}

export interface BoardPhotosTable {
  tenant_id: string;
  id: Generated<string>;
  client_id: string;
  /** Null while uploaded but not yet posted. */
  post_id: string | null;
  position: number | null;
  /** The alt text, given when the photo is posted. */
  description: string | null;
  uploaded_by_account_id: string | null;
  content_type: string;
  thumbnail: Uint8Array;
  thumbnail_width: number;
  thumbnail_height: number;
  screen: Uint8Array;
  screen_width: number;
  screen_height: number;
  stored_bytes: number;
  idempotency_key: string | null;
  created_at: DefaultedTimestamp;
}

export interface BoardReadsTable {
  tenant_id: string;
  client_id: string;
  account_id: string;
  seen_at: DefaultedTimestamp;
}

export type SessionState = 'second_factor' | 'pending' | 'active';

export interface SessionsTable {
  tenant_id: string;
  id: Generated<string>;
  account_id: string;
  client_id: string | null;
  token_hash: Uint8Array;
  state: SessionState;
  created_at: CreatedAt;
  last_seen_at: DefaultedTimestamp;
  idle_expires_at: Timestamp;
  absolute_expires_at: Timestamp;
  revoked_at: Timestamp | null;
  ip: string | null;
  user_agent: string | null;
  /** When the account's sign-in before this session's started; null on the first visit ever. */
  previous_visit_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export type ChallengePurpose =
  'login' | 'plan_decision' | 'mobile_change' | 'email_change' | 'password_reset' | 'activation' | 'contact_change';
export type ChallengeChannel = 'sms' | 'email' | 'totp' | 'link';

export interface ChallengesTable {
  tenant_id: string;
  id: Generated<string>;
  account_id: string;
  session_id: string | null;
  purpose: ChallengePurpose;
  channel: ChallengeChannel;
  prefix: string | null;
  secret_hash: Uint8Array | null;
  binding: GeneratedJson<Record<string, string>>;
  destination: string | null;
  attempts: Generated<number>;
  max_attempts: number;
  created_at: CreatedAt;
  expires_at: Timestamp;
  consumed_at: Timestamp | null;
  cancelled_at: Timestamp | null;
}

export interface TrustedDevicesTable {
  tenant_id: string;
  id: Generated<string>;
  account_id: string;
  token_hash: Uint8Array;
  created_at: CreatedAt;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
  user_agent: string | null;
}

export interface RateLimitsTable {
  tenant_id: string;
  bucket: string;
  window_start: Timestamp;
  hits: Generated<number>;
  locked_until: Timestamp | null;
}

export type AuthorKind = 'staff' | 'client' | 'contact';

export interface ReportsTable {
  tenant_id: string;
  id: Generated<string>;
  client_id: string;
  ecd_id: string | null;
  written_at: Timestamp;
  author_name: string;
  author_kind: AuthorKind;
  author_account_id: string | null;
  text: string;
  idempotency_key: string | null;
  created_at: CreatedAt;
}

export interface MeasurementComponent {
  key: string;
  label: string;
  min: number;
  max: number;
}

export interface MeasurementTypesTable {
  tenant_id: string;
  id: Generated<string>;
  code: string;
  label: string;
  unit: string;
  decimals: Generated<number>;
  components: Json<MeasurementComponent[]>;
  sort_order: Generated<number>;
  client_may_enter: Generated<boolean>;
}

export interface MeasurementsTable {
  tenant_id: string;
  id: Generated<string>;
  client_id: string;
  type_id: string;
  ecd_id: string | null;
  measured_at: Timestamp;
  values: Json<Record<string, number>>;
  source: 'staff' | 'client';
  author_name: string;
  author_account_id: string | null;
  idempotency_key: string | null;
  deleted_at: Timestamp | null;
  created_at: CreatedAt;
}

export interface AppointmentsTable {
  tenant_id: string;
  id: Generated<string>;
  client_id: string;
  ecd_id: string | null;
  starts_at: Timestamp;
  ends_at: Timestamp;
  title: string;
  description: string | null;
  location: string | null;
  care_worker_name: string | null;
  source: 'care_team' | 'client';
  created_by_account_id: string | null;
  /** Set for appointments the client adds (migration 0004). */
  idempotency_key: ColumnType<string | null, string | null | undefined, string | null>;
  cancelled_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface MessagesTable {
  tenant_id: string;
  id: Generated<string>;
  client_id: string;
  ecd_id: string | null;
  sender_kind: AuthorKind;
  sender_account_id: string | null;
  sender_name: string;
  body: string;
  sent_at: DefaultedTimestamp;
  read_at: Timestamp | null;
  idempotency_key: string | null;
}

export interface PlanDocumentsTable {
  tenant_id: string;
  id: Generated<string>;
  client_id: string;
  ecd_id: string | null;
  title: string;
  version: string;
  document_date: CalendarDate;
  file_name: string;
  pdf: Uint8Array;
  sha256: string;
  created_at: CreatedAt;
}

export interface PlanDecisionsTable {
  tenant_id: string;
  plan_document_id: string;
  client_id: string;
  decision: 'signed' | 'rejected';
  reason: string | null;
  decided_at: DefaultedTimestamp;
  account_id: string;
  decided_by_name: string;
  ip: string | null;
  user_agent: string | null;
  document_sha256: string;
}

export interface AuditLogTable {
  tenant_id: string;
  id: Generated<number>;
  occurred_at: DefaultedTimestamp;
  actor_kind: 'account' | 'anonymous' | 'integration' | 'system';
  actor_account_id: string | null;
  client_id: string | null;
  on_behalf_of_client_id: string | null;
  action: string;
  resource_type: string | null;
  resource_id: string | null;
  outcome: 'success' | 'failure' | 'denied';
  ip: string | null;
  user_agent: string | null;
  request_id: string | null;
  details: GeneratedJson<Record<string, unknown>>;
  /** Set by the audit_log_chain trigger (migration 0010): position and sha256 links in the tenant's chain. */
  chain_seq: Generated<string>;
  prev_hash: Generated<Buffer>;
  row_hash: Generated<Buffer>;
}

export const staffAccessCategories = [
  'reports',
  'measurements',
  'client-plan',
  'appointments',
  'messages',
  'profile',
  'documents',
  'medication',
  'other',
] as const;
export const staffAccessActions = ['view', 'download', 'create', 'update', 'delete', 'sign', 'reject'] as const;

/** An access to a client's file by care staff, as the ECD logged it (pushed through the integration API). */
export interface StaffAccessEventsTable {
  tenant_id: string;
  id: Generated<string>;
  ecd_id: string;
  client_id: string;
  occurred_at: Timestamp;
  staff_user_id: string;
  staff_name: string;
  staff_role: string;
  organisation_unit: string;
  data_category: (typeof staffAccessCategories)[number];
  action: (typeof staffAccessActions)[number];
  break_the_glass: Generated<boolean>;
  received_at: CreatedAt;
}

/** Where each tenant's audit chain ends (and, after a retention purge, where it now starts). */
export interface AuditChainHeadsTable {
  tenant_id: string;
  last_seq: string;
  last_hash: Buffer;
  purged_through_seq: string;
  purged_through_hash: Buffer;
}

export interface OutboxTable {
  tenant_id: string;
  id: Generated<number>;
  channel: 'sms' | 'email';
  recipient: string;
  sender: string;
  subject: string | null;
  body: string;
  status: Generated<OutboxStatus>;
  attempts: Generated<number>;
  provider_message_id: string | null;
  created_at: CreatedAt;
  sent_at: Timestamp | null;
  /** Migration 0005: claims, retries and the provider's answer. */
  next_attempt_at: DefaultedTimestamp;
  claimed_until: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  deliver_until: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  challenge_id: ColumnType<string | null, string | null | undefined, string | null>;
  reply_to: ColumnType<string | null, string | null | undefined, string | null>;
  last_error: ColumnType<string | null, string | null | undefined, string | null>;
}

export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'expired';

export interface Database {
  tenants: TenantsTable;
  clients: ClientsTable;
  accounts: AccountsTable;
  account_clients: AccountClientsTable;
  sessions: SessionsTable;
  challenges: ChallengesTable;
  trusted_devices: TrustedDevicesTable;
  rate_limits: RateLimitsTable;
  reports: ReportsTable;
  measurement_types: MeasurementTypesTable;
  measurements: MeasurementsTable;
  appointments: AppointmentsTable;
  messages: MessagesTable;
  message_reads: MessageReadsTable;
  board_posts: BoardPostsTable;
  board_replies: BoardRepliesTable;
  board_photos: BoardPhotosTable;
  board_reads: BoardReadsTable;
  plan_documents: PlanDocumentsTable;
  plan_decisions: PlanDecisionsTable;
  audit_log: AuditLogTable;
  audit_chain_heads: AuditChainHeadsTable;
  staff_access_events: StaffAccessEventsTable;
  outbox: OutboxTable;
  demo_seed: DemoSeedTable;
}

/** Migration 0014: the demo seed's version that wrote a demo tenant (seed/demo-seed.ts). */
export interface DemoSeedTable {
  tenant_id: string;
  version: number;
  seeded_at: DefaultedTimestamp;
}

export type Tenant = Selectable<TenantsTable>;
export type NewTenant = Insertable<TenantsTable>;
export type Account = Selectable<AccountsTable>;
export type AccountUpdate = Updateable<AccountsTable>;
export type Client = Selectable<ClientsTable>;
