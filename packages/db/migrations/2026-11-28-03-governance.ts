import { sql, type Kysely } from "kysely";

// Frozen in time: never import application code here.
const APP_ROLE = "shegong_app";

/**
 * Governance (issue 5 items 1–3): the contractor registry (R3, R6), purchase-of-service agreements
 * with their filing at the prefecture bureau (R13–R15, R17), and the funds behind them. Contractors
 * are shared reference data (one runs several stations), written only under a bureau's division
 * scope; agreements and funds belong to a station: station_id first in every key, RLS as in
 * 2026-11-28-01. Money is bigint fen. Fund records are append-only: a correction is a new row.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const run = (text: string) => sql.raw(text).execute(db);

  await run(`
    alter table contractor
      add column division_code text references division(code),
      add column registering_authority text,
      add column legal_representative text,
      add column contact_name text,
      add column contact_phone text,
      add column business_scope text,
      add column incubation_status text not null default 'none' check (incubation_status in ('none', 'incubating', 'graduated')),
      add column created_by uuid references app_user(id),
      add column updated_at timestamptz;
    alter table contractor add constraint contractor_credit_code_form check (credit_code is null or credit_code ~ '^[0-9A-HJ-NPQRTUWXY]{18}$');
    create index contractor_division_idx on contractor (division_code text_pattern_ops);
  `);
  const divisionScoped = `((select app_division_scope()) is not null and division_code like (select app_division_scope()) || '%')`;
  await run(`
    -- Enabled, not forced: the server's role writes only under a bureau's scope; the owner's
    -- operator tasks (seed, CLI) keep writing as before.
    alter table contractor enable row level security;
    create policy contractor_read on contractor for select using (true);
    create policy contractor_insert on contractor for insert with check (${divisionScoped});
    create policy contractor_update on contractor for update using (${divisionScoped}) with check (${divisionScoped});
    grant insert, update on contractor to ${APP_ROLE};
  `);

  await run(`
    create table service_agreement (
      station_id uuid not null references station(id),
      id uuid not null default gen_random_uuid(),
      agreement_no text,
      purchaser_name text not null,
      contractor_id uuid not null references contractor(id),
      signed_on date not null,
      service_start date not null,
      service_end date not null,
      amount_fen bigint not null check (amount_fen > 0),
      funding jsonb not null,
      staffing_required smallint not null check (staffing_required > 0),
      deliverables jsonb not null,
      status text not null default 'draft' check (status in ('draft', 'submitted', 'returned', 'acknowledged')),
      filing_comment text,
      submitted_at timestamptz,
      submitted_by uuid references app_user(id),
      decided_at timestamptz,
      decided_by uuid references app_user(id),
      created_by uuid references app_user(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (station_id, id),
      check (service_end >= service_start)
    );
    create index service_agreement_status_idx on service_agreement (status, station_id);

    -- The filing history: every save, submission, acknowledgement and return, with its comment.
    create table agreement_event (
      station_id uuid not null,
      id uuid not null default gen_random_uuid(),
      agreement_id uuid not null,
      kind text not null check (kind in ('created', 'updated', 'submitted', 'acknowledged', 'returned')),
      comment text,
      actor_user_id uuid references app_user(id),
      occurred_at timestamptz not null default now(),
      primary key (station_id, id),
      foreign key (station_id, agreement_id) references service_agreement (station_id, id)
    );
    create index agreement_event_agreement_idx on agreement_event (station_id, agreement_id, occurred_at);

    create table fund_allocation (
      station_id uuid not null,
      id uuid not null default gen_random_uuid(),
      agreement_id uuid not null,
      source text not null check (source in ('region_pilot', 'xinjiang_aid', 'welfare_lottery', 'local_budget', 'assistance_share')),
      amount_fen bigint not null check (amount_fen > 0),
      allocated_on date not null,
      document_no text,
      note text,
      recorded_by uuid references app_user(id),
      recorded_at timestamptz not null default now(),
      primary key (station_id, id),
      foreign key (station_id, agreement_id) references service_agreement (station_id, id)
    );
    create index fund_allocation_agreement_idx on fund_allocation (station_id, agreement_id);

    create table fund_disbursement (
      station_id uuid not null,
      id uuid not null default gen_random_uuid(),
      agreement_id uuid not null,
      amount_fen bigint not null check (amount_fen > 0),
      paid_on date not null,
      voucher_no text not null,
      note text,
      override_reason text,
      over_allocation_fen bigint check (over_allocation_fen > 0),
      recorded_by uuid references app_user(id),
      recorded_at timestamptz not null default now(),
      primary key (station_id, id),
      foreign key (station_id, agreement_id) references service_agreement (station_id, id),
      -- A payment beyond the allocation always carries the reason it was authorised.
      check ((over_allocation_fen is null) or (override_reason is not null))
    );
    create index fund_disbursement_agreement_idx on fund_disbursement (station_id, agreement_id);

    create table fund_spending (
      station_id uuid not null,
      id uuid not null default gen_random_uuid(),
      agreement_id uuid not null,
      category text not null check (category in ('personnel', 'activities', 'training', 'office', 'other')),
      amount_fen bigint not null check (amount_fen > 0),
      spent_on date not null,
      description text not null,
      voucher_no text,
      recorded_by uuid references app_user(id),
      recorded_at timestamptz not null default now(),
      primary key (station_id, id),
      foreign key (station_id, agreement_id) references service_agreement (station_id, id)
    );
    create index fund_spending_agreement_idx on fund_spending (station_id, agreement_id);
  `);

  const own = `station_id = (select app_station_id()) or station_id in (select stations_in_scope())`;
  const tables = ["service_agreement", "agreement_event", "fund_allocation", "fund_disbursement", "fund_spending"];
  for (const table of tables) {
    await run(`
      alter table ${table} enable row level security;
      alter table ${table} force row level security;
      create policy ${table}_own on ${table} using (${own}) with check (${own});
    `);
  }
  await run(`
    grant select, insert, update on service_agreement to ${APP_ROLE};
    grant select, insert on agreement_event, fund_allocation, fund_disbursement, fund_spending to ${APP_ROLE};
  `);

  // The signed agreement is an attachment of the agreement.
  await run(`
    alter table attachment drop constraint attachment_owner_kind_check;
    alter table attachment add constraint attachment_owner_kind_check check (owner_kind in ('visit', 'agreement'));
  `);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    alter table attachment drop constraint attachment_owner_kind_check;
    alter table attachment add constraint attachment_owner_kind_check check (owner_kind in ('visit'));
    drop table if exists fund_spending, fund_disbursement, fund_allocation, agreement_event, service_agreement cascade;
    revoke insert, update on contractor from ${APP_ROLE};
    drop policy if exists contractor_read on contractor;
    drop policy if exists contractor_insert on contractor;
    drop policy if exists contractor_update on contractor;
    alter table contractor disable row level security;
    alter table contractor drop constraint if exists contractor_credit_code_form;
    drop index if exists contractor_division_idx;
    alter table contractor
      drop column if exists division_code, drop column if exists registering_authority, drop column if exists legal_representative,
      drop column if exists contact_name, drop column if exists contact_phone, drop column if exists business_scope,
      drop column if exists incubation_status, drop column if exists created_by, drop column if exists updated_at;
  `).execute(db);
}
