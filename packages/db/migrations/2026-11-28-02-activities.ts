import { sql, type Kysely } from "kysely";

// Frozen in time: never import application code here.
const APP_ROLE = "shegong_app";

/**
 * Issue 4 items 5–7: activities with their attendees, workers and volunteers; the volunteer
 * registry (R5); resources linked from outside (链接资源); supervision sessions (督导记录); and
 * satisfaction follow-ups (回访). Photos are not stored: there is no attachment storage yet.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const run = (text: string) => sql.raw(text).execute(db);

  await run(`
    create table activity (
      station_id uuid not null references station(id),
      id uuid not null default gen_random_uuid(),
      kind text not null check (kind in ('group', 'community', 'publicity')),
      publicity_topic text,
      area text not null,
      topic text not null,
      held_on date not null,
      start_time text check (start_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
      duration_minutes smallint not null check (duration_minutes between 1 and 720),
      place text not null,
      others_count integer not null default 0 check (others_count >= 0),
      summary text,
      version integer not null default 1,
      recorded_by uuid,
      recorded_at timestamptz not null default now(),
      updated_by uuid,
      updated_at timestamptz,
      primary key (station_id, id),
      check ((kind = 'publicity') = (publicity_topic is not null))
    );
    create index activity_held_idx on activity (station_id, held_on);

    -- Every earlier version of an activity, as it stood before each edit (issue 4: editing keeps the earlier version).
    create table activity_revision (
      station_id uuid not null,
      activity_id uuid not null,
      version integer not null,
      snapshot jsonb not null,
      replaced_by uuid,
      replaced_at timestamptz not null default now(),
      primary key (station_id, activity_id, version),
      foreign key (station_id, activity_id) references activity (station_id, id)
    );

    create table activity_attendee (
      station_id uuid not null,
      activity_id uuid not null,
      person_id uuid not null,
      primary key (station_id, activity_id, person_id),
      foreign key (station_id, activity_id) references activity (station_id, id),
      foreign key (station_id, person_id) references person (station_id, id)
    );
    create index activity_attendee_person_idx on activity_attendee (station_id, person_id);

    create table activity_worker (
      station_id uuid not null,
      activity_id uuid not null,
      user_id uuid not null references app_user(id),
      primary key (station_id, activity_id, user_id),
      foreign key (station_id, activity_id) references activity (station_id, id)
    );

    create table volunteer (
      station_id uuid not null references station(id),
      id uuid not null default gen_random_uuid(),
      name text not null,
      phone text,
      skills text,
      joined_on date not null,
      left_on date,
      note text,
      version integer not null default 1,
      created_by uuid,
      created_at timestamptz not null default now(),
      primary key (station_id, id)
    );

    create table activity_volunteer (
      station_id uuid not null,
      activity_id uuid not null,
      volunteer_id uuid not null,
      minutes smallint not null check (minutes between 1 and 1440),
      primary key (station_id, activity_id, volunteer_id),
      foreign key (station_id, activity_id) references activity (station_id, id),
      foreign key (station_id, volunteer_id) references volunteer (station_id, id)
    );
    create index activity_volunteer_volunteer_idx on activity_volunteer (station_id, volunteer_id);

    create table linked_resource (
      station_id uuid not null references station(id),
      id uuid not null default gen_random_uuid(),
      kind text not null check (kind in ('goods', 'money', 'service')),
      source text not null,
      description text not null,
      -- integer fen: up to 21 million yuan per record, and node gets a number, not a bigint string.
      value_fen integer not null check (value_fen >= 0),
      received_on date not null,
      person_id uuid,
      household_id uuid,
      activity_id uuid,
      recorded_by uuid,
      recorded_at timestamptz not null default now(),
      primary key (station_id, id),
      foreign key (station_id, person_id) references person (station_id, id),
      foreign key (station_id, household_id) references household (station_id, id),
      foreign key (station_id, activity_id) references activity (station_id, id),
      check (num_nonnulls(person_id, household_id, activity_id) = 1)
    );
    create index linked_resource_received_idx on linked_resource (station_id, received_on);
    create index linked_resource_activity_idx on linked_resource (station_id, activity_id) where activity_id is not null;

    create table supervision_session (
      station_id uuid not null references station(id),
      id uuid not null default gen_random_uuid(),
      format text not null check (format in ('individual', 'group')),
      supervisor_user_id uuid references app_user(id),
      supervisor_name text,
      held_on date not null,
      duration_minutes smallint not null check (duration_minutes between 1 and 720),
      topics text not null,
      -- Cases live in another capability; ids and notes are kept as given, checked once cases exist.
      cases_discussed jsonb not null default '[]'::jsonb,
      recorded_by uuid,
      recorded_at timestamptz not null default now(),
      primary key (station_id, id),
      check (num_nonnulls(supervisor_user_id, supervisor_name) >= 1)
    );
    create index supervision_session_held_idx on supervision_session (station_id, held_on);

    create table supervision_attendee (
      station_id uuid not null,
      session_id uuid not null,
      user_id uuid not null references app_user(id),
      primary key (station_id, session_id, user_id),
      foreign key (station_id, session_id) references supervision_session (station_id, id)
    );

    create table satisfaction_followup (
      station_id uuid not null references station(id),
      id uuid not null default gen_random_uuid(),
      subject_kind text not null check (subject_kind in ('activity', 'case')),
      subject_id uuid not null,
      followed_up_on date not null,
      mode text not null,
      duration_minutes smallint not null check (duration_minutes between 1 and 600),
      score smallint not null check (score between 1 and 5),
      comment text,
      respondent_person_id uuid,
      recorded_by uuid,
      recorded_at timestamptz not null default now(),
      primary key (station_id, id),
      foreign key (station_id, respondent_person_id) references person (station_id, id)
    );
    create index satisfaction_followup_subject_idx on satisfaction_followup (station_id, subject_kind, subject_id);
    create index satisfaction_followup_date_idx on satisfaction_followup (station_id, followed_up_on);
  `);

  const own = `station_id = (select app_station_id()) or station_id in (select stations_in_scope())`;
  const tables = [
    "activity",
    "activity_revision",
    "activity_attendee",
    "activity_worker",
    "volunteer",
    "activity_volunteer",
    "linked_resource",
    "supervision_session",
    "supervision_attendee",
    "satisfaction_followup",
  ];
  for (const table of tables) {
    await run(`
      alter table ${table} enable row level security;
      alter table ${table} force row level security;
      create policy ${table}_own on ${table} using (${own}) with check (${own});
    `);
  }
  // Only what the procedures do: records are corrected by update (activity, volunteer), never deleted;
  // an activity's attendee and volunteer lists are replaced on edit, so those two allow delete.
  await run(`
    grant select, insert, update on activity, volunteer to ${APP_ROLE};
    grant select, insert on activity_revision, linked_resource, supervision_session, supervision_attendee, satisfaction_followup to ${APP_ROLE};
    grant select, insert, delete on activity_attendee, activity_volunteer, activity_worker to ${APP_ROLE};
  `);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    drop table if exists satisfaction_followup, supervision_attendee, supervision_session, linked_resource,
      activity_volunteer, volunteer, activity_worker, activity_attendee, activity_revision, activity cascade;
  `).execute(db);
}
