import type { ColumnType, Generated, GeneratedAlways, Insertable, Selectable } from "kysely";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type IsoDate = ColumnType<string, string, string>;

export interface DivisionTable {
  code: string;
  name: string;
  parent_code: string | null;
  level: number;
}

export interface ContractorTable {
  id: Generated<string>;
  name: string;
  credit_code: string | null;
  created_at: Generated<Date>;
  // Governance (issue 5, R3, R6): the registry entry a bureau keeps.
  division_code: ColumnType<string | null, string | null | undefined, string | null>;
  registering_authority: ColumnType<string | null, string | null | undefined, string | null>;
  legal_representative: ColumnType<string | null, string | null | undefined, string | null>;
  contact_name: ColumnType<string | null, string | null | undefined, string | null>;
  contact_phone: ColumnType<string | null, string | null | undefined, string | null>;
  business_scope: ColumnType<string | null, string | null | undefined, string | null>;
  incubation_status: Generated<string>;
  created_by: ColumnType<string | null, string | null | undefined, string | null>;
  updated_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface StationTable {
  id: Generated<string>;
  division_code: string;
  slug: string;
  plaque_name: string;
  status: string;
  status_since: IsoDate;
  primary_color: string;
  show_social_work_mark: Generated<boolean>;
  show_volunteer_mark: Generated<boolean>;
  logo: Uint8Array | null;
  logo_mime: string | null;
  logo_updated_at: Timestamp | null;
  contractor_id: string | null;
  created_at: Generated<Date>;
  created_by: string | null;
}

export interface StationStatusEventTable {
  station_id: string;
  id: Generated<string>;
  from_status: string | null;
  to_status: string;
  effective_date: IsoDate;
  note: Generated<string>;
  actor_user_id: string | null;
  recorded_at: Generated<Date>;
}

export interface StaffMemberTable {
  station_id: string;
  id: Generated<string>;
  display_name: string;
  position: string;
  qualification: string | null;
  created_at: Generated<Date>;
  // R7 supervision (cases): the login this staff record belongs to, and what qualifies them.
  user_id: ColumnType<string | null, string | null | undefined, string | null>;
  education: ColumnType<string | null, string | null | undefined, string | null>;
  major: ColumnType<string | null, string | null | undefined, string | null>;
  qualification_level: ColumnType<string | null, string | null | undefined, string | null>;
  certificate_no: ColumnType<string | null, string | null | undefined, string | null>;
  certificate_expires_on: ColumnType<string | null, string | null | undefined, string | null>;
  supervisor_user_id: ColumnType<string | null, string | null | undefined, string | null>;
  updated_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  // Staff compliance (issue 5 item 4, R7): the day a resident worker was stationed, and left.
  stationed_on: ColumnType<string | null, string | null | undefined, string | null>;
  left_on: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface AppUserTable {
  id: Generated<string>;
  username: string;
  display_name: string;
  password_hash: string;
  must_change_password: Generated<boolean>;
  locale: Generated<string>;
  disabled_at: Timestamp | null;
  demo: Generated<boolean>;
  created_at: Generated<Date>;
}

export interface RoleGrantTable {
  id: Generated<string>;
  user_id: string;
  role: string;
  division_code: string | null;
  station_id: string | null;
  contractor_id: string | null;
  expires_at: Timestamp | null;
  granted_by: string | null;
  granted_at: Generated<Date>;
  /** Inspectors only (issue 5 item 8): finance, audit or evaluator. */
  inspector_kind: string | null;
  grant_reason: string | null;
  revoked_by: string | null;
  revoked_at: Timestamp | null;
}

export interface UserSessionTable {
  id: string;
  secret_hash: Uint8Array;
  user_id: string;
  created_at: Generated<Date>;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
  // Second factor (2026-11-28-04): a session that has proven only the password.
  mfa_pending: ColumnType<"verify" | "enrol" | null, "verify" | "enrol" | null | undefined, "verify" | "enrol" | null>;
  mfa_failures: Generated<number>;
}

export interface UserMfaTable {
  user_id: string;
  /** AES-256-GCM sealed TOTP key; null until enrolment is confirmed. */
  totp_secret: Uint8Array | null;
  enrolled_at: Timestamp | null;
  /** The last accepted RFC 6238 time step (int8 is read as a number, see database.ts). */
  last_counter: number | null;
  pending_secret: Uint8Array | null;
  pending_created_at: Timestamp | null;
  updated_at: Generated<Date>;
}

export interface UserRecoveryCodeTable {
  user_id: string;
  code_hash: Uint8Array;
  created_at: Generated<Date>;
  used_at: Timestamp | null;
}

export interface LoginThrottleTable {
  key: string;
  failures: number;
  first_failure_at: Timestamp;
  locked_until: Timestamp | null;
}

export interface IdempotencyKeyTable {
  user_id: string;
  key: string;
  procedure: string;
  request_hash: string;
  response: unknown;
  created_at: Generated<Date>;
}

export interface AuditEventTable {
  station_id: string;
  // seq, occurred_at and the hashes are set by the database trigger, never by the caller.
  seq: Generated<number>;
  occurred_at: Generated<Date>;
  actor_user_id: string | null;
  actor_name: string | null;
  action: string;
  target: string | null;
  outcome: "success" | "failure" | "denied";
  ip: string | null;
  detail: ColumnType<unknown, string, never>;
  prev_hash: Generated<Uint8Array>;
  hash: Generated<Uint8Array>;
}

/** Where a pruned chain now starts: the last pruned event's sequence number and hash. */
export interface AuditCheckpointTable {
  station_id: string;
  through_seq: number;
  through_hash: Uint8Array;
  through_occurred_at: Date;
  pruned_events: number;
  pruned_at: Generated<Date>;
}

export interface RegionRuleTable {
  division_code: string;
  advanced_age_from: number;
  updated_at: Generated<Date>;
}

export interface HouseholdTable {
  station_id: string;
  id: Generated<string>;
  village_code: string | null;
  address: Generated<string>;
  head_person_id: string | null;
  note: Generated<string>;
  created_at: Generated<Date>;
}

export interface PersonTable {
  station_id: string;
  id: Generated<string>;
  name: string;
  name_pinyin: string;
  name_initials: string;
  id_cipher: Uint8Array;
  id_blind: Uint8Array;
  id_masked: string;
  sex: "male" | "female";
  birth_date: IsoDate;
  adult_on: IsoDate;
  ethnicity_code: string | null;
  phone: string | null;
  village_code: string | null;
  address: Generated<string>;
  living_arrangement: string | null;
  economic_source: string | null;
  disability_type: string | null;
  disability_grade: number | null;
  care_status: string | null;
  household_id: string | null;
  relation_to_head: string | null;
  assigned_worker_id: ColumnType<string | null, string | null | undefined, string | null>;
  status: Generated<"active" | "moved_out" | "deceased">;
  registered_on: IsoDate;
  moved_out_on: IsoDate | null;
  died_on: IsoDate | null;
  note: Generated<string>;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface GuardianTable {
  station_id: string;
  id: Generated<string>;
  child_id: string;
  guardian_person_id: string | null;
  name: string;
  relation: string;
  phone: string | null;
  note: Generated<string>;
}

export interface PersonCategoryTable {
  station_id: string;
  id: Generated<string>;
  person_id: string;
  category: string;
  start_date: IsoDate;
  end_date: IsoDate | null;
  end_reason: string | null;
  source: Generated<string>;
  note: Generated<string>;
  created_by: string | null;
  ended_by: string | null;
  created_at: Generated<Date>;
}

export interface PersonEventTable {
  station_id: string;
  id: Generated<string>;
  person_id: string;
  kind: string;
  effective_date: IsoDate;
  detail: ColumnType<unknown, string | undefined, never>;
  actor_user_id: string | null;
  recorded_at: Generated<Date>;
}

export interface IdDuplicateFlagTable {
  station_id: string;
  id: Generated<string>;
  person_id: string;
  other_station_id: string;
  detected_at: Generated<Date>;
  resolved_at: Timestamp | null;
  resolution: string | null;
}

export interface LedgerImportTable {
  station_id: string;
  id: Generated<string>;
  ledger_kind: string;
  file_name: string;
  file_sha256: string;
  rows_total: number;
  created_count: number;
  updated_count: number;
  unchanged_count: number;
  rejected_count: number;
  actor_user_id: string | null;
  committed_at: Generated<Date>;
}

export interface RegionCadenceTable {
  division_code: string;
  category: string;
  unit: string | null;
  every: number | null;
}

export interface StationCadenceTable {
  station_id: string;
  category: string;
  unit: string | null;
  every: number | null;
  updated_by: string | null;
  updated_at: Generated<Date>;
}

export interface DibaoStandardTable {
  county_code: string;
  year: number;
  fen_per_month: number;
}

export interface VisitTable {
  station_id: string;
  id: Generated<string>;
  visited_on: IsoDate;
  kind: string;
  mode: string;
  duration_minutes: number;
  person_id: string | null;
  household_id: string | null;
  area: string;
  findings: ColumnType<unknown, string | undefined, never>;
  risk: Generated<string>;
  risk_note: string | null;
  risk_acknowledged_by: string | null;
  risk_acknowledged_at: Timestamp | null;
  summary: string | null;
  recorded_by: string | null;
  recorded_at: Generated<Date>;
}

export interface VisitWorkerTable {
  station_id: string;
  visit_id: string;
  user_id: string;
}

export interface AttachmentTable {
  station_id: string;
  id: Generated<string>;
  owner_kind: string;
  owner_id: string;
  kind: string;
  file_name: string;
  mime_type: string;
  byte_size: number;
  sha256: string;
  note: Generated<string>;
  uploaded_by: string;
  uploaded_at: Generated<Date>;
  removed_at: Timestamp | null;
  removed_by: string | null;
}

export interface CaseNumberCounterTable {
  station_id: string;
  year: number;
  last_no: number;
}

export interface SocialCaseTable {
  station_id: string;
  id: Generated<string>;
  case_no: string;
  person_id: string;
  household_id: string | null;
  source: string;
  source_visit_id: string | null;
  referred_by: string | null;
  intake_on: IsoDate;
  presenting_problem: string;
  risk_level: string;
  assigned_worker_id: string | null;
  status: Generated<string>;
  closure_outcome: string | null;
  closure_summary: string | null;
  closed_on: IsoDate | null;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface CaseEventTable {
  station_id: string;
  id: Generated<string>;
  case_id: string;
  kind: string;
  from_status: string | null;
  to_status: string | null;
  ref_id: string | null;
  detail: ColumnType<unknown, string | undefined, never>;
  actor_user_id: string | null;
  occurred_at: Generated<Date>;
}

export interface CaseAssessmentTable {
  station_id: string;
  id: Generated<string>;
  case_id: string;
  assessed_on: IsoDate;
  needs: string;
  strengths: string | null;
  risk_level: string;
  recorded_by: string | null;
  recorded_at: Generated<Date>;
}

export interface CasePlanTable {
  station_id: string;
  id: Generated<string>;
  case_id: string;
  version: number;
  goals: ColumnType<unknown, string, never>;
  approach: string | null;
  status: Generated<string>;
  proposed_by: string | null;
  proposed_at: Generated<Date>;
  approved_by: string | null;
  approved_at: Timestamp | null;
}

export interface CaseServiceTable {
  station_id: string;
  id: Generated<string>;
  case_id: string;
  area: string;
  served_on: IsoDate;
  duration_minutes: number;
  worker_user_ids: string[];
  note: string;
  recorded_by: string | null;
  recorded_at: Generated<Date>;
}

export interface CaseReviewTable {
  station_id: string;
  id: Generated<string>;
  case_id: string;
  reviewed_on: IsoDate;
  progress: string;
  next_steps: string | null;
  risk_level: string;
  recorded_by: string | null;
  recorded_at: Generated<Date>;
}

export interface CaseSignoffTable {
  station_id: string;
  id: Generated<string>;
  case_id: string;
  what: string;
  plan_id: string | null;
  closure: ColumnType<unknown, string | null, never>;
  return_status: string | null;
  requested_by: string;
  requested_at: Generated<Date>;
  supervisor_user_id: string;
  decision: string | null;
  comment: string | null;
  decided_at: Timestamp | null;
}

export interface CaseReferralTable {
  station_id: string;
  id: Generated<string>;
  case_id: string;
  to_kind: string;
  to_name: string;
  reason: string;
  referred_on: IsoDate;
  due_on: IsoDate;
  status: Generated<string>;
  follow_up_note: string | null;
  followed_up_on: IsoDate | null;
  followed_up_by: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface StaffAttendanceTable {
  station_id: string;
  user_id: string;
  day: IsoDate;
  kind: string;
  check_in: string | null;
  check_out: string | null;
  note: Generated<string>;
  recorded_by: string | null;
  recorded_at: Generated<Date>;
}

export interface TrainingRecordTable {
  station_id: string;
  id: Generated<string>;
  kind: string;
  title: string;
  provider: string;
  started_on: IsoDate;
  ended_on: IsoDate | null;
  hours: number;
  note: Generated<string>;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface TrainingTraineeTable {
  station_id: string;
  training_id: string;
  seq: number;
  kind: string;
  user_id: string | null;
  name: string | null;
  organization: string | null;
}

export interface StationPublicProfileTable {
  station_id: string;
  address: string;
  opening_hours: string;
  phone: Generated<string>;
  intro: Generated<string>;
  service_areas: ColumnType<string[], string, string>;
  updated_by: string | null;
  updated_at: Generated<Date>;
}

export interface PolicyExplainerTable {
  station_id: string;
  topic: string;
  title: string;
  conditions: string;
  procedure: string;
  standards: string;
  updated_by: string | null;
  updated_at: Generated<Date>;
}

export interface StationNewsTable {
  station_id: string;
  id: Generated<string>;
  title: string;
  body: string;
  published_on: IsoDate;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  removed_at: Timestamp | null;
  removed_by: string | null;
}

export interface PublicMessageTable {
  station_id: string;
  id: Generated<string>;
  reference: string;
  kind: string;
  body: string;
  contact: string | null;
  sender_hash: string;
  status: Generated<string>;
  reply: string | null;
  handled_by: string | null;
  handled_at: Timestamp | null;
  received_at: Generated<Date>;
}

export interface StationMonthFactTable {
  station_id: string;
  /** First day of the month, 'YYYY-MM-01'. */
  month: string;
  indicator: string;
  dimension: Generated<string>;
  value: number;
  refreshed_at: Generated<Date>;
}

export interface DivisionMonthFactTable {
  division_code: string;
  month: string;
  indicator: string;
  dimension: Generated<string>;
  value: number;
  /** length(division_code), stored (migration 2026-11-28-33): the level, for the level index. */
  code_length: GeneratedAlways<number>;
}

/** A month's frozen report (migration 2026-11-28-22): made once, never changed. */
export interface ReportSnapshotTable {
  month: string;
  frozen_at: Generated<Date>;
  frozen_by: string;
  fingerprint: string;
  fact_rows: number;
}

export interface ReportSnapshotFactTable {
  month: string;
  division_code: string;
  indicator: string;
  dimension: Generated<string>;
  value: ColumnType<string | number, number, number>;
  /** length(division_code), stored (migration 2026-11-28-33). */
  code_length: GeneratedAlways<number>;
}

/** One row: the count of changes to division_month_fact (migration 2026-11-28-34). */
export interface RollupGenerationTable {
  id: Generated<boolean>;
  generation: ColumnType<string, string | number, string | number>;
}

export interface RollupRefreshedTable {
  station_id: string;
  month: string;
  refreshed_at: Generated<Date>;
}

/** The due list kept as rows (migration 2026-11-28-20): see that file for how it stays true. */
export interface VisitDueTable {
  station_id: string;
  person_id: string;
  due_on: string | null;
  last_visit_on: string | null;
  categories: string[];
  cadence_unit: string | null;
  cadence_every: number | null;
  from_category: string | null;
  living_alone_rule: Generated<boolean>;
  name_pinyin: Generated<string>;
  assigned_worker_id: string | null;
  valid_until: string | null;
  computed_on: string;
}

export interface VisitDueDirtyTable {
  station_id: string;
  person_id: string;
}

export interface VisitDueStateTable {
  station_id: string;
  rules: string;
  updated_at: Generated<Date>;
}

export interface RollupDirtyTable {
  station_id: string;
  month: string;
  marked_at: Generated<Date>;
}

/** bigint fen: node-postgres reads it as a string, PGlite as a number; read through fenFromDb. */
type Fen = ColumnType<string | number | bigint, number, number>;

export interface ServiceAgreementTable {
  station_id: string;
  id: Generated<string>;
  agreement_no: string | null;
  purchaser_name: string;
  contractor_id: string;
  signed_on: IsoDate;
  service_start: IsoDate;
  service_end: IsoDate;
  amount_fen: Fen;
  funding: ColumnType<unknown, string, string>;
  staffing_required: number;
  deliverables: ColumnType<unknown, string, string>;
  status: Generated<string>;
  filing_comment: string | null;
  submitted_at: Timestamp | null;
  submitted_by: string | null;
  decided_at: Timestamp | null;
  decided_by: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface AgreementEventTable {
  station_id: string;
  id: Generated<string>;
  agreement_id: string;
  kind: string;
  comment: string | null;
  actor_user_id: string | null;
  occurred_at: Generated<Date>;
}

export interface FundAllocationTable {
  station_id: string;
  id: Generated<string>;
  agreement_id: string;
  source: string;
  amount_fen: Fen;
  allocated_on: IsoDate;
  document_no: string | null;
  note: string | null;
  recorded_by: string | null;
  recorded_at: Generated<Date>;
}

export interface FundDisbursementTable {
  station_id: string;
  id: Generated<string>;
  agreement_id: string;
  amount_fen: Fen;
  paid_on: IsoDate;
  voucher_no: string;
  note: string | null;
  override_reason: string | null;
  over_allocation_fen: ColumnType<string | number | bigint | null, number | null, number | null>;
  recorded_by: string | null;
  recorded_at: Generated<Date>;
}

export interface FundSpendingTable {
  station_id: string;
  id: Generated<string>;
  agreement_id: string;
  category: string;
  amount_fen: Fen;
  spent_on: IsoDate;
  description: string;
  voucher_no: string | null;
  recorded_by: string | null;
  recorded_at: Generated<Date>;
}

export interface ActivityTable {
  station_id: string;
  id: Generated<string>;
  kind: "group" | "community" | "publicity";
  publicity_topic: string | null;
  area: string;
  topic: string;
  held_on: IsoDate;
  start_time: string | null;
  duration_minutes: number;
  place: string;
  others_count: number;
  summary: string | null;
  version: Generated<number>;
  recorded_by: string | null;
  recorded_at: Generated<Date>;
  updated_by: string | null;
  updated_at: Timestamp | null;
}

export interface ActivityRevisionTable {
  station_id: string;
  activity_id: string;
  version: number;
  snapshot: ColumnType<unknown, string, never>;
  replaced_by: string | null;
  replaced_at: Generated<Date>;
}

export interface ActivityAttendeeTable {
  station_id: string;
  activity_id: string;
  person_id: string;
}

export interface ActivityWorkerTable {
  station_id: string;
  activity_id: string;
  user_id: string;
}

export interface VolunteerTable {
  station_id: string;
  id: Generated<string>;
  name: string;
  phone: string | null;
  skills: string | null;
  joined_on: IsoDate;
  left_on: IsoDate | null;
  note: string | null;
  version: Generated<number>;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface ActivityVolunteerTable {
  station_id: string;
  activity_id: string;
  volunteer_id: string;
  minutes: number;
}

export interface LinkedResourceTable {
  station_id: string;
  id: Generated<string>;
  kind: "goods" | "money" | "service";
  source: string;
  description: string;
  value_fen: number;
  received_on: IsoDate;
  person_id: string | null;
  household_id: string | null;
  activity_id: string | null;
  recorded_by: string | null;
  recorded_at: Generated<Date>;
}

export interface SupervisionSessionTable {
  station_id: string;
  id: Generated<string>;
  format: "individual" | "group";
  supervisor_user_id: string | null;
  supervisor_name: string | null;
  held_on: IsoDate;
  duration_minutes: number;
  topics: string;
  cases_discussed: ColumnType<unknown, string | undefined, string>;
  recorded_by: string | null;
  recorded_at: Generated<Date>;
}

export interface SupervisionAttendeeTable {
  station_id: string;
  session_id: string;
  user_id: string;
}

export interface SatisfactionFollowupTable {
  station_id: string;
  id: Generated<string>;
  subject_kind: "activity" | "case";
  subject_id: string;
  followed_up_on: IsoDate;
  mode: string;
  duration_minutes: number;
  score: number;
  comment: string | null;
  respondent_person_id: string | null;
  recorded_by: string | null;
  recorded_at: Generated<Date>;
}

export interface WorkLogTable {
  station_id: string;
  id: Generated<string>;
  user_id: string;
  log_date: string;
  entries: ColumnType<unknown, string | undefined, string>;
  summary: Generated<string>;
  status: Generated<string>;
  drafted_snapshot: ColumnType<unknown, string | null | undefined, string | null>;
  version: Generated<number>;
  submitted_at: Timestamp | null;
  updated_at: Generated<Date>;
}

export interface PayoutStandardTable {
  id: Generated<string>;
  kind: string;
  region_code: string;
  band: string;
  valid_from: IsoDate;
  valid_to: IsoDate | null;
  amount_fen: Fen;
  created_at: Generated<Date>;
}

export interface PayoutRosterTable {
  station_id: string;
  id: Generated<string>;
  kind: string;
  month: string;
  file_name: string;
  file_sha256: string;
  rows_total: number;
  total_fen: Fen;
  discrepancy_count: number;
  counts: ColumnType<unknown, string, string>;
  actor_user_id: string | null;
  created_at: Generated<Date>;
}

export interface PayoutRosterRowTable {
  station_id: string;
  roster_id: string;
  row_number: number;
  name: string;
  id_blind: Uint8Array;
  id_masked: string;
  amount_fen: Fen;
  account_last4: string | null;
}

export interface PayoutDiscrepancyTable {
  station_id: string;
  id: Generated<string>;
  roster_id: string;
  row_number: number | null;
  person_id: string | null;
  rule: string;
  message_zh: string;
  message_en: string;
  expected_fen: ColumnType<string | number | bigint | null, number | null | undefined, number | null>;
  paid_fen: ColumnType<string | number | bigint | null, number | null | undefined, number | null>;
  status: Generated<string>;
  assigned_user_id: string | null;
  evidence_visit_id: string | null;
  outcome: string | null;
  note: Generated<string>;
  settled_by: string | null;
  settled_at: Timestamp | null;
  created_at: Generated<Date>;
}

export interface PayoutReportTable {
  station_id: string;
  roster_id: string;
  content: ColumnType<unknown, string, never>;
  sha256: string;
  signed_by: string;
  signed_by_name: string;
  signed_at: Generated<Date>;
  sent_to: string | null;
  sent_to_code: string | null;
  sent_by: string | null;
  sent_at: Timestamp | null;
}

/** Issue 5 item 5 (R4): the office area; below 20 m² only with the exception's reason. */
export interface StationFacilityTable {
  station_id: string;
  office_area_m2: number;
  area_exception_reason: string | null;
  note: Generated<string>;
  updated_by: string | null;
  updated_at: Generated<Date>;
}

export interface FacilityRoomTable {
  station_id: string;
  id: Generated<string>;
  kind: string;
  name: string;
  area_m2: number | null;
  uses: Generated<string>;
  created_by: string | null;
  created_at: Generated<Date>;
  removed_at: Date | null;
  removed_by: string | null;
}

export interface FacilityEquipmentTable {
  station_id: string;
  id: Generated<string>;
  name: string;
  quantity: number;
  provided_by: string;
  note: Generated<string>;
  created_by: string | null;
  created_at: Generated<Date>;
  removed_at: Date | null;
  removed_by: string | null;
}

/** R5: the plaque and marks; their photos are attachments owned by the sign. */
export interface StationSignTable {
  station_id: string;
  id: Generated<string>;
  kind: string;
  wording: string;
  location: Generated<string>;
  installed_on: IsoDate | null;
  created_by: string | null;
  created_at: Generated<Date>;
  removed_at: Date | null;
  removed_by: string | null;
}

/** R8: one revision of a house rule; the highest revision is the one on the wall. */
export interface HouseRuleRevisionTable {
  station_id: string;
  id: Generated<string>;
  rule: string;
  revision: number;
  title: string;
  body: string;
  effective_on: IsoDate;
  created_by: string | null;
  created_at: Generated<Date>;
}

/** Rubrics (issue 5 item 8): shared reference data owned by a division; never edited. */
export interface EvaluationTemplateTable {
  id: Generated<string>;
  division_code: string | null;
  name: string;
  indicators: ColumnType<unknown, string, never>;
  created_by: string | null;
  created_at: Generated<Date>;
}

/** numeric(5,1): both drivers parse numeric to a number (database.ts). */
type Points = ColumnType<number, number, number>;

export interface EvaluationTable {
  station_id: string;
  id: Generated<string>;
  template_id: string;
  template_name: string;
  indicators: ColumnType<unknown, string, never>;
  period_year: number;
  evaluator_kind: string;
  status: Generated<string>;
  summary: Generated<string>;
  total: ColumnType<number | null, never, number>;
  data: ColumnType<unknown, never, string>;
  created_by: string;
  created_at: Generated<Date>;
  finalized_by: string | null;
  finalized_at: Timestamp | null;
}

export interface EvaluationScoreTable {
  station_id: string;
  evaluation_id: string;
  indicator_code: string;
  score: Points;
  comment: Generated<string>;
  scored_by: string;
  scored_at: Generated<Date>;
}

export interface RectificationItemTable {
  station_id: string;
  id: Generated<string>;
  evaluation_id: string | null;
  indicator_code: string | null;
  finding: string;
  requirement: Generated<string>;
  owner_user_id: string;
  due_on: IsoDate;
  status: Generated<string>;
  response: Generated<string>;
  bureau_comment: Generated<string>;
  created_by: string;
  created_at: Generated<Date>;
  evidence_submitted_by: string | null;
  evidence_submitted_at: Timestamp | null;
  closed_by: string | null;
  closed_at: Timestamp | null;
}

/** A quarterly ledger package or year-end report, one row per version; frozen once submitted (issue 5 items 6–7). */
export interface StationSubmissionTable {
  station_id: string;
  id: Generated<string>;
  kind: string;
  period: string;
  version: number;
  status: Generated<string>;
  summary: ColumnType<unknown, string, string>;
  narrative: ColumnType<unknown, string | null, string | null>;
  workbook: Uint8Array | null;
  workbook_sha256: string | null;
  file_name: string | null;
  sha256: string | null;
  built_by: string;
  built_at: Timestamp;
  submitted_by: string | null;
  submitted_by_name: string | null;
  submitted_at: Timestamp | null;
  decided_by: string | null;
  decided_by_name: string | null;
  decided_at: Timestamp | null;
  review_comment: string | null;
}

export interface Database {
division: DivisionTable;
  contractor: ContractorTable;
  station: StationTable;
  station_status_event: StationStatusEventTable;
  staff_member: StaffMemberTable;
  staff_attendance: StaffAttendanceTable;
  station_facility: StationFacilityTable;
  facility_room: FacilityRoomTable;
  facility_equipment: FacilityEquipmentTable;
  station_sign: StationSignTable;
  house_rule_revision: HouseRuleRevisionTable;
  training_record: TrainingRecordTable;
  training_trainee: TrainingTraineeTable;
  station_public_profile: StationPublicProfileTable;
  policy_explainer: PolicyExplainerTable;
  station_news: StationNewsTable;
  public_message: PublicMessageTable;
  app_user: AppUserTable;
  role_grant: RoleGrantTable;
  user_session: UserSessionTable;
  user_mfa: UserMfaTable;
  user_recovery_code: UserRecoveryCodeTable;
  login_throttle: LoginThrottleTable;
  idempotency_key: IdempotencyKeyTable;
  audit_event: AuditEventTable;
  audit_checkpoint: AuditCheckpointTable;
  region_rule: RegionRuleTable;
  household: HouseholdTable;
  person: PersonTable;
  guardian: GuardianTable;
  person_category: PersonCategoryTable;
  person_event: PersonEventTable;
  id_duplicate_flag: IdDuplicateFlagTable;
  ledger_import: LedgerImportTable;
  region_cadence: RegionCadenceTable;
  station_cadence: StationCadenceTable;
  dibao_standard: DibaoStandardTable;
  visit: VisitTable;
  visit_worker: VisitWorkerTable;
  attachment: AttachmentTable;
  station_month_fact: StationMonthFactTable;
  rollup_dirty: RollupDirtyTable;
  rollup_refreshed: RollupRefreshedTable;
  report_snapshot: ReportSnapshotTable;
  report_snapshot_fact: ReportSnapshotFactTable;
  visit_due: VisitDueTable;
  visit_due_dirty: VisitDueDirtyTable;
  visit_due_state: VisitDueStateTable;
  division_month_fact: DivisionMonthFactTable;
  rollup_generation: RollupGenerationTable;
  work_log: WorkLogTable;
  payout_standard: PayoutStandardTable;
  payout_roster: PayoutRosterTable;
  payout_roster_row: PayoutRosterRowTable;
  payout_discrepancy: PayoutDiscrepancyTable;
  payout_report: PayoutReportTable;
  station_submission: StationSubmissionTable;
  service_agreement: ServiceAgreementTable;
  agreement_event: AgreementEventTable;
  fund_allocation: FundAllocationTable;
  fund_disbursement: FundDisbursementTable;
  fund_spending: FundSpendingTable;
  case_number_counter: CaseNumberCounterTable;
  social_case: SocialCaseTable;
  case_event: CaseEventTable;
  case_assessment: CaseAssessmentTable;
  case_plan: CasePlanTable;
  case_service: CaseServiceTable;
  case_review: CaseReviewTable;
  case_signoff: CaseSignoffTable;
  case_referral: CaseReferralTable;
  activity: ActivityTable;
  activity_revision: ActivityRevisionTable;
  activity_attendee: ActivityAttendeeTable;
  activity_worker: ActivityWorkerTable;
  volunteer: VolunteerTable;
  activity_volunteer: ActivityVolunteerTable;
  linked_resource: LinkedResourceTable;
  supervision_session: SupervisionSessionTable;
  supervision_attendee: SupervisionAttendeeTable;
  satisfaction_followup: SatisfactionFollowupTable;
  evaluation_template: EvaluationTemplateTable;
  evaluation: EvaluationTable;
  evaluation_score: EvaluationScoreTable;
  rectification_item: RectificationItemTable;
}

export type Station = Selectable<StationTable>;
export type NewStation = Insertable<StationTable>;
export type AppUser = Selectable<AppUserTable>;
export type RoleGrant = Selectable<RoleGrantTable>;
export type Division = Selectable<DivisionTable>;

/** The audit chain of events that belong to no station (logins, platform administration). */
export const PLATFORM_CHAIN_ID = "00000000-0000-0000-0000-000000000000";
