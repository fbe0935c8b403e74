import { sql, type Kysely } from 'kysely';

/**
 * Staff access to a client's file as the ECD logged it (issue 17): care staff read the file in the
 * ECD, not in the portal, so the client's "who looked at my file" needs the ECD's own log lines.
 * One row per ECD event id; an event is a fact, so it is never updated.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table staff_access_events (
      tenant_id uuid not null references tenants (id) on delete cascade,
      id uuid not null default gen_random_uuid(),
      ecd_id text not null,
      client_id uuid not null,
      occurred_at timestamptz not null,
      staff_user_id text not null,
      staff_name text not null,
      staff_role text not null,
      organisation_unit text not null,
      data_category text not null,
      action text not null,
      break_the_glass boolean not null default false,
      received_at timestamptz not null default now(),
      constraint staff_access_events_pk primary key (tenant_id, id),
      constraint staff_access_events_ecd_id_key unique (tenant_id, ecd_id),
      constraint staff_access_events_client_fk foreign key (tenant_id, client_id) references clients (tenant_id, id) on delete cascade
    )`.execute(db);
  await sql`create index staff_access_events_client_idx on staff_access_events (tenant_id, client_id, occurred_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists staff_access_events`.execute(db);
}
