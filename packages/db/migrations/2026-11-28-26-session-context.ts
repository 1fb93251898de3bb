import { sql, type Kysely } from "kysely";

// Frozen in time: never import application code here.
const APP_ROLE = "shegong_app";

/**
 * Every request's first question — whose session is this, and what may they do — in one round
 * trip instead of two transactions (issue 7: the station read's share of the throughput of a
 * constant procedure). The function returns the session row, its user and the user's unexpired
 * grants; the caller still checks the secret (constant-time) and the timeouts, and throws all of it
 * away if they fail. Grants are read under their own policy, with app.user_id set to the session's
 * user for this statement only.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(
      `
    create function session_context(p_session_id text, p_now timestamptz)
    returns table (
      id text, secret_hash bytea, last_seen_at timestamptz, expires_at timestamptz, created_at timestamptz,
      mfa_pending text, user_id uuid, username text, display_name text, locale text,
      must_change_password boolean, disabled_at timestamptz, demo boolean, grants jsonb)
    language plpgsql volatile security definer set search_path = public as $$
    declare
      v_user uuid;
    begin
      select s.user_id into v_user from user_session s where s.id = p_session_id;
      if v_user is null then return; end if;
      perform set_config('app.user_id', v_user::text, true);
      return query
        select s.id, s.secret_hash, s.last_seen_at, s.expires_at, s.created_at, s.mfa_pending, u.id, u.username,
          u.display_name, u.locale, u.must_change_password, u.disabled_at, u.demo,
          coalesce((
            select jsonb_agg(jsonb_build_object('id', g.id, 'role', g.role, 'division_code', g.division_code,
              'station_id', g.station_id, 'contractor_id', g.contractor_id, 'expires_at', g.expires_at) order by g.granted_at, g.id)
            from role_grant g where g.user_id = v_user and (g.expires_at is null or g.expires_at > p_now)
          ), '[]'::jsonb)
        from user_session s join app_user u on u.id = s.user_id
        where s.id = p_session_id;
      perform set_config('app.user_id', '', true);
    end $$;
    revoke all on function session_context(text, timestamptz) from public;
    grant execute on function session_context(text, timestamptz) to ${APP_ROLE};
  `,
    )
    .execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop function if exists session_context(text, timestamptz)`.execute(db);
}
