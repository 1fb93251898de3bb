import { sql, type Kysely } from "kysely";

// Frozen in time: never import application code here.
const APP_ROLE = "shegong_app";

/**
 * Second factor (issue 8 item 4). Platform tables like app_user and user_session: an account is not
 * owned by a station, so there is no station_id and no row-level security; only the server's own
 * auth code touches them, always inside withPlatform.
 * - user_mfa: the TOTP secret, AES-256-GCM sealed (never in clear), the enrolment in progress, and
 *   the last accepted time step so a code cannot be used twice (RFC 6238 §5.2).
 * - user_recovery_code: SHA-256 of each 80-bit single-use code; used_at marks it spent.
 * - user_session.mfa_pending: a session that has proven the password only ('verify': must give a
 *   code; 'enrol': must enrol first). Such a session can do nothing else.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(
      `
    create table user_mfa (
      user_id uuid primary key references app_user(id),
      totp_secret bytea,
      enrolled_at timestamptz,
      last_counter bigint,
      pending_secret bytea,
      pending_created_at timestamptz,
      updated_at timestamptz not null default now()
    );
    create table user_recovery_code (
      user_id uuid not null references app_user(id),
      code_hash bytea not null,
      created_at timestamptz not null default now(),
      used_at timestamptz,
      primary key (user_id, code_hash)
    );
    alter table user_session
      add column mfa_pending text check (mfa_pending in ('verify', 'enrol')),
      add column mfa_failures smallint not null default 0;
    grant select, insert, update, delete on user_mfa, user_recovery_code to ${APP_ROLE};
  `,
    )
    .execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql
    .raw(
      `
    alter table user_session drop column if exists mfa_pending, drop column if exists mfa_failures;
    drop table if exists user_recovery_code, user_mfa;
  `,
    )
    .execute(db);
}
