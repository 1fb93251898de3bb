import { sql, type Kysely } from "kysely";

// Frozen in time: never import application code here.
const APP_ROLE = "shegong_app";

/**
 * What a station hands its city/county bureau on a schedule (issue 5 items 6–7, R13, R18): the
 * quarterly ledger package (季度台账: an xlsx workbook and its summary) and the year-end self-check
 * and summary report (年度自查总结: the year's numbers, targets against the agreement, narrative).
 * One row per version. A draft is rebuilt freely; once submitted the version is frozen — its
 * content and SHA-256 cannot be rewritten and it is decided once (accepted, or returned with a
 * comment). A returned period gets a new version beside the old, which is kept. The database
 * enforces the freeze, so no code path (nor a hand-typed UPDATE as the app role) can change a
 * submitted version.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const own = `station_id = (select app_station_id()) or station_id in (select stations_in_scope())`;
  await sql.raw(`
    create table station_submission (
      station_id uuid not null references station(id),
      id uuid not null default gen_random_uuid(),
      kind text not null check (kind in ('quarterly', 'annual')),
      period text not null,
      version integer not null check (version >= 1),
      status text not null default 'draft' check (status in ('draft', 'submitted', 'accepted', 'returned')),
      summary jsonb not null,
      narrative jsonb,
      workbook bytea,
      workbook_sha256 text check (workbook_sha256 ~ '^[0-9a-f]{64}$'),
      file_name text,
      sha256 text check (sha256 ~ '^[0-9a-f]{64}$'),
      built_by uuid not null references app_user(id),
      built_at timestamptz not null default now(),
      submitted_by uuid references app_user(id),
      submitted_by_name text,
      submitted_at timestamptz,
      decided_by uuid references app_user(id),
      decided_by_name text,
      decided_at timestamptz,
      review_comment text,
      primary key (station_id, id),
      unique (station_id, kind, period, version),
      check ((kind = 'quarterly' and period ~ '^[0-9]{4}-Q[1-4]$' and workbook is not null) or (kind = 'annual' and period ~ '^[0-9]{4}$' and narrative is not null)),
      check ((status = 'draft') = (submitted_at is null) and (status = 'draft') = (sha256 is null) and (submitted_at is null) = (submitted_by is null)),
      check ((status in ('accepted', 'returned')) = (decided_at is not null) and (decided_at is null) = (decided_by is null)),
      check (status <> 'returned' or review_comment is not null)
    );
    -- At most one version of a period is open (a draft or awaiting review): two builds racing make one.
    create unique index station_submission_open_idx on station_submission (station_id, kind, period) where status in ('draft', 'submitted');
    -- The bureau's list reads every station's latest version of a period.
    create index station_submission_period_idx on station_submission (kind, period, station_id, version desc);

    alter table station_submission enable row level security;
    alter table station_submission force row level security;
    create policy station_submission_own on station_submission using (${own}) with check (${own});
    grant select, insert, update on station_submission to ${APP_ROLE};

    create function station_submission_frozen() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' then
        if old.status <> 'draft' then
          raise exception 'a submitted version is kept' using errcode = 'check_violation';
        end if;
        return old;
      end if;
      if old.status = 'draft' then
        return new;
      end if;
      if new.station_id is distinct from old.station_id or new.id is distinct from old.id or new.kind is distinct from old.kind
        or new.period is distinct from old.period or new.version is distinct from old.version
        or new.summary is distinct from old.summary or new.narrative is distinct from old.narrative
        or new.workbook is distinct from old.workbook or new.workbook_sha256 is distinct from old.workbook_sha256
        or new.file_name is distinct from old.file_name or new.sha256 is distinct from old.sha256
        or new.built_by is distinct from old.built_by or new.built_at is distinct from old.built_at
        or new.submitted_by is distinct from old.submitted_by or new.submitted_by_name is distinct from old.submitted_by_name
        or new.submitted_at is distinct from old.submitted_at then
        raise exception 'a submitted version is frozen' using errcode = 'check_violation';
      end if;
      if old.status <> 'submitted' or new.status not in ('accepted', 'returned') then
        raise exception 'a submitted version is decided once' using errcode = 'check_violation';
      end if;
      return new;
    end $$;
    create trigger station_submission_frozen before update or delete on station_submission
      for each row execute function station_submission_frozen();
  `).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    drop table if exists station_submission;
    drop function if exists station_submission_frozen();
  `).execute(db);
}
