import { sql, type Kysely } from "kysely";

// Frozen in time: never import application code here.
const APP_ROLE = "shegong_app";
const PLATFORM_CHAIN = "00000000-0000-0000-0000-000000000000";

export async function up(db: Kysely<any>): Promise<void> {
  const run = (text: string) => sql.raw(text).execute(db);

  // The server's role. It may already exist (created by infra/roles.sql, or by another database
  // of the same cluster); creating it needs CREATEROLE, which a production owner may lack. Two
  // databases of one cluster migrating at once may both find it missing: the second one to create
  // it finds it there after all (roles are cluster-wide, so this is no duplicate of ours).
  await run(`do $$ begin
    if not exists (select 1 from pg_roles where rolname = '${APP_ROLE}') then
      begin
        create role ${APP_ROLE} nologin nosuperuser nobypassrls;
      exception when duplicate_object or unique_violation then null;
      end;
    end if; end $$`);

  await run(`
    create function app_station_id() returns uuid language sql stable as
      $$ select nullif(current_setting('app.station_id', true), '')::uuid $$;
    create function app_division_scope() returns text language sql stable as
      $$ select nullif(current_setting('app.division_scope', true), '') $$;
    create function app_user_id() returns uuid language sql stable as
      $$ select nullif(current_setting('app.user_id', true), '')::uuid $$;
  `);

  // Reference data, shared by all stations (R1, R2).
  await run(`
    create table division (
      code text primary key check (code ~ '^[0-9]+$' and length(code) in (2, 4, 6, 9, 12)),
      name text not null,
      parent_code text references division(code),
      level smallint not null check (level between 1 and 5)
    );
    create index division_parent_idx on division (parent_code);
    create index division_level_idx on division (level, code);
  `);

  await run(`
    create table contractor (
      id uuid primary key default gen_random_uuid(),
      name text not null,
      credit_code text unique,
      created_at timestamptz not null default now()
    );
  `);

  // A station is a tenant (R8). Its registry row is not personal data: the public disclosure
  // page shows it. Writes are confined to the supervising division scope or the station itself.
  await run(`
    create table station (
      id uuid primary key default gen_random_uuid(),
      division_code text not null unique references division(code),
      slug text not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
      plaque_name text not null,
      status text not null check (status in ('planned','onboarding','active','suspended','closed')),
      status_since date not null,
      primary_color text not null check (primary_color ~ '^#[0-9a-f]{6}$'),
      show_social_work_mark boolean not null default true,
      show_volunteer_mark boolean not null default false,
      logo bytea,
      logo_mime text,
      logo_updated_at timestamptz,
      contractor_id uuid references contractor(id),
      created_at timestamptz not null default now(),
      created_by uuid
    );
    create index station_division_prefix_idx on station (division_code text_pattern_ops);
    create index station_status_idx on station (status);

    create function station_in_scope(sid uuid) returns boolean language sql stable as
      $$ select exists (select 1 from station s where s.id = sid
           and app_division_scope() is not null and s.division_code like app_division_scope() || '%') $$;
  `);

  await run(`
    create table station_status_event (
      station_id uuid not null references station(id),
      id uuid not null default gen_random_uuid(),
      from_status text,
      to_status text not null,
      effective_date date not null,
      note text not null default '',
      actor_user_id uuid,
      recorded_at timestamptz not null default now(),
      primary key (station_id, id)
    );
    create table staff_member (
      station_id uuid not null references station(id),
      id uuid not null default gen_random_uuid(),
      display_name text not null,
      position text not null,
      qualification text,
      created_at timestamptz not null default now(),
      primary key (station_id, id)
    );
  `);

  await run(`
    create table app_user (
      id uuid primary key default gen_random_uuid(),
      username text not null unique check (username ~ '^[a-z0-9][a-z0-9._-]{2,63}$'),
      display_name text not null,
      password_hash text not null,
      must_change_password boolean not null default false,
      locale text not null default 'zh-CN',
      disabled_at timestamptz,
      demo boolean not null default false,
      created_at timestamptz not null default now()
    );
    create table role_grant (
      id uuid primary key default gen_random_uuid(),
      user_id uuid not null references app_user(id),
      role text not null,
      division_code text references division(code),
      station_id uuid references station(id),
      contractor_id uuid references contractor(id),
      expires_at timestamptz,
      granted_by uuid,
      granted_at timestamptz not null default now(),
      check (num_nonnulls(division_code, station_id, contractor_id) = 1)
    );
    create index role_grant_user_idx on role_grant (user_id);
    create index role_grant_station_idx on role_grant (station_id);
    create table user_session (
      id text primary key,
      secret_hash bytea not null,
      user_id uuid not null references app_user(id),
      created_at timestamptz not null default now(),
      last_seen_at timestamptz not null default now(),
      expires_at timestamptz not null,
      ip text,
      user_agent text
    );
    create index user_session_user_idx on user_session (user_id);
    create table login_throttle (
      key text primary key,
      failures integer not null default 0,
      first_failure_at timestamptz not null default now(),
      locked_until timestamptz
    );
    create table idempotency_key (
      user_id uuid not null references app_user(id),
      key text not null,
      procedure text not null,
      request_hash text not null,
      response jsonb,
      created_at timestamptz not null default now(),
      primary key (user_id, key)
    );
  `);

  // Append-only, hash-chained per station; station-less events (logins) chain under PLATFORM_CHAIN.
  await run(`
    create table audit_event (
      station_id uuid not null,
      seq bigint not null,
      occurred_at timestamptz not null default now(),
      actor_user_id uuid,
      actor_name text,
      action text not null,
      target text,
      outcome text not null check (outcome in ('success','failure','denied')),
      ip text,
      detail jsonb not null default '{}'::jsonb,
      prev_hash bytea not null,
      hash bytea not null,
      primary key (station_id, seq)
    );

    create function audit_event_hash(prev bytea, e audit_event) returns bytea language sql immutable as
      $$ select sha256(prev || convert_to(concat_ws('|', e.station_id::text, e.seq::text,
           to_char(e.occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
           coalesce(e.actor_user_id::text, ''), coalesce(e.actor_name, ''), e.action,
           coalesce(e.target, ''), e.outcome, coalesce(e.ip, ''), e.detail::text), 'UTF8')) $$;

    -- Runs as the owner so the chain is computed by the database, never by the caller; the
    -- advisory lock serialises writers of one chain.
    create function audit_event_chain() returns trigger language plpgsql security definer
      set search_path = public as $$
    declare last audit_event;
    begin
      perform pg_advisory_xact_lock(hashtextextended('audit:' || new.station_id::text, 0));
      select * into last from audit_event where station_id = new.station_id order by seq desc limit 1;
      new.seq := coalesce(last.seq, 0) + 1;
      new.occurred_at := clock_timestamp();
      new.prev_hash := coalesce(last.hash, '\\x'::bytea);
      new.hash := audit_event_hash(new.prev_hash, new);
      return new;
    end $$;
    create trigger audit_event_chain before insert on audit_event
      for each row execute function audit_event_chain();
  `);

  // Row-level security: the database itself keeps stations apart (ARCHITECTURE: tenancy).
  const tenantTables = ["station_status_event", "staff_member"];
  for (const table of tenantTables) {
    await run(`
      alter table ${table} enable row level security;
      alter table ${table} force row level security;
      create policy ${table}_own on ${table}
        using (station_id = app_station_id() or station_in_scope(station_id))
        with check (station_id = app_station_id() or station_in_scope(station_id));
    `);
  }
  await run(`
    alter table station enable row level security;
    alter table station force row level security;
    create policy station_read on station for select using (true);
    create policy station_insert on station for insert
      with check (app_division_scope() is not null and division_code like app_division_scope() || '%');
    create policy station_update on station for update
      using (id = app_station_id() or (app_division_scope() is not null and division_code like app_division_scope() || '%'));

    alter table role_grant enable row level security;
    alter table role_grant force row level security;
    create policy role_grant_visible on role_grant
      using (user_id = app_user_id() or station_id = app_station_id() or station_in_scope(station_id)
             or (app_division_scope() is not null and division_code like app_division_scope() || '%'))
      with check (station_id = app_station_id() or station_in_scope(station_id)
             or (app_division_scope() is not null and division_code like app_division_scope() || '%'));

    alter table audit_event enable row level security;
    alter table audit_event force row level security;
    create policy audit_event_read on audit_event for select
      using (station_id = app_station_id() or station_in_scope(station_id)
             or (station_id = '${PLATFORM_CHAIN}' and app_division_scope() is not null));
    create policy audit_event_write on audit_event for insert
      with check (station_id = '${PLATFORM_CHAIN}' or station_id = app_station_id() or station_in_scope(station_id));
  `);

  await run(`
    revoke all on all tables in schema public from ${APP_ROLE};
    grant usage on schema public to ${APP_ROLE};
    grant select on division, contractor to ${APP_ROLE};
    grant select, insert, update on station to ${APP_ROLE};
    grant select, insert on station_status_event to ${APP_ROLE};
    grant select, insert, update, delete on staff_member to ${APP_ROLE};
    grant select, insert, update on app_user to ${APP_ROLE};
    grant select, insert, delete on role_grant to ${APP_ROLE};
    grant select, insert, update, delete on user_session, login_throttle to ${APP_ROLE};
    grant select, insert, update on idempotency_key to ${APP_ROLE};
    grant select, insert on audit_event to ${APP_ROLE};
  `);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    drop table if exists audit_event, idempotency_key, login_throttle, user_session, role_grant, app_user,
      staff_member, station_status_event, station, contractor, division cascade;
    drop function if exists audit_event_chain, audit_event_hash, station_in_scope, app_station_id,
      app_division_scope, app_user_id;
  `).execute(db);
}
