-- Shegong on Citus: distribute every station's rows by station_id, replicate the shared tables.
--
-- Run once, as the owner role, on the coordinator of a Citus cluster whose workers are already
-- added (infra/citus/README.md has the steps), after `pnpm shegong migrate` has built the schema
-- and before the server starts. NOT RUN AGAINST CITUS: Citus is not packaged in Debian and could
-- not be installed on the machine this was written on. What was tested is the plan itself: a test
-- (packages/db/test/citus-plan.test.ts) runs this file against the real migrated schema with
-- stand-ins for the two Citus functions and checks that every table has a place and that the
-- tables are converted in an order Citus accepts.
--
-- The plan, decided from the catalog so a new table cannot be forgotten:
--   * A tenant table (station_id first in its primary key, ARCHITECTURE.md) is distributed by
--     station_id, all in one colocation group: a station's rows live together on one worker, so
--     every request (one station, one transaction) is a single-shard router query, and foreign
--     keys between a station's tables hold inside the shard.
--   * The tables that are not any one station's (the division tree, the station list itself,
--     contractors, users and their sessions and grants, region rules, division-level rollups and
--     the monthly report snapshots) are reference tables, copied to every worker, so a station's
--     rows can join and reference them locally.
--   * The migration bookkeeping stays on the coordinator.
--   * Any other table stops the script with its name: decide where it goes, then add it here.
DO $plan$
DECLARE
  reference_tables constant text[] := array[
    'division', 'app_user', 'contractor', 'station', 'role_grant', 'user_session', 'user_mfa',
    'user_recovery_code', 'login_throttle', 'idempotency_key', 'dibao_standard', 'payout_standard',
    'region_cadence', 'region_rule', 'division_month_fact', 'report_snapshot', 'report_snapshot_fact',
    'evaluation_template', 'rollup_generation'];
  coordinator_tables constant text[] := array['kysely_migration', 'kysely_migration_lock'];
  pending text[];
  table_name text;
  anchor text;
  foreign_key record;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_proc WHERE proname = 'create_distributed_table') THEN
    RAISE EXCEPTION 'Citus is not installed in this database: CREATE EXTENSION citus first (infra/citus/README.md)';
  END IF;
  -- The rollup and due-list marks and the audit chain are triggers that write only the same
  -- station's rows, which sit in the same shard group: what Citus calls a safe "unsafe" trigger.
  PERFORM set_config('citus.enable_unsafe_triggers', 'on', true);

  SELECT array_agg(c.relname::text ORDER BY c.relname) INTO pending
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
    AND NOT c.relname = ANY (coordinator_tables);

  FOREACH table_name IN ARRAY pending LOOP
    IF NOT table_name = ANY (reference_tables) AND NOT EXISTS (
      SELECT 1 FROM pg_constraint k JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = k.conkey[1]
      WHERE k.conrelid = format('public.%I', table_name)::regclass AND k.contype = 'p' AND a.attname = 'station_id'
    ) THEN
      RAISE EXCEPTION 'table % has no place in the Citus plan: station_id is not first in its primary key and it is not listed as a reference table', table_name;
    END IF;
  END LOOP;

  -- Citus converts a table only after every table its foreign keys point at, and a station's
  -- tables point at each other in cycles (a person and their household, a case and its events).
  -- So the keys come off, every table is converted, and the keys go back on: between colocated
  -- tables on (station_id, …) and from a station's tables to the shared ones, Citus enforces them.
  CREATE TEMP TABLE citus_plan_foreign_key ON COMMIT DROP AS
    SELECT k.conrelid::regclass AS table_name, k.conname::text AS name, pg_get_constraintdef(k.oid) AS definition
    FROM pg_constraint k WHERE k.contype = 'f' AND k.connamespace = 'public'::regnamespace;
  FOR foreign_key IN SELECT * FROM citus_plan_foreign_key LOOP
    EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', foreign_key.table_name, foreign_key.name);
  END LOOP;

  -- Shared tables first, so the anchor of the station group is converted before the rest join it.
  FOREACH table_name IN ARRAY pending LOOP
    CONTINUE WHEN NOT table_name = ANY (reference_tables);
    PERFORM create_reference_table(format('public.%I', table_name)::regclass);
  END LOOP;
  FOREACH table_name IN ARRAY pending LOOP
    CONTINUE WHEN table_name = ANY (reference_tables);
    IF anchor IS NULL THEN
      PERFORM create_distributed_table(format('public.%I', table_name)::regclass, 'station_id');
      anchor := table_name;
    ELSE
      PERFORM create_distributed_table(format('public.%I', table_name)::regclass, 'station_id', colocate_with => anchor);
    END IF;
  END LOOP;

  FOR foreign_key IN SELECT * FROM citus_plan_foreign_key LOOP
    EXECUTE format('ALTER TABLE %s ADD CONSTRAINT %I %s', foreign_key.table_name, foreign_key.name, foreign_key.definition);
  END LOOP;
END
$plan$;
