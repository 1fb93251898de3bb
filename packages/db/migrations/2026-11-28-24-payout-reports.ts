import { sql, type Kysely } from "kysely";

// Frozen in time: never import application code here.
const APP_ROLE = "shegong_app";

/**
 * Payout verification reports (issue 6 item 4): one per roster, signed off by the station and then
 * frozen — the content as signed, its SHA-256, who signed and when — and sent once to the
 * township or the county bureau. The database keeps it frozen too: a signed report's content and
 * signature cannot be rewritten and it is sent at most once. The worklist goes on after signing
 * (items open at sign-off are still settled, with who and when); the signed report keeps what was
 * true when it was signed.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const own = `station_id = (select app_station_id()) or station_id in (select stations_in_scope())`;
  await sql.raw(`
    create table payout_report (
      station_id uuid not null,
      roster_id uuid not null,
      content jsonb not null,
      sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
      signed_by uuid not null references app_user(id),
      signed_by_name text not null,
      signed_at timestamptz not null default now(),
      sent_to text check (sent_to in ('township', 'county')),
      sent_to_code text,
      sent_by uuid references app_user(id),
      sent_at timestamptz,
      primary key (station_id, roster_id),
      foreign key (station_id, roster_id) references payout_roster(station_id, id),
      check ((sent_at is null) = (sent_to is null) and (sent_at is null) = (sent_to_code is null) and (sent_at is null) = (sent_by is null))
    );

    alter table payout_report enable row level security;
    alter table payout_report force row level security;
    create policy payout_report_own on payout_report using (${own}) with check (${own});
    grant select, insert, update (sent_to, sent_to_code, sent_by, sent_at) on payout_report to ${APP_ROLE};

    create function payout_report_frozen() returns trigger language plpgsql as $$
    begin
      if new.content is distinct from old.content or new.sha256 is distinct from old.sha256
        or new.signed_by is distinct from old.signed_by or new.signed_at is distinct from old.signed_at
        or new.station_id is distinct from old.station_id or new.roster_id is distinct from old.roster_id then
        raise exception 'a signed payout report is frozen' using errcode = 'check_violation';
      end if;
      if old.sent_at is not null then
        raise exception 'a payout report is sent once' using errcode = 'check_violation';
      end if;
      return new;
    end $$;
    create trigger payout_report_frozen before update on payout_report for each row execute function payout_report_frozen();

    -- A roster row is what the bank sent; the person it concerns is found again through the blind
    -- index (unique per station) and kept on each discrepancy. The copy on the row cost a
    -- foreign-key check per row: about a second of a 50,000-row roster's verification.
    alter table payout_roster_row drop column person_id;

  `).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    alter table payout_roster_row add column person_id uuid;
    alter table payout_roster_row add foreign key (station_id, person_id) references person(station_id, id);
    drop table if exists payout_report;
    drop function if exists payout_report_frozen();
  `).execute(db);
}
