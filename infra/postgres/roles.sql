-- Run once per cluster as a superuser. The owner runs migrations and the operator CLI; it needs
-- BYPASSRLS because the audit-chain trigger (SECURITY DEFINER, owned by it) reads each station's
-- chain head. The server role owns nothing and cannot bypass row-level security.
create role shegong_owner login password 'change-me' bypassrls;
create role shegong_app login password 'change-me-too' nosuperuser nobypassrls;
grant shegong_app to shegong_owner;  -- lets the owner's connections `set role shegong_app`
create database shegong owner shegong_owner;
