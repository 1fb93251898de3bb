import { sql, type Kysely } from "kysely";

// Frozen in time: never import application code here.
const APP_ROLE = "shegong_app";
const DEFAULT_TEMPLATE_ID = "00000000-0000-4000-8000-0000000e0a10";

/**
 * Evaluation, inspection and rectification (issue 5 item 8, R15, R18).
 *
 * Rubrics (evaluation_template) are shared reference data owned by a division, like the contractor
 * registry: a rubric is the bureau's standard applied to every station it evaluates, not a
 * station's record, and one copy per station would let the same standard drift. A row with no
 * division is the region-wide default. Rubrics are never edited: each evaluation copies the
 * indicators it was scored against, so a newer rubric cannot rewrite an old evaluation.
 *
 * Evaluations, their scores and rectification items are the station's: station_id first in every
 * key, RLS as in 2026-11-28-10. A finalized evaluation is frozen by the database itself.
 *
 * Inspector grants stay role_grant rows (their expiry is what ends access, checked at every
 * request); they gain the inspector's kind, a reason, and who revoked them and when. Revoking
 * moves the expiry to now, so every reader of grants already treats the grant as ended.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const run = (text: string) => sql.raw(text).execute(db);
  const divisionScoped = `((select app_division_scope()) is not null and division_code like (select app_division_scope()) || '%')`;
  await run(`
    create table evaluation_template (
      id uuid primary key default gen_random_uuid(),
      division_code text references division(code),
      name text not null,
      indicators jsonb not null check (jsonb_typeof(indicators) = 'array' and jsonb_array_length(indicators) > 0),
      created_by uuid references app_user(id),
      created_at timestamptz not null default now()
    );
    create index evaluation_template_division_idx on evaluation_template (division_code text_pattern_ops);
    alter table evaluation_template enable row level security;
    alter table evaluation_template force row level security;
    create policy evaluation_template_read on evaluation_template for select using (true);
    -- A bureau adds rubrics within its division; the region-wide default (the one id with no
    -- division) is written from the domain's rubric by whichever request first needs it.
    create policy evaluation_template_insert on evaluation_template for insert
      with check ((division_code is not null and ${divisionScoped}) or (division_code is null and id = '${DEFAULT_TEMPLATE_ID}'));
    grant select, insert on evaluation_template to ${APP_ROLE};

    create table evaluation (
      station_id uuid not null references station(id),
      id uuid not null default gen_random_uuid(),
      -- Provenance only, no foreign key: the evaluation carries its own copy of the rubric, so a
      -- station's archive travels without the bureaus' rubrics.
      template_id uuid not null,
      template_name text not null,
      indicators jsonb not null,
      period_year integer not null check (period_year between 2000 and 2100),
      evaluator_kind text not null check (evaluator_kind in ('bureau', 'third_party')),
      status text not null default 'draft' check (status in ('draft', 'finalized')),
      summary text not null default '',
      total numeric(5, 1),
      -- What the data behind each indicator said when the evaluation was finalized.
      data jsonb,
      created_by uuid not null references app_user(id),
      created_at timestamptz not null default now(),
      finalized_by uuid references app_user(id),
      finalized_at timestamptz,
      primary key (station_id, id),
      check ((status = 'finalized') = (finalized_at is not null) and (finalized_at is null) = (finalized_by is null) and (finalized_at is null) = (total is null))
    );
    create index evaluation_year_idx on evaluation (station_id, period_year);

    create table evaluation_score (
      station_id uuid not null,
      evaluation_id uuid not null,
      indicator_code text not null,
      score numeric(5, 1) not null check (score >= 0),
      comment text not null default '',
      scored_by uuid not null references app_user(id),
      scored_at timestamptz not null default now(),
      primary key (station_id, evaluation_id, indicator_code),
      foreign key (station_id, evaluation_id) references evaluation (station_id, id)
    );

    create table rectification_item (
      station_id uuid not null,
      id uuid not null default gen_random_uuid(),
      evaluation_id uuid,
      indicator_code text,
      finding text not null,
      requirement text not null default '',
      owner_user_id uuid not null references app_user(id),
      due_on date not null,
      status text not null default 'open' check (status in ('open', 'evidence_submitted', 'closed', 'reopened')),
      response text not null default '',
      bureau_comment text not null default '',
      created_by uuid not null references app_user(id),
      created_at timestamptz not null default now(),
      evidence_submitted_by uuid references app_user(id),
      evidence_submitted_at timestamptz,
      closed_by uuid references app_user(id),
      closed_at timestamptz,
      primary key (station_id, id),
      foreign key (station_id) references station(id),
      foreign key (station_id, evaluation_id) references evaluation (station_id, id),
      check ((status = 'closed') = (closed_at is not null))
    );
    create index rectification_item_due_idx on rectification_item (station_id, status, due_on);
  `);

  const own = `station_id = (select app_station_id()) or station_id in (select stations_in_scope())`;
  for (const table of ["evaluation", "evaluation_score", "rectification_item"]) {
    await run(`
      alter table ${table} enable row level security;
      alter table ${table} force row level security;
      create policy ${table}_own on ${table} using (${own}) with check (${own});
    `);
  }
  await run(`
    grant select, insert, update (status, summary, total, data, finalized_by, finalized_at) on evaluation to ${APP_ROLE};
    grant select, insert, update (score, comment, scored_by, scored_at) on evaluation_score to ${APP_ROLE};
    grant select, insert, update (status, response, bureau_comment, evidence_submitted_by, evidence_submitted_at, closed_by, closed_at) on rectification_item to ${APP_ROLE};

    -- R15: a finalized evaluation is the bureau's record of the year; the database refuses any change.
    create function evaluation_frozen() returns trigger language plpgsql as $$
    begin
      if old.status = 'finalized' then
        raise exception 'a finalized evaluation is frozen' using errcode = 'check_violation';
      end if;
      if tg_op = 'DELETE' then return old; end if;
      return new;
    end $$;
    create trigger evaluation_frozen before update or delete on evaluation for each row execute function evaluation_frozen();

    create function evaluation_score_frozen() returns trigger language plpgsql as $$
    declare
      target record;
    begin
      target := case when tg_op = 'DELETE' then old else new end;
      if exists (select 1 from evaluation e where e.station_id = target.station_id and e.id = target.evaluation_id and e.status = 'finalized') then
        raise exception 'a finalized evaluation''s scores are frozen' using errcode = 'check_violation';
      end if;
      if tg_op = 'DELETE' then return old; end if;
      return new;
    end $$;
    create trigger evaluation_score_frozen before insert or update or delete on evaluation_score for each row execute function evaluation_score_frozen();

    alter table role_grant
      add column inspector_kind text check (inspector_kind in ('finance', 'audit', 'evaluator')),
      add column grant_reason text,
      add column revoked_by uuid references app_user(id),
      add column revoked_at timestamptz,
      add constraint role_grant_inspector_kind check (inspector_kind is null or role = 'inspector');
    grant update (expires_at, revoked_by, revoked_at, inspector_kind, grant_reason) on role_grant to ${APP_ROLE};

    alter table attachment drop constraint attachment_owner_kind_check;
    alter table attachment add constraint attachment_owner_kind_check check (owner_kind in ('visit', 'agreement', 'activity', 'case', 'station_sign', 'rectification'));
  `);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    delete from attachment where owner_kind = 'rectification';
    alter table attachment drop constraint attachment_owner_kind_check;
    alter table attachment add constraint attachment_owner_kind_check check (owner_kind in ('visit', 'agreement', 'activity', 'case', 'station_sign'));
    revoke update (expires_at, revoked_by, revoked_at, inspector_kind, grant_reason) on role_grant from ${APP_ROLE};
    alter table role_grant
      drop constraint if exists role_grant_inspector_kind,
      drop column if exists inspector_kind,
      drop column if exists grant_reason,
      drop column if exists revoked_by,
      drop column if exists revoked_at;
    drop table if exists rectification_item, evaluation_score, evaluation, evaluation_template;
    drop function if exists evaluation_frozen();
    drop function if exists evaluation_score_frozen();
  `).execute(db);
}
