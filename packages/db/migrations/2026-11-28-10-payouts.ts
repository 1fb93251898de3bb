import { sql, type Kysely } from "kysely";

// Frozen in time: never import application code here.
const APP_ROLE = "shegong_app";

/**
 * Payout verification (issue 6): the payment standards (reference data, per kind, band, county or
 * region default and period), the rosters a station imports (one per file: the same file for the
 * same kind and month twice is the same roster), their rows (account's last four digits only, the
 * ID as blind index and masked form), and the discrepancies found, worked to an outcome.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const own = `station_id = (select app_station_id()) or station_id in (select stations_in_scope())`;
  await sql.raw(`
    create table payout_standard (
      id uuid primary key default gen_random_uuid(),
      kind text not null check (kind in ('advanced_age', 'child_allowance')),
      region_code text not null check (region_code = '65' or region_code ~ '^[0-9]{6}$'),
      band text not null,
      valid_from date not null,
      valid_to date,
      amount_fen bigint not null check (amount_fen > 0),
      created_at timestamptz not null default now(),
      unique (kind, region_code, band, valid_from),
      check (valid_to is null or valid_to >= valid_from)
    );
    grant select on payout_standard to ${APP_ROLE};

    create table payout_roster (
      station_id uuid not null references station(id),
      id uuid not null default gen_random_uuid(),
      kind text not null check (kind in ('advanced_age', 'child_allowance')),
      month text not null check (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
      file_name text not null,
      file_sha256 text not null,
      rows_total integer not null,
      total_fen bigint not null,
      discrepancy_count integer not null,
      counts jsonb not null,
      actor_user_id uuid,
      created_at timestamptz not null default now(),
      primary key (station_id, id),
      unique (station_id, kind, month, file_sha256)
    );

    create table payout_roster_row (
      station_id uuid not null,
      roster_id uuid not null,
      row_number integer not null,
      name text not null,
      id_blind bytea not null,
      id_masked text not null,
      amount_fen bigint not null check (amount_fen > 0),
      account_last4 text check (account_last4 ~ '^[0-9]{4}$'),
      person_id uuid,
      primary key (station_id, roster_id, row_number),
      foreign key (station_id, roster_id) references payout_roster(station_id, id),
      foreign key (station_id, person_id) references person(station_id, id)
    );
    create index payout_roster_row_blind_idx on payout_roster_row (id_blind);

    create table payout_discrepancy (
      station_id uuid not null,
      id uuid not null default gen_random_uuid(),
      roster_id uuid not null,
      row_number integer,
      person_id uuid,
      rule text not null,
      message_zh text not null,
      message_en text not null,
      expected_fen bigint,
      paid_fen bigint,
      status text not null default 'open' check (status in ('open', 'settled')),
      assigned_user_id uuid references app_user(id),
      evidence_visit_id uuid,
      outcome text check (outcome in ('correct', 'stop_payment', 'recover_overpayment', 'add_to_roster')),
      note text not null default '',
      settled_by uuid references app_user(id),
      settled_at timestamptz,
      created_at timestamptz not null default now(),
      primary key (station_id, id),
      foreign key (station_id, roster_id) references payout_roster(station_id, id),
      foreign key (station_id, evidence_visit_id) references visit(station_id, id),
      foreign key (station_id, person_id) references person(station_id, id),
      check ((status = 'settled') = (outcome is not null and settled_by is not null and settled_at is not null))
    );
    create index payout_discrepancy_roster_idx on payout_discrepancy (station_id, roster_id);
  `).execute(db);

  for (const table of ["payout_roster", "payout_roster_row", "payout_discrepancy"]) {
    await sql.raw(`
      alter table ${table} enable row level security;
      alter table ${table} force row level security;
      create policy ${table}_own on ${table} using (${own}) with check (${own});
    `).execute(db);
  }

  // Paid twice across stations: runs as the owner to read other stations' rosters, and returns
  // only which of the caller's own blind indexes also appear there, never whose or where.
  await sql.raw(`
    create function payout_paid_elsewhere(p_station uuid, p_kind text, p_month text, p_blinds bytea[])
      returns table (id_blind bytea) language sql stable security definer set search_path = public as $$
      select distinct r.id_blind
      from payout_roster_row r join payout_roster o on o.station_id = r.station_id and o.id = r.roster_id
      where r.id_blind = any(p_blinds) and r.station_id <> p_station and o.kind = p_kind and o.month = p_month
    $$;
    revoke all on function payout_paid_elsewhere(uuid, text, text, bytea[]) from public;
    grant execute on function payout_paid_elsewhere(uuid, text, text, bytea[]) to ${APP_ROLE};

    grant select, insert on payout_roster, payout_roster_row to ${APP_ROLE};
    grant select, insert, update on payout_discrepancy to ${APP_ROLE};
  `).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    drop function if exists payout_paid_elsewhere(uuid, text, text, bytea[]);
    drop table if exists payout_discrepancy, payout_roster_row, payout_roster, payout_standard;
  `).execute(db);
}
