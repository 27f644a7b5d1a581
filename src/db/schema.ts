import type { ColumnType, Generated } from 'kysely';

/**
 * The database as Kysely sees it. Every table leads with `municipality_id` (the tenant),
 * so a national installation can shard by municipality (DESIGN.md §4, Scale-out).
 * Keep in step with src/db/migrations.
 */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export interface MunicipalityTable {
  id: Generated<string>;
  name: string;
  mfa_required: Generated<boolean>;
  demo: Generated<boolean>;
  /** The hash every demo account was seeded with: those still on it are listed at sign-in (0006). */
  demo_password_hash: string | null;
  break_glass_minutes: Generated<number>;
  /** Families a person may open by break-the-glass in 24 hours before a leader decides (0013). */
  break_glass_daily_limit: Generated<number>;
  /** Counted up by each change of the settings: optimistic locking (0010). */
  version: Generated<number>;
  created_at: CreatedAt;
}

export interface AreaTable {
  municipality_id: string;
  id: Generated<string>;
  name: string;
}

/** A default department has a code (shown translated) until renamed; an added one only a name (0018). */
export interface DepartmentTable {
  municipality_id: string;
  id: Generated<string>;
  code: string | null;
  name: string | null;
  position: Generated<number>;
}

/** A competence domain: like a department, a default's code or a name (0018). */
export interface CompetenceDomainTable {
  municipality_id: string;
  id: Generated<string>;
  code: string | null;
  name: string | null;
  position: number;
}

/** A team member's level (1–3) in a domain, kept by the leader (0018). */
export interface StaffCompetenceTable {
  municipality_id: string;
  user_id: string;
  domain_id: string;
  level: number;
}

export interface TeamTable {
  municipality_id: string;
  id: Generated<string>;
  area_id: string;
  name: string;
}

export interface AppUserTable {
  municipality_id: string;
  id: Generated<string>;
  username: string;
  display_name: string;
  email: string | null;
  role: 'team_member' | 'team_leader' | 'analyst' | 'administrator';
  team_id: string | null;
  department_id: string | null;
  password_hash: string | null;
  totp_secret: string | null;
  totp_enabled_at: Timestamp | null;
  /** bigint: the time step of the last accepted TOTP code. */
  totp_last_step: ColumnType<string | null, number | null | undefined, number | null>;
  recovery_code_hashes: Generated<string[]>;
  oidc_subject: string | null;
  locale: Generated<'da' | 'en'>;
  failed_logins: Generated<number>;
  locked_until: Timestamp | null;
  disabled_at: Timestamp | null;
  created_at: CreatedAt;
  /** Optimistic locking of administrators' edits (0005). */
  version: Generated<number>;
  /**
   * The latest reset by an administrator or the command line (0009): its notice is shown at every
   * sign-in for RESET_NOTICE_DAYS days after `at` (decision 0018).
   */
  credential_reset: ColumnType<CredentialReset | null, string | null | undefined, string | null>;
  /** Printed on the family's plan beside the name (0023). */
  work_phone: ColumnType<string | null, string | null | undefined, string | null>;
}

/** Which of an account's credentials an administrator (or the command line: `by` null) reset, and when. */
export interface CredentialReset {
  what: 'password' | 'second_factor' | 'password_and_second_factor' | 'single_sign_on';
  by: string | null;
  at: string;
}

/** How a signed-in session was verified (0009, decision 0018); null while signing in. */
export type VerifiedBy = 'password' | 'password_totp' | 'sso';

export interface SessionTable {
  id: string;
  municipality_id: string;
  user_id: string;
  stage: 'totp' | 'enrol' | 'done';
  csrf_token: string;
  pending_totp_secret: string | null;
  created_at: CreatedAt;
  last_seen_at: Timestamp;
  verified_by: VerifiedBy | null;
  /** A copy of the account's reset whose notice was dismissed in this session (decision 0018). */
  reset_notice: ColumnType<CredentialReset | null, string | null | undefined, string | null>;
}

