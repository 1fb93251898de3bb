import { sql, type Kysely } from "kysely";

// Frozen in time: never import application code here.
const APP_ROLE = "shegong_app";

/**
 * Cases (个案, issue 4 item 4) with supervision sign-off (R7) and referrals. Every table is the
 * station's own: station_id first in the key and in every foreign key, RLS in the init-plan form
 * of 2026-11-27-03. Content rows are append-only (no update grant) so an earlier assessment, plan
 * or service record is never overwritten: a revision is a new row.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const run = (text: string) => sql.raw(text).execute(db);

  // R7: who needs a supervisor's sign-off is read off the staff record, linked to the login.
  await run(`
    alter table staff_member
      add column user_id uuid references app_user(id),
      add column education text,
      add column major text,
      add column qualification_level text check (qualification_level in ('none', 'assistant', 'intermediate', 'senior')),
      add column certificate_no text,
      add column certificate_expires_on date,
      add column supervisor_user_id uuid references app_user(id),
      add column updated_at timestamptz;
    create unique index staff_member_user_idx on staff_member (station_id, user_id) where user_id is not null;
  `);

  await run(`
    create table case_number_counter (
      station_id uuid not null references station(id),
      year smallint not null,
      last_no integer not null,
      primary key (station_id, year)
    );

    create table social_case (
      station_id uuid not null references station(id),
      id uuid not null default gen_random_uuid(),
      case_no text not null,
      person_id uuid not null,
      household_id uuid,
      source text not null check (source in ('visit', 'referral', 'walk_in')),
      source_visit_id uuid,
      referred_by text,
      intake_on date not null,
      presenting_problem text not null,
      risk_level text not null check (risk_level in ('low', 'medium', 'high', 'critical')),
      assigned_worker_id uuid references app_user(id),
      status text not null default 'intake'
        check (status in ('intake', 'assessed', 'plan_pending', 'plan_approved', 'in_service', 'closure_pending', 'closed')),
      closure_outcome text,
      closure_summary text,
      closed_on date,
      created_by uuid references app_user(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (station_id, id),
      unique (station_id, case_no),
      foreign key (station_id, person_id) references person (station_id, id),
      foreign key (station_id, household_id) references household (station_id, id),
      foreign key (station_id, source_visit_id) references visit (station_id, id),
      check ((source = 'visit') = (source_visit_id is not null)),
      check ((status = 'closed') = (closed_on is not null))
    );
    create index social_case_status_idx on social_case (station_id, status);
    create index social_case_worker_idx on social_case (station_id, assigned_worker_id) where status <> 'closed';
    create index social_case_person_idx on social_case (station_id, person_id);

    -- Every change of status, risk or assignment, with what it was before: the case's own history.
    create table case_event (
      station_id uuid not null,
      id uuid not null default gen_random_uuid(),
      case_id uuid not null,
      kind text not null,
      from_status text,
      to_status text,
      ref_id uuid,
      detail jsonb not null default '{}'::jsonb,
      actor_user_id uuid references app_user(id),
      occurred_at timestamptz not null default now(),
      primary key (station_id, id),
      foreign key (station_id, case_id) references social_case (station_id, id)
    );
    create index case_event_case_idx on case_event (station_id, case_id, occurred_at);

    create table case_assessment (
      station_id uuid not null,
      id uuid not null default gen_random_uuid(),
      case_id uuid not null,
      assessed_on date not null,
      needs text not null,
      strengths text,
      risk_level text not null check (risk_level in ('low', 'medium', 'high', 'critical')),
      recorded_by uuid references app_user(id),
      recorded_at timestamptz not null default now(),
      primary key (station_id, id),
      foreign key (station_id, case_id) references social_case (station_id, id)
    );

    create table case_plan (
      station_id uuid not null,
      id uuid not null default gen_random_uuid(),
      case_id uuid not null,
      version integer not null,
      goals jsonb not null,
      approach text,
      status text not null default 'proposed' check (status in ('proposed', 'approved', 'returned', 'superseded')),
      proposed_by uuid references app_user(id),
      proposed_at timestamptz not null default now(),
      approved_by uuid references app_user(id),
      approved_at timestamptz,
      primary key (station_id, id),
      unique (station_id, case_id, version),
      foreign key (station_id, case_id) references social_case (station_id, id)
    );

    create table case_service (
      station_id uuid not null,
      id uuid not null default gen_random_uuid(),
      case_id uuid not null,
      area text not null,
      served_on date not null,
      duration_minutes smallint not null check (duration_minutes between 1 and 1440),
      worker_user_ids uuid[] not null,
      note text not null,
      recorded_by uuid references app_user(id),
      recorded_at timestamptz not null default now(),
      primary key (station_id, id),
      foreign key (station_id, case_id) references social_case (station_id, id)
    );
    create index case_service_month_idx on case_service (station_id, served_on);

    create table case_review (
      station_id uuid not null,
      id uuid not null default gen_random_uuid(),
      case_id uuid not null,
      reviewed_on date not null,
      progress text not null,
      next_steps text,
      risk_level text not null check (risk_level in ('low', 'medium', 'high', 'critical')),
      recorded_by uuid references app_user(id),
      recorded_at timestamptz not null default now(),
      primary key (station_id, id),
      foreign key (station_id, case_id) references social_case (station_id, id)
    );

    create table case_signoff (
      station_id uuid not null,
      id uuid not null default gen_random_uuid(),
      case_id uuid not null,
      what text not null check (what in ('plan_approval', 'closure')),
      plan_id uuid,
      closure jsonb,
      return_status text,
      requested_by uuid not null references app_user(id),
      requested_at timestamptz not null default now(),
      supervisor_user_id uuid not null references app_user(id),
      decision text check (decision in ('approved', 'returned')),
      comment text,
      decided_at timestamptz,
      primary key (station_id, id),
      foreign key (station_id, case_id) references social_case (station_id, id),
      foreign key (station_id, plan_id) references case_plan (station_id, id),
      check ((decision is null) = (decided_at is null))
    );
    -- One request waits at a time per case; the queue is read by supervisor.
    create unique index case_signoff_pending_idx on case_signoff (station_id, case_id) where decision is null;
    create index case_signoff_queue_idx on case_signoff (station_id, supervisor_user_id) where decision is null;

    create table case_referral (
      station_id uuid not null,
      id uuid not null default gen_random_uuid(),
      case_id uuid not null,
      to_kind text not null check (to_kind in ('township', 'agency')),
      to_name text not null,
      reason text not null,
      referred_on date not null,
      due_on date not null,
      status text not null default 'open' check (status in ('open', 'followed_up')),
      follow_up_note text,
      followed_up_on date,
      followed_up_by uuid references app_user(id),
      created_by uuid references app_user(id),
      created_at timestamptz not null default now(),
      primary key (station_id, id),
      foreign key (station_id, case_id) references social_case (station_id, id),
      check (due_on >= referred_on),
      check ((status = 'followed_up') = (followed_up_on is not null))
    );
    create index case_referral_open_idx on case_referral (station_id, due_on) where status = 'open';
  `);

  const own = `station_id = (select app_station_id()) or station_id in (select stations_in_scope())`;
  const tables = ["case_number_counter", "social_case", "case_event", "case_assessment", "case_plan", "case_service", "case_review", "case_signoff", "case_referral"];
  for (const table of tables) {
    await run(`
      alter table ${table} enable row level security;
      alter table ${table} force row level security;
      create policy ${table}_own on ${table} using (${own}) with check (${own});
    `);
  }
  await run(`
    grant select, insert, update on case_number_counter, social_case, case_signoff, case_referral to ${APP_ROLE};
    grant select, insert on case_event, case_assessment, case_service, case_review to ${APP_ROLE};
    -- A plan's status moves (proposed → approved/returned/superseded); its goals never change.
    grant select, insert, update (status, approved_by, approved_at) on case_plan to ${APP_ROLE};
  `);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    drop table if exists case_referral, case_signoff, case_review, case_service, case_plan, case_assessment, case_event, social_case, case_number_counter cascade;
    drop index if exists staff_member_user_idx;
    alter table staff_member
      drop column if exists user_id, drop column if exists education, drop column if exists major,
      drop column if exists qualification_level, drop column if exists certificate_no,
      drop column if exists certificate_expires_on, drop column if exists supervisor_user_id, drop column if exists updated_at;
  `).execute(db);
}
