import { sql, type Kysely } from 'kysely';

/**
 * The bulletin board ("prikbord", issue 18); docs/board.md describes it.
 *
 * - clients gain the care location and team the ECD files them under, so that the care team can
 *   post to every client of a location or team at once.
 * - board_posts: a post on one client's board by the client, a contact person or the care team
 *   (through the integration API). `author_name` is the name as written then, `author_relationship`
 *   a contact's relationship ("dochter"). A care-team post has the ECD's id (`ecd_id`), the same
 *   for each client of a post to a location or team, so that one call removes them all.
 * - board_replies: replies under a post; deleting the post deletes them.
 * - board_photos: a photo decoded and re-encoded by the BFF (no original, no metadata kept), as a
 *   thumbnail and a screen-size version. An upload belongs to the client's board before it is
 *   attached (`post_id` null, only its uploader sees it); attached, it has its description (alt
 *   text) and position. `stored_bytes` is what the tenant's per-client quota counts.
 * - board_reads: per reader, when they last looked at the board (the unread count).
 * - the changes feed reports the client's and contact persons' posts and replies, and every post
 *   or reply removed in the portal (also a care-team post the client removed).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table clients add column location text, add column team text`.execute(db);
  await sql`create index clients_location_idx on clients (tenant_id, location) where location is not null`.execute(db);
  await sql`create index clients_team_idx on clients (tenant_id, team) where team is not null`.execute(db);

  await sql`
    create table board_posts (
      tenant_id uuid not null,
      id uuid not null default gen_random_uuid(),
      client_id uuid not null,
      author_kind text not null check (author_kind in ('client', 'contact', 'staff')),
      author_account_id uuid,
      author_name text not null,
      author_relationship text,
      text text not null check (char_length(text) <= 2000),
      created_at timestamptz not null default now(),
      idempotency_key text,
      ecd_id text,
      constraint board_posts_pk primary key (tenant_id, id),
      constraint board_posts_idempotency_uq unique (tenant_id, client_id, idempotency_key),
      constraint board_posts_ecd_id_uq unique (tenant_id, client_id, ecd_id),
      constraint board_posts_client_fk foreign key (tenant_id, client_id) references clients (tenant_id, id) on delete cascade
    )`.execute(db);
  await sql`create index board_posts_client_created_idx on board_posts (tenant_id, client_id, created_at desc, id desc)`.execute(db);
  await sql`create index board_posts_ecd_id_idx on board_posts (tenant_id, ecd_id) where ecd_id is not null`.execute(db);

  await sql`
    create table board_replies (
      tenant_id uuid not null,
      id uuid not null default gen_random_uuid(),
      post_id uuid not null,
      client_id uuid not null,
      author_kind text not null check (author_kind in ('client', 'contact', 'staff')),
      author_account_id uuid,
      author_name text not null,
      author_relationship text,
      text text not null check (char_length(text) between 1 and 2000),
      created_at timestamptz not null default now(),
      idempotency_key text,
      constraint board_replies_pk primary key (tenant_id, id),
      constraint board_replies_idempotency_uq unique (tenant_id, client_id, idempotency_key),
      constraint board_replies_post_fk foreign key (tenant_id, post_id) references board_posts (tenant_id, id) on delete cascade,
      constraint board_replies_client_fk foreign key (tenant_id, client_id) references clients (tenant_id, id) on delete cascade
    )`.execute(db);
  await sql`create index board_replies_post_idx on board_replies (tenant_id, post_id, created_at, id)`.execute(db);
  await sql`create index board_replies_client_created_idx on board_replies (tenant_id, client_id, created_at)`.execute(db);

  await sql`
    create table board_photos (
      tenant_id uuid not null,
      id uuid not null default gen_random_uuid(),
      client_id uuid not null,
      post_id uuid,
      position smallint,
      description text check (char_length(description) between 1 and 250),
      uploaded_by_account_id uuid,
      content_type text not null,
      thumbnail bytea not null,
      thumbnail_width integer not null,
      thumbnail_height integer not null,
      screen bytea not null,
      screen_width integer not null,
      screen_height integer not null,
      stored_bytes integer not null,
      idempotency_key text,
      created_at timestamptz not null default now(),
      constraint board_photos_pk primary key (tenant_id, id),
      constraint board_photos_idempotency_uq unique (tenant_id, client_id, idempotency_key),
      constraint board_photos_attached_ck check (post_id is null or (description is not null and position is not null)),
      constraint board_photos_post_fk foreign key (tenant_id, post_id) references board_posts (tenant_id, id) on delete cascade,
      constraint board_photos_client_fk foreign key (tenant_id, client_id) references clients (tenant_id, id) on delete cascade
    )`.execute(db);
  await sql`create index board_photos_post_idx on board_photos (tenant_id, post_id, position)`.execute(db);
  await sql`create index board_photos_client_idx on board_photos (tenant_id, client_id)`.execute(db);

  await sql`
    create table board_reads (
      tenant_id uuid not null,
      client_id uuid not null,
      account_id uuid not null,
      seen_at timestamptz not null default now(),
      constraint board_reads_pk primary key (tenant_id, client_id, account_id),
      constraint board_reads_client_fk foreign key (tenant_id, client_id) references clients (tenant_id, id) on delete cascade,
      constraint board_reads_account_fk foreign key (tenant_id, account_id) references accounts (tenant_id, id) on delete cascade
    )`.execute(db);

  // What the portal's people wrote or removed; the ECD's own writes (care.origin) are not echoed back.
  const notFromEcd = sql.raw(`coalesce(current_setting('care.origin', true), '') <> 'integration'`);
  await sql`
    create function integration_change_board() returns trigger language plpgsql as $$
    begin
      if tg_op = 'INSERT' and tg_table_name = 'board_posts' then
        insert into integration_changes (tenant_id, kind, client_id, resource_id, data)
        values (new.tenant_id, 'board.post.created', new.client_id, new.id::text, jsonb_build_object(
          'createdAt', new.created_at, 'authorName', new.author_name, 'authorKind', new.author_kind,
          'authorRelationship', new.author_relationship, 'text', new.text));
      elsif tg_op = 'INSERT' then
        insert into integration_changes (tenant_id, kind, client_id, resource_id, data)
        select new.tenant_id, 'board.reply.created', new.client_id, new.id::text, jsonb_build_object(
          'postId', new.post_id, 'postEcdId', p.ecd_id, 'createdAt', new.created_at, 'authorName', new.author_name,
          'authorKind', new.author_kind, 'authorRelationship', new.author_relationship, 'text', new.text)
          from board_posts p where p.tenant_id = new.tenant_id and p.id = new.post_id;
      else
        -- A cascade (a deleted client, or a reply under a deleted post) has nothing of its own to report.
        if not exists (select 1 from clients c where c.tenant_id = old.tenant_id and c.id = old.client_id) then
          return null;
        end if;
        if tg_table_name = 'board_replies' then
          if not exists (select 1 from board_posts p where p.tenant_id = old.tenant_id and p.id = old.post_id) then
            return null;
          end if;
          insert into integration_changes (tenant_id, kind, client_id, resource_id, data)
          values (old.tenant_id, 'board.reply.removed', old.client_id, old.id::text,
            jsonb_build_object('postId', old.post_id, 'removedAt', now()));
        else
          insert into integration_changes (tenant_id, kind, client_id, resource_id, data)
          values (old.tenant_id, 'board.post.removed', old.client_id, old.id::text,
            jsonb_build_object('ecdId', old.ecd_id, 'removedAt', now()));
        end if;
      end if;
      return null;
    end $$`.execute(db);
  await sql`
    create trigger board_posts_integration_change_insert after insert on board_posts for each row
    when (new.author_kind <> 'staff' and ${notFromEcd}) execute function integration_change_board()`.execute(db);
  await sql`
    create trigger board_replies_integration_change_insert after insert on board_replies for each row
    when (new.author_kind <> 'staff' and ${notFromEcd}) execute function integration_change_board()`.execute(db);
  await sql`
    create trigger board_posts_integration_change_delete after delete on board_posts for each row
    when (${notFromEcd}) execute function integration_change_board()`.execute(db);
  await sql`
    create trigger board_replies_integration_change_delete after delete on board_replies for each row
    when (${notFromEcd}) execute function integration_change_board()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['board_reads', 'board_photos', 'board_replies', 'board_posts']) {
    await sql.raw(`drop table if exists ${table}`).execute(db);
  }
  await sql`drop function if exists integration_change_board()`.execute(db);
  await sql`drop index if exists clients_team_idx`.execute(db);
  await sql`drop index if exists clients_location_idx`.execute(db);
  await sql`alter table clients drop column location, drop column team`.execute(db);
}