export interface HouseholdTable {
  municipality_id: string;
  id: Generated<string>;
  team_id: string;
  area_id: string;
  reference: string;
  street: string;
  building_number: string;
  entrance: string | null;
  floor: string | null;
  door: string | null;
  postal_code: string | null;
  status: Generated<'prospect' | 'enrolled' | 'exited'>;
  enrolled_on: string | null;
  exited_on: string | null;
  /** search_fold of reference, address and names (migration 0011). */
  search_text: string;
  /** danish_sort_key of the first adult's "surname first name", collation "C". */
  sort_name: string;
  /** danish_sort_key of the street, collation "C". */
  street_sort: Generated<string>;
  adult_count: Generated<number>;
  child_count: Generated<number>;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
  /** Who enrolled the family (migration 0017): full access until a pair is assigned. */
  enrolled_by: Generated<string | null>;
  /** Outreach (0024): the apartment, the cell's status, the eligibility and its reasons. */
  apartment_id: ColumnType<string | null, string | null | undefined, string | null>;
  outreach_status: Generated<OutreachStatusValue>;
  eligible: ColumnType<boolean | null, boolean | null | undefined, boolean | null>;
  eligibility: ColumnType<unknown, string | null | undefined, string | null>;
  /** Placed in the comparison group (0032): the day and by whom; null otherwise. */
  comparison_on: ColumnType<string | null, string | null | undefined, string | null>;
  comparison_by: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface PersonTable {
  municipality_id: string;
  id: Generated<string>;
  household_id: string;
  first_name: string;
  last_name: string;
  cpr: string | null;
  birth_date: string;
  household_role: 'parent' | 'other_adult' | 'child';
  country_of_origin: string | null;
  languages: Generated<string[]>;
  interpreter_needed: Generated<boolean>;
  /** Contact details (0015): any person may have them; the web app asks for them of adults. */
  phone: ColumnType<string | null, string | null | undefined, string | null>;
  email: ColumnType<string | null, string | null | undefined, string | null>;
  preferred_contact: ColumnType<
    'phone' | 'sms' | 'email' | 'letter' | 'in_person' | null,
    'phone' | 'sms' | 'email' | 'letter' | 'in_person' | null | undefined,
    'phone' | 'sms' | 'email' | 'letter' | 'in_person' | null
  >;
  contact_language: ColumnType<string | null, string | null | undefined, string | null>;
  /** Outreach (0024): months unemployed (numeric, read as text) and a child living at home. */
  unemployed_months: ColumnType<string | null, number | null | undefined, number | null>;
  lives_at_home: ColumnType<boolean | null, boolean | null | undefined, boolean | null>;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface PairAssignmentTable {
  municipality_id: string;
  id: Generated<string>;
  household_id: string;
  first_member_id: string;
  second_member_id: string;
  assigned_by: string;
  assigned_at: CreatedAt;
  ended_at: Timestamp | null;
}

/** A backup covering an absent pair member for a period (0019, decision 0034). */
export interface PairCoverTable {
  municipality_id: string;
  id: Generated<string>;
  team_id: string;
  absent_id: string;
  backup_id: string;
  starts_on: string;
  ends_on: string;
  created_by: string;
  created_at: CreatedAt;
  cancelled_at: Timestamp | null;
  cancelled_by: string | null;
}

export type TaskRoutingState = 'none' | 'asked' | 'accepted' | 'handed_back';
export type TaskState = 'open' | 'in_progress' | 'waiting_family' | 'waiting_authority' | 'done' | 'dropped';

/** A task the family defines (migration 0020, issue 14 point 4). */
export interface TaskTable {
  municipality_id: string;
  id: Generated<string>;
  household_id: string;
  words: string;
  raised_by_person_id: string | null;
  raised_by_staff_id: string | null;
  domain_id: string;
  level: number;
  owner_id: string;
  routed_to: string | null;
  routing_state: Generated<TaskRoutingState>;
  hand_back_reason: string | null;
  due_on: string | null;
  state: Generated<TaskState>;
  drop_reason: string | null;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
  /** The plan's goal the task serves (0023). */
  goal_id: ColumnType<string | null, string | null | undefined, string | null>;
}

/** A task's helpers besides its owner (0023). */
export interface TaskHelperTable {
  municipality_id: string;
  task_id: string;
  user_id: string;
}

/** A family member's dream, as said (0023, decision 0039). */
export interface PlanDreamTable {
  municipality_id: string;
  id: Generated<string>;
  household_id: string;
  person_id: string;
  words: string;
  language: string;
  danish: string | null;
  created_at: CreatedAt;
}

/** A goal per domain with the family's priority, agreed on a date by members (0023). */
export interface PlanGoalTable {
  municipality_id: string;
  id: Generated<string>;
  household_id: string;
  domain_id: string;
  words: string;
  priority: number;
  agreed_on: string | null;
  agreed_by_person_ids: ColumnType<string[], string[] | undefined, string[]>;
  created_at: CreatedAt;
}

/** Version N of a family's plan: the plan after the change, and the change (0023). */
export interface PlanVersionTable {
  municipality_id: string;
  household_id: string;
  version: number;
  snapshot: ColumnType<unknown, string, string>;
  changes: ColumnType<unknown, string, string>;
  changed_by: string;
  changed_at: CreatedAt;
}

export type AppointmentKind =
  | 'home_visit'
  | 'office_meeting'
  | 'network_meeting'
  | 'authority_meeting'
  | 'phone_call'
  | 'other';

/** An appointment (migration 0022, issue 14 §6): with the family and/or another authority. */
export interface AppointmentTable {
  municipality_id: string;
  id: Generated<string>;
  household_id: string | null;
  kind: AppointmentKind;
  title: string | null;
  other_authority: string | null;
  place: string | null;
  starts_at: Timestamp;
  ends_at: Timestamp;
  created_by: string;
  cancelled_at: Timestamp | null;
  cancelled_by: string | null;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

/** A staff member taking part in an appointment (0022). */
export interface AppointmentParticipantTable {
  municipality_id: string;
  appointment_id: string;
  user_id: string;
}

/** A staff member's ICS feed of their own appointments (0022): the token kept only as its hash. */
export interface CalendarFeedTable {
  municipality_id: string;
  user_id: string;
  token_hash: string;
  details: Generated<boolean>;
  /** When the current token was made (a rotation makes a new one). */
  created_at: Timestamp;
  revoked_at: Timestamp | null;
}

export interface ConsentTable {
  municipality_id: string;
  id: Generated<string>;
  household_id: string;
  person_id: string | null;
  purpose: string;
  scope: string | null;
  given_on: string;
  withdrawn_on: string | null;
  recorded_by: string;
  created_at: CreatedAt;
  /** How it was given, the language it was explained in, an interpreter present (0032). */
  given_how: ColumnType<
    'signed' | 'oral' | 'digital' | null,
    'signed' | 'oral' | 'digital' | null | undefined,
    'signed' | 'oral' | 'digital' | null
  >;
  language: ColumnType<string | null, string | null | undefined, string | null>;
  interpreter: Generated<boolean>;
}

export interface ChangeRecordTable {
  municipality_id: string;
  id: Generated<string>;
  household_id: string;
  entity: string;
  entity_id: string;
  action: string;
  changes: ColumnType<ChangeList, string, string>;
  changed_by: string;
  changed_at: CreatedAt;
}
export type ChangeList = { field: string; from: unknown; to: unknown }[];

export interface AuditEventTable {
  municipality_id: string;
  id: Generated<string>;
  at: CreatedAt;
  actor_id: string | null;
  actor_role: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  household_id: string | null;
  /** The families a list or an export showed, one row for them all (0012, decision 0022). */
  household_ids: string[] | null;
  fields: Generated<string[]>;
  purpose: string;
  break_glass: Generated<boolean>;
  /** HMAC of an unknown username typed at sign-in (0009, decision 0018). */
  subject_hash: string | null;
}

export interface BreakGlassGrantTable {
  municipality_id: string;
  id: Generated<string>;
  user_id: string;
  household_id: string;
  reason: string;
  granted_at: CreatedAt;
  expires_at: Timestamp;
  /** The request a leader granted, when the grant was not made at once (0013). */
  request_id: string | null;
}

/** A break-the-glass past the daily limit, waiting for (or given) a decision (0013). */
export interface BreakGlassRequestTable {
  municipality_id: string;
  id: Generated<string>;
  requester_id: string;
  household_id: string;
  reason: string;
  requested_at: CreatedAt;
  decided_by: string | null;
  decided_at: Timestamp | null;
  granted: boolean | null;
  decision_reason: string | null;
}

/** Up to when a leader has seen the break-the-glass grants on the team's families (0013). */
export interface BreakGlassSeenTable {
  municipality_id: string;
  user_id: string;
  seen_at: Timestamp;
}

/** An origin a municipality's administrator trusts for unsafe requests (migration 0014). */
export interface AllowedOriginTable {
  municipality_id: string;
  id: Generated<string>;
  origin: string;
  added_by: string | null;
  added_at: CreatedAt;
}

/** A reset of a leader's or administrator's way in, waiting for a second administrator (migration 0014). */
export interface AdminApprovalTable {
  municipality_id: string;
  id: Generated<string>;
  kind: 'password' | 'second_factor' | 'single_sign_on';
  target_id: string;
  requested_by: string;
  requested_at: CreatedAt;
  expires_at: Timestamp;
  password_hash: string | null;
  oidc_subject: string | null;
  decided_by: string | null;
  decided_at: Timestamp | null;
  decision: 'approved' | 'refused' | null;
  reason: string | null;
}

/** A contact note of the journal (migration 0021, decision 0037): its facts; the text is in versions. */
export interface JournalNoteTable {
  municipality_id: string;
  id: Generated<string>;
  household_id: string;
  occurred_on: string;
  kind: string;
  interpreter_used: Generated<boolean>;
  interpreter_language: string | null;
  sensitive: Generated<boolean>;
  sensitive_category: string | null;
  version: Generated<number>;
  created_by: string;
  created_at: CreatedAt;
  updated_at: Timestamp;
}
/** Instruments as data and the family's measurements (migration 0027, decision 0044). */
export interface InstrumentTable {
  municipality_id: string;
  id: Generated<string>;
  code: string;
  respondent: 'adult' | 'child' | 'household' | 'staff';
  scale_min: number;
  scale_max: number;
  scoring: 'single' | 'sum' | 'sum_times_4';
  position: number;
  active: Generated<boolean>;
}

export interface InstrumentTextTable {
  municipality_id: string;
  instrument_id: string;
  language: 'da' | 'en';
  name: string;
  instructions: string;
}

export interface InstrumentItemTable {
  municipality_id: string;
  id: Generated<string>;
  instrument_id: string;
  position: number;
}

export interface InstrumentItemTextTable {
  municipality_id: string;
  item_id: string;
  language: 'da' | 'en';
  text: string;
}

export interface InstrumentScaleLabelTable {
  municipality_id: string;
  instrument_id: string;
  value: number;
  language: 'da' | 'en';
  label: string;
}

export interface MeasurementTable {
  municipality_id: string;
  id: Generated<string>;
  household_id: string;
  occasion: 'baseline' | 'follow_up' | 'exit';
  taken_on: string;
  language: 'da' | 'en';
  recorded_by: string;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

/** Each text a note has had; the note's `version` names the current one (0021). */
export interface JournalNoteVersionTable {
  municipality_id: string;
  note_id: string;
  version: number;
  text: string;
  written_by: string;
  written_at: CreatedAt;
}

/** Who took part in a contact: a family member, a staff member, or someone else by role (0021). */
export interface JournalNoteParticipantTable {
  municipality_id: string;
  note_id: string;
  position: number;
  kind: 'member' | 'staff' | 'other';
  person_id: string | null;
  staff_id: string | null;
  role: string | null;
}

/** A task of the family a note concerns (0021). */
export interface JournalNoteTaskTable {
  municipality_id: string;
  note_id: string;
  task_id: string;
}
export interface AnswerSessionTable {
  municipality_id: string;
  id: Generated<string>;
  measurement_id: string;
  household_id: string;
  person_id: string | null;
  instrument_id: string;
  score: number | null;
}

export interface AnswerTable {
  municipality_id: string;
  session_id: string;
  item_id: string;
  value: number;
}

/** numeric columns come back as text; written as numbers. */
type Numeric = ColumnType<string | number | null, number | null | undefined, number | null>;

export interface AdultFactsTable {
  municipality_id: string;
  measurement_id: string;
  person_id: string;
  unemployment_years: Numeric;
  current_status: string | null;
}

export interface ChildFactsTable {
  municipality_id: string;
  measurement_id: string;
  person_id: string;
  school: string | null;
  school_class: string | null;
  absence_percent: Numeric;
  leisure_activities: Generated<string[]>;
}
export type OutreachStatusValue =
  | 'not_eligible'
  | 'eligible'
  | 'not_home'
  | 'talked'
  | 'call_back'
  | 'not_interested'
  | 'interested'
  | 'enrolled'
  | 'comparison';

/** Outreach places (0024): building → staircase (an address) → apartment. */
/** Visits at the door (0028): one row per attempt; the funnel reads first visit and outcomes. */
export interface OutreachVisitTable {
  municipality_id: string;
  id: Generated<string>;
  household_id: string;
  visited_at: Timestamp;
  visited_by: string;
  companion_id: string | null;
  outcome: 'not_home' | 'talked' | 'call_back' | 'not_interested' | 'interested';
  call_back_on: string | null;
  reason:
    | 'no_time'
    | 'has_work_or_education'
    | 'already_helped'
    | 'distrust'
    | 'health'
    | 'moving'
    | 'other'
    | null;
  language: string | null;
  interpreter_needed: Generated<boolean>;
  note: string | null;
  client_id: string;
  conflict_with: string | null;
  recorded_at: Generated<Date>;
}

export interface BuildingTable {
  municipality_id: string;
  id: Generated<string>;
  area_id: string;
  name: string;
  version: Generated<number>;
  created_at: CreatedAt;
}

export interface StaircaseTable {
  municipality_id: string;
  id: Generated<string>;
  building_id: string;
  street: string;
  number: string;
  entrance: Generated<string>;
  postal_code: string | null;
}

export interface ApartmentTable {
  municipality_id: string;
  id: Generated<string>;
  staircase_id: string;
  floor: number;
  door: Generated<string>;
}

/** An area's eligibility rule (0025); an area without a row has the default. */
export interface AreaEligibilityRuleTable {
  municipality_id: string;
  area_id: string;
  min_children_at_home: number;
  min_unemployed_months: number;
  postal_codes: Generated<string[]>;
  streets: Generated<string[]>;
  version: Generated<number>;
  updated_by: string | null;
  updated_at: Timestamp;
}

export type ImportJobState = 'receiving' | 'previewed' | 'committing' | 'committed' | 'failed';

/** A register import (0025). */
export interface ImportJobTable {
  municipality_id: string;
  id: Generated<string>;
  area_id: string;
  team_id: string;
  created_by: string;
  file_name: string;
  state: Generated<ImportJobState>;
  format: string | null;
  /** bigint, read as text. */
  bytes_total: ColumnType<string | null, number | null | undefined, number | null>;
  bytes_read: ColumnType<string, number | undefined, number>;
  row_count: Generated<number>;
  error_row_count: Generated<number>;
  household_count: Generated<number>;
  create_count: Generated<number>;
  update_count: Generated<number>;
  unsure_count: Generated<number>;
  committed_count: Generated<number>;
  extra_columns: Generated<string[]>;
  missing_columns: Generated<string[]>;
  failure: string | null;
  created_at: CreatedAt;
  finished_at: Timestamp | null;
}

export interface ImportRowTable {
  municipality_id: string;
  job_id: string;
  line: number;
  household_key: string;
  street: string;
  number: string;
  entrance: string;
  floor: number | null;
  floor_label: string | null;
  door: string;
  postal_code: string | null;
  cpr: string | null;
  first_name: string;
  last_name: string;
  birth_date: string | null;
  role: 'parent' | 'other_adult' | 'child' | null;
  unemployed_months: ColumnType<string | null, number | null | undefined, number | null>;
  lives_at_home: boolean | null;
  errors: ColumnType<unknown, string | null | undefined, string | null>;
  match: 'cpr' | 'name_address' | null;
  person_id: string | null;
  household_id: string | null;
}

export interface Database {
  municipality: MunicipalityTable;
  area: AreaTable;
  department: DepartmentTable;
  competence_domain: CompetenceDomainTable;
  staff_competence: StaffCompetenceTable;
  team: TeamTable;
  app_user: AppUserTable;
  user_session: SessionTable;
  household: HouseholdTable;
  person: PersonTable;
  pair_assignment: PairAssignmentTable;
  pair_cover: PairCoverTable;
  task: TaskTable;
  appointment: AppointmentTable;
  appointment_participant: AppointmentParticipantTable;
  calendar_feed: CalendarFeedTable;
  consent: ConsentTable;
  change_record: ChangeRecordTable;
  audit_event: AuditEventTable;
  break_glass_grant: BreakGlassGrantTable;
  break_glass_request: BreakGlassRequestTable;
  break_glass_seen: BreakGlassSeenTable;
  allowed_origin: AllowedOriginTable;
  admin_approval: AdminApprovalTable;
  journal_note: JournalNoteTable;
  journal_note_version: JournalNoteVersionTable;
  journal_note_participant: JournalNoteParticipantTable;
  journal_note_task: JournalNoteTaskTable;
  task_helper: TaskHelperTable;
  plan_dream: PlanDreamTable;
  plan_goal: PlanGoalTable;
  plan_version: PlanVersionTable;
  instrument: InstrumentTable;
  instrument_text: InstrumentTextTable;
  instrument_item: InstrumentItemTable;
  instrument_item_text: InstrumentItemTextTable;
  instrument_scale_label: InstrumentScaleLabelTable;
  measurement: MeasurementTable;
  answer_session: AnswerSessionTable;
  answer: AnswerTable;
  adult_facts: AdultFactsTable;
  child_facts: ChildFactsTable;
  building: BuildingTable;
  staircase: StaircaseTable;
  apartment: ApartmentTable;
  area_eligibility_rule: AreaEligibilityRuleTable;
  import_job: ImportJobTable;
  import_row: ImportRowTable;
  outreach_visit: OutreachVisitTable;
}
