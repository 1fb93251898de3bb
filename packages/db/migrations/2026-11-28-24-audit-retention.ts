import { sql, type Kysely } from "kysely";

// Frozen in time: never import application code here.
const APP_ROLE = "shegong_app";

/**
 * Audit retention (issue 8 item 9): events older than the retention period may be pruned from
 * the head of a chain, but the chain must stay verifiable. The checkpoint keeps the sequence
 * number and hash of the last pruned event, so the oldest kept event still links to something
 * and a gap in the sequence is still a break. Only the owner prunes; the server reads nothing here.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    create table audit_checkpoint (
      station_id uuid not null,
      through_seq bigint not null check (through_seq > 0),
      through_hash bytea not null,
      through_occurred_at timestamptz not null,
      pruned_events bigint not null default 0,
      pruned_at timestamptz not null default now(),
      primary key (station_id)
    );
    alter table audit_checkpoint enable row level security;
    alter table audit_checkpoint force row level security;
    create policy audit_checkpoint_read on audit_checkpoint for select
      using (station_id = (select app_station_id()) or station_id in (select stations_in_scope()));
    grant select on audit_checkpoint to ${APP_ROLE};
  `).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists audit_checkpoint`.execute(db);
}
