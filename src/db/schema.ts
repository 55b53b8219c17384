// The database type Kysely checks every query against. Booleans are 0/1 integers in both
// databases; instants are ISO-8601 UTC text; ids are UUIDv7 text.
export interface DistrictTable {
  id: string;
  code: string;
  name: string;
  created_at: string;
}

export interface SchoolTable {
  id: string;
  district_id: string;
  code: string;
  name: string;
  timezone: string;
  created_at: string;
}

/** A home-room class (行政班): grade 1–6 and its number within the grade. */
export interface ClassTable {
  id: string;
  school_id: string;
  grade: number;
  class_no: number;
  created_at: string;
}

export interface UserTable {
  id: string;
  username: string | null;
  phone: string | null;
  display_name: string;
  password_hash: string | null;
  locale: string;
  disabled: number;
  created_at: string;
  updated_at: string;
  /** Where the SMTP channel mails this account's notifications (0008); null: no mail. */
  email?: string | null;
}

export interface RoleGrantTable {
  id: string;
  user_id: string;
  role: string;
  district_id: string;
  school_id: string | null;
  class_id: string | null;
  created_at: string;
}

export interface StudentTable {
  id: string;
  school_id: string;
  class_id: string;
  student_no: string;
  name: string;
  gender: string;
  created_at: string;
  updated_at: string;
}

/** Sensitive categories (ENR-4, FEE-6), kept apart so that only the roles that need them read them. */
export interface StudentCategoryTable {
  student_id: string;
  category: string;
  created_at: string;
}

export interface GuardianTable {
  id: string;
  school_id: string;
  name: string;
  phone: string;
  user_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface StudentGuardianTable {
  student_id: string;
  guardian_id: string;
  relation: string;
  is_primary: number;
  created_at: string;
}

/** Adults a family authorises to collect a child (DAY-4). Revoking sets revoked_at; rows are never deleted. */
export interface AuthorisedAdultTable {
  id: string;
  school_id: string;
  student_id: string;
  name: string;
  relation: string;
  phone: string | null;
  revoked_at: string | null;
  created_by: string;
  created_at: string;
}

export interface AuthSessionTable {
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
  ip: string | null;
  user_agent: string | null;
}

export interface LoginFailureTable {
  id: string;
  account_key: string;
  ip: string;
  at: string;
}

export interface SetupCodeTable {
  id: string;
  user_id: string;
  school_id: string;
  code_hash: string;
  /** 'first': sets the first password of an account that has none; 'reset': replaces one (admin only). */
  purpose: string;
  issued_by: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface AuditLogTable {
  id: string;
  district_id: string | null;
  school_id: string | null;
  actor_user_id: string | null;
  action: string;
  entity: string;
  entity_id: string;
  before_json: string | null;
  after_json: string | null;
  at: string;
  ip: string | null;
}

/** Per-school settings as JSON (programme contract `schoolSettingsSchema` fills in defaults). */
export interface SchoolSettingsTable {
  school_id: string;
  settings: string;
  updated_at: string;
  updated_by: string | null;
}

/** PROG-1 term with its application window and the draw's seed commitment (ENR-4). */
export interface TermTable {
  id: string;
  school_id: string;
  name: string;
  starts_on: string;
  ends_on: string;
  window_opens_at: string;
  window_closes_at: string;
  /** JSON: the ENR-5 conditions families confirm when applying. */
  conditions: string;
  seed_hash: string | null;
  /** Kept secret until revealed after the draw. */
  seed: string | null;
  seed_committed_at: string | null;
  drawn_at: string | null;
  /** JSON: the public draw list (inputs and order) that `kehou draw verify` recomputes. */
  draw_result: string | null;
  seed_revealed_at: string | null;
  list_published_at: string | null;
  created_at: string;
  updated_at: string;
}

/** Calendar exceptions: 'holiday' (no service on a weekday) or 'makeup' (a weekend day that runs). */
export interface TermDayTable {
  term_id: string;
  date: string;
  kind: string;
  /** For a make-up day: the weekday (1–5) whose timetable it follows. */
  follows_weekday: number | null;
  note: string;
}

// Daily attendance (DAY-2, DAY-6…8, SAFE-3), migration 0006.

/** DAY-2: `stage` is 'last_period_to_care' | 'care_to_duty'; append-only, the latest per stage counts. */
export interface HandoverTable {
  id: string;
  school_id: string;
  temp_class_id: string;
  date: string;
  stage: string;
  from_user_id: string | null;
  from_name: string;
  to_user_id: string | null;
  to_name: string;
  handed_at: string;
  head_count: number;
  expected_count: number | null;
  mismatch: number;
  leave_note: string;
  note: string;
  recorded_by: string;
  recorded_at: string;
}

/** DAY-6, DAY-8: a class's care log and activity record of a day; the highest version counts. */
export interface CareLogTable {
  id: string;
  school_id: string;
  temp_class_id: string;
  date: string;
  version: number;
  content: string;
  topic: string;
  head_count: number | null;
  started_at: string | null;
  ended_at: string | null;
  homework: string | null;
  behaviour: string;
  notes: string;
  complete: number;
  written_by: string;
  written_at: string;
}

/** DAY-7: `status` 'on_time' | 'late' | 'absent'; the highest version per date/session/user counts. */
export interface StaffAttendanceTable {
  id: string;
  school_id: string;
  date: string;
  session_id: string;
  user_id: string;
  version: number;
  status: string;
  minutes_late: number;
  excused: number | null;
  reason: string;
  source: string;
  checked_in_at: string | null;
  recorded_by: string | null;
  recorded_at: string;
}

/** SAFE-3: the school's emergency plan; `contacts` is JSON [{ label, phone }]. */
export interface EmergencyPlanTable {
  id: string;
  school_id: string;
  version: number;
  plan: string;
  contacts: string;
  written_by: string;
  written_at: string;
}

export interface VenueTable {
  id: string;
  school_id: string;
  name: string;
  kind: string;
  capacity: number;
  fire_safe: number;
  fire_safe_checked_on: string | null;
  created_at: string;
  updated_at: string;
}

/** PROG-2 session (时段): weekdays as "1,2,3,4,5" (Monday = 1), local times "HH:MM". */
export interface TermSessionTable {
  id: string;
  school_id: string;
  term_id: string;
  name: string;
  kind: string;
  weekdays: string;
  starts_at: string;
  ends_at: string;
  class_hours: number;
  created_at: string;
  updated_at: string;
}

export interface OfferingTable {
  id: string;
  school_id: string;
  term_id: string;
  session_id: string;
  venue_id: string | null;
  kind: string;
  /** A club's category (art, language, sport, science, other); null for other kinds. */
  category: string | null;
  name: string;
  description: string;
  capacity: number;
  teacher_user_id: string | null;
  teacher_name: string | null;
  /** 'month' (flat per month) or 'class_hour'; null while the school has not set a fee. */
  fee_basis: string | null;
  fee_fen: number | null;
  created_at: string;
  updated_at: string;
}

export interface TermNoticeTable {
  id: string;
  term_id: string;
  version: number;
  /** JSON snapshot of the notice exactly as published. */
  content: string;
  published_at: string;
  published_by: string;
}

export interface TermNoticeDraftTable {
  term_id: string;
  /** JSON: the school's own paragraphs (safety measures, method, notes, contact). */
  texts: string;
  updated_at: string;
}

export interface DemandResponseTable {
  id: string;
  school_id: string;
  term_id: string;
  class_id: string;
  student_id: string;
  can_collect_on_time: number;
  /** JSON list of needs (noon, afternoon, evening, meals…). */
  needs: string;
  note: string;
  recorded_by: string;
  recorded_at: string;
}

export interface AgreementTextTable {
  id: string;
  school_id: string;
  term_id: string;
  version: number;
  title: string;
  body: string;
  created_by: string;
  created_at: string;
}

export interface ApplicationTable {
  id: string;
  school_id: string;
  term_id: string;
  student_id: string;
  class_id: string;
  applicant_user_id: string;
  public_ref: string;
  status: string;
  /** JSON: the family's answers to the term's ENR-5 conditions. */
  conditions: string;
  note: string;
  review_note: string | null;
  submitted_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface ApplicationLineTable {
  id: string;
  application_id: string;
  term_id: string;
  student_id: string;
  offering_id: string;
  choice_group: number;
  choice_rank: number;
  status: string;
  waitlist_position: number | null;
  offer_expires_at: string | null;
  updated_at: string;
}

export interface AgreementSignatureTable {
  id: string;
  application_id: string;
  agreement_text_id: string;
  signed_name: string;
  signed_by: string;
  signed_at: string;
  ip: string | null;
}

/** Consent to processing a child's personal data; each decision is a new row, the latest counts. */
export interface DataConsentTable {
  id: string;
  school_id: string;
  student_id: string;
  term_id: string;
  granted: number;
  decided_by: string;
  decided_at: string;
}

export interface WithdrawalTable {
  id: string;
  school_id: string;
  application_id: string;
  /** null: the whole application; otherwise one line (one offering). */
  line_id: string | null;
  reason: string;
  effective_on: string;
  status: string;
  requested_by: string;
  requested_at: string;
  decided_by: string | null;
  decided_at: string | null;
  decision_note: string | null;
}

export interface IdempotencyKeyTable {
  user_id: string;
  key: string;
  operation: string;
  request_hash: string;
  status_code: number;
  response: string;
  created_at: string;
}

/** In-app inbox; text is rendered from kind + params in the reader's language. */
export interface NotificationTable {
  id: string;
  user_id: string;
  school_id: string | null;
  kind: string;
  params: string;
  link: string | null;
  created_at: string;
  read_at: string | null;
}

export interface NotifyOutboxTable {
  id: string;
  notification_id: string;
  /** 'pending' until a channel (webhook, SMS, mail) delivers it. */
  status: string;
  attempts: number;
  created_at: string;
  sent_at: string | null;
  /** 0008: when the drain may try again, the lease of the process draining it, the last failure. */
  next_attempt_at?: string | null;
  locked_until?: string | null;
  last_error?: string | null;
}

// Groups and staff (STAFF-1…6), migration 0003.

/** STAFF-1…3: a temporary class (临时班) of one offering; `kind` is 'care' | 'interest' | 'noon'. */
export interface TempClassTable {
  id: string;
  school_id: string;
  term_id: string;
  session_id: string;
  offering_id: string;
  kind: string;
  name: string;
  venue_id: string | null;
  head_teacher_id: string | null;
  created_at: string;
  updated_at: string;
}

/** A membership; a move ends one row (`left_at`) and starts another. */
export interface TempClassMemberTable {
  id: string;
  temp_class_id: string;
  offering_id: string;
  student_id: string;
  seat_no: number | null;
  joined_at: string;
  left_at: string | null;
  changed_by: string | null;
}

export interface StaffProfileTable {
  school_id: string;
  user_id: string;
  subject: string | null;
  max_duties_per_week: number | null;
  updated_at: string;
}

export interface StaffAvailabilityTable {
  id: string;
  school_id: string;
  term_id: string;
  user_id: string;
  session_id: string;
  weekday: number;
  created_at: string;
}

export interface DutyRosterTable {
  id: string;
  school_id: string;
  term_id: string;
  version: number;
  status: string;
  unfilled: string;
  generated_by: string;
  generated_at: string;
  published_at: string | null;
}

/** One duty: `role` is 'care' (a temporary class), 'duty' (receives the last handover) or 'leader'. */
export interface DutyAssignmentTable {
  id: string;
  roster_id: string;
  school_id: string;
  date: string;
  session_id: string;
  temp_class_id: string | null;
  role: string;
  user_id: string;
  outside_staff_id: string | null;
  created_at: string;
}

export interface DutySwapTable {
  id: string;
  school_id: string;
  assignment_id: string;
  from_user_id: string;
  to_user_id: string;
  status: string;
  reason: string;
  requested_at: string;
  decided_by: string | null;
  decided_at: string | null;
  decision_note: string | null;
  /** 0006: when the colleague accepted (STAFF-5). */
  accepted_at: string | null;
}

export interface InstitutionTable {
  id: string;
  district_id: string;
  name: string;
  kind: string;
  status: string;
  created_at: string;
  updated_at: string;
}

export interface OutsideStaffTable {
  id: string;
  school_id: string;
  user_id: string | null;
  name: string;
  kind: string;
  institution_id: string | null;
  phone: string;
  id_number: string;
  status: string;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface OutsideStaffCheckTable {
  id: string;
  outside_staff_id: string;
  check_kind: string;
  passed: number;
  note: string;
  valid_until: string | null;
  recorded_by: string;
  recorded_at: string;
  /** 0006: the date the check was done (STAFF-6); null on rows recorded before it existed. */
  checked_on: string | null;
}

// The school day's core (DAY-1, DAY-3), migration 0004.

/** DAY-3: `status` is 'reported' | 'cancelled'; `session_id` null covers every session. */
export interface LeaveRequestTable {
  id: string;
  school_id: string;
  student_id: string;
  from_date: string;
  to_date: string;
  session_id: string | null;
  reason: string;
  status: string;
  reported_by: string;
  reported_at: string;
  cancelled_by: string | null;
  cancelled_at: string | null;
}

/** DAY-1: a saved roll; the highest version of a class and date is the record in force. */
export interface RollCallTable {
  id: string;
  school_id: string;
  temp_class_id: string;
  date: string;
  version: number;
  taken_by: string;
  marked_at: string;
  saved_at: string;
  present_count: number;
  note: string;
}

// Incidents, jobs and notify channels (DAY-6, SAFE-1), migration 0008.

/** A queued unit of background work; see src/jobs/queue.ts. */
export interface JobTable {
  id: string;
  kind: string;
  payload: string;
  run_at: string;
  /** 'queued' | 'running' | 'done' | 'failed' */
  status: string;
  attempts: number;
  max_attempts: number;
  locked_by: string | null;
  locked_until: string | null;
  last_error: string | null;
  unique_key: string | null;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
}

/** A school's delivery channel: 'webhook' | 'smtp'; `secret` never leaves the server. */
export interface NotifyChannelTable {
  id: string;
  school_id: string;
  kind: string;
  name: string;
  enabled: number;
  config: string;
  secret: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

/** One outbox row's delivery on one channel: 'pending' | 'sent' | 'skipped' | 'failed'. */
export interface NotifyDeliveryTable {
  id: string;
  outbox_id: string;
  channel_id: string;
  school_id: string;
  status: string;
  attempts: number;
  last_error: string | null;
  sent_at: string | null;
  created_at: string;
  updated_at: string;
}

/** DAY-6: an incident (事故/突发事件). */
export interface IncidentTable {
  id: string;
  school_id: string;
  temp_class_id: string | null;
  date: string;
  occurred_at: string;
  kind: string;
  severity: string;
  description: string;
  action_taken: string;
  staff_user_id: string | null;
  status: string;
  finding: string | null;
  reported_by: string;
  reported_at: string;
  guardians_notified: number;
  updated_at: string;
}

export interface IncidentStudentTable {
  incident_id: string;
  student_id: string;
}

/** A follow-up or status change of an incident, appended only. */
export interface IncidentEventTable {
  id: string;
  incident_id: string;
  kind: string;
  note: string;
  internal: number;
  from_status: string;
  to_status: string;
  by_user_id: string;
  at: string;
}

/** `status` is 'present' | 'late' | 'absent' | 'leave'. */
export interface RollCallMarkTable {
  roll_call_id: string;
  student_id: string;
  status: string;
  leave_request_id: string | null;
  note: string;
}

// pickup and gate (0007: DAY-4, DAY-5, DAY-9, DAY-10)
export interface PickupCodeTable {
  adult_id: string;
  school_id: string;
  student_id: string;
  code: string;
  set_by: string;
  set_at: string;
}

export interface PickupHandoverFlagTable {
  id: string;
  school_id: string;
  student_id: string;
  note: string;
  set_by: string;
  set_at: string;
  cleared_by: string | null;
  cleared_at: string | null;
}

export interface WalkHomePermitTable {
  id: string;
  school_id: string;
  student_id: string;
  term_id: string;
  weekdays: string;
  note: string;
  signed_name: string;
  signed_by: string;
  signed_at: string;
  ip: string | null;
  user_agent: string | null;
  token: string;
  revoked_at: string | null;
  revoked_by: string | null;
}

/** `method` 'code' | 'id_check' | 'walk_home'; `status` 'awaiting_confirmation' | 'confirmed' | 'walked_home'. */
export interface PickupReleaseTable {
  id: string;
  school_id: string;
  student_id: string;
  date: string;
  temp_class_id: string;
  session_id: string;
  method: string;
  adult_id: string | null;
  adult_name: string | null;
  permit_id: string | null;
  id_last4: string | null;
  note: string;
  handover_flagged: number;
  released_by: string;
  released_at: string;
  status: string;
  confirmed_by: string | null;
  confirmed_at: string | null;
}

export interface PickupAttemptTable {
  id: string;
  school_id: string;
  student_id: string;
  teacher_id: string;
  at: string;
  ip: string | null;
}

export interface PickupUnlockTable {
  id: string;
  school_id: string;
  student_id: string | null;
  teacher_id: string | null;
  unlocked_by: string;
  at: string;
}

export interface PickupLateAlertTable {
  id: string;
  school_id: string;
  student_id: string;
  date: string;
  temp_class_id: string;
  session_id: string;
  raised_at: string;
}

export interface GateVisitorTable {
  id: string;
  school_id: string;
  name: string;
  id_number: string;
  phone: string;
  purpose: string;
  host: string;
  in_at: string;
  out_at: string | null;
  recorded_by: string;
  signed_out_by: string | null;
}

// fees and funds (0010: FEE-1…11)
export interface FeeCapTable {
  district_id: string;
  kind: string;
  min_fen: number | null;
  max_fen: number;
  document_no: string;
  approved_on: string | null;
  updated_by: string;
  updated_at: string;
}

/** FEE-11: one append-only ledger line in fen; see migration 0010 for the books and signs. */
export interface LedgerEntryTable {
  id: string;
  school_id: string;
  term_id: string | null;
  book: string;
  stream: string;
  kind: string;
  student_id: string | null;
  offering_id: string | null;
  month: string | null;
  amount_fen: number;
  source_type: string;
  source_id: string;
  entry_key: string | null;
  reverses_id: string | null;
  reason_code: string;
  reason_params: string;
  created_at: string;
  created_by: string | null;
}

export interface TermBillTable {
  id: string;
  school_id: string;
  term_id: string;
  student_id: string;
  bill_no: string;
  issued_at: string;
  issued_by: string;
}

export interface PaymentTable {
  id: string;
  school_id: string;
  term_id: string;
  student_id: string;
  stream: string;
  method: string;
  amount_fen: number;
  reference: string | null;
  idempotency_key: string;
  provider_ref: string | null;
  receipt_no: string;
  received_at: string;
  recorded_by: string | null;
  note: string;
}

export interface PaymentNotificationTable {
  id: string;
  school_id: string | null;
  provider_ref: string | null;
  received_at: string;
  outcome: string;
  detail: string;
  payment_id: string | null;
  body: string;
}

export interface SettlementTable {
  id: string;
  school_id: string;
  term_id: string;
  month: string;
  settled_at: string;
  settled_by: string;
  line_count: number;
  refund_fen: number;
  adjustment_fen: number;
}

export interface SettlementLineTable {
  id: string;
  settlement_id: string;
  student_id: string;
  offering_id: string;
  for_month: string;
  school_days: number;
  attended: number;
  billed_fen: number;
  refund_fen: number;
  delta_fen: number;
  reason_code: string;
  reason_params: string;
}

export interface RefundTable {
  id: string;
  school_id: string;
  term_id: string;
  student_id: string;
  stream: string;
  amount_fen: number;
  reason: string;
  status: string;
  proposed_by: string;
  proposed_at: string;
  decided_by: string | null;
  decided_at: string | null;
  decision_note: string | null;
}

export interface TermClosingTable {
  id: string;
  school_id: string;
  term_id: string;
  student_id: string;
  stream: string;
  paid_fen: number;
  net_fen: number;
  balance_fen: number;
  outcome: string;
  refund_id: string | null;
  closed_at: string;
  closed_by: string;
}

export interface MealOptinTable {
  id: string;
  school_id: string;
  term_id: string;
  student_id: string;
  from_date: string;
  to_date: string | null;
  created_by: string;
  created_at: string;
}

export interface MealBillTable {
  id: string;
  school_id: string;
  term_id: string;
  student_id: string;
  month: string;
  meals: number;
  price_fen: number;
  amount_fen: number;
  due_on: string;
  bill_no: string;
  issued_at: string;
  issued_by: string;
}

export interface FundDocumentTable {
  id: string;
  school_id: string;
  term_id: string;
  kind: string;
  category: string;
  occurred_on: string;
  amount_fen: number;
  voucher_no: string;
  counterparty: string;
  note: string;
  students: number | null;
  recorded_by: string;
  recorded_at: string;
}

export interface FundStatementTable {
  id: string;
  school_id: string;
  term_id: string;
  period: string;
  version: number;
  content: string;
  published_at: string;
  published_by: string;
}

/** Payments (0011): the secret a school's payment provider signs notifications with; never answered. */
export interface PaymentSecretTable {
  school_id: string;
  secret: string;
  updated_by: string;
  updated_at: string;
}

export interface BillingCounterTable {
  school_id: string;
  series: string;
  last_no: number;
}

// Surveys (0012, SURV-1, SURV-2).

/** `kind` 'demand' | 'satisfaction'; `status` 'draft' | 'open' | 'closed'. */
export interface SurveyTable {
  id: string;
  school_id: string;
  term_id: string;
  kind: string;
  title: string;
  intro: string;
  per_child: number;
  status: string;
  closes_on: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
  opened_at: string | null;
  closed_at: string | null;
}

/** `kind` 'single' | 'multiple' | 'rating' | 'rating_teacher' | 'rating_offering' | 'text'. */
export interface SurveyQuestionTable {
  id: string;
  survey_id: string;
  position: number;
  kind: string;
  prompt: string;
  options: string;
  targets: string;
  required: number;
}

/** One per family (or child) per survey; `family_key` is never answered to teachers. */
export interface SurveyResponseTable {
  id: string;
  survey_id: string;
  school_id: string;
  family_key: string;
  student_id: string | null;
  submitted_by: string;
  submitted_at: string;
}

export interface SurveyAnswerTable {
  id: string;
  response_id: string;
  survey_id: string;
  question_id: string;
  target_id: string;
  rating: number | null;
  choices: string | null;
  text: string | null;
}

/**
 * SURV-2: each child a response answers for (every child of the answering parent at the school
 * for a per-family survey, the child for a per-child one); unique per survey, so a family answers
 * once even when its parents are linked to different children.
 */
export interface SurveyClaimTable {
  id: string;
  survey_id: string;
  student_id: string;
  response_id: string;
}

// Outside institutions (0016, DIST-2): courses, status changes, bookings, evaluations, complaints.
export interface InstitutionCourseTable {
  id: string;
  institution_id: string;
  name: string;
  kind: string;
  price_fen: number;
  description: string;
  status: string;
  created_by: string;
  created_at: string;
  retired_at: string | null;
}

export interface InstitutionTransitionTable {
  id: string;
  institution_id: string;
  from_status: string | null;
  to_status: string;
  event: string;
  reason: string | null;
  note: string;
  by_user_id: string;
  at: string;
}

export interface InstitutionBookingTable {
  id: string;
  institution_id: string;
  course_id: string;
  school_id: string;
  term_id: string;
  offering_id: string | null;
  price_fen: number;
  status: string;
  ends_on: string | null;
  end_reason: string | null;
  booked_by: string;
  created_at: string;
  updated_at: string;
}

export interface InstitutionEvaluationTable {
  id: string;
  institution_id: string;
  school_id: string;
  term_id: string;
  score: number;
  comment: string;
  created_by: string;
  created_at: string;
}

export interface InstitutionComplaintTable {
  id: string;
  institution_id: string;
  school_id: string;
  category: string;
  description: string;
  occurred_on: string;
  status: string;
  handled_note: string | null;
  handled_by: string | null;
  handled_at: string | null;
  created_by: string;
  created_at: string;
}

// District dashboard (0015, DIST-1): derived figures, rebuilt incrementally.
export interface DashboardSessionDayTable {
  session_id: string;
  date: string;
  school_id: string;
  term_id: string;
  students_present: number;
  staff_present: number;
  /** 0/1: the day has a roll call (only those count as session-days). */
  has_roll: number;
  refreshed_at: string;
}

/** `figures`: JSON { participation: [{grade, students, enrolled}], arrears: [{grade, families, totalFen}] }. */
export interface DashboardSchoolTermTable {
  school_id: string;
  term_id: string;
  figures: string;
  refreshed_at: string;
}

export interface DashboardWatermarkTable {
  name: string;
  at: string;
}

// teacher pay (0014)
export interface PayEventTable {
  id: string;
  school_id: string;
  term_id: string;
  user_id: string;
  kind: string;
  date: string;
  note: string;
  withdraws_id: string | null;
  recorded_by: string;
  recorded_at: string;
}

export interface PayRunTable {
  id: string;
  school_id: string;
  term_id: string;
  version: number;
  kind: string;
  status: string;
  fund_source: string;
  fund_fen: number;
  process_fen: number;
  final_fen: number;
  process_unpaid_fen: number;
  final_unpaid_fen: number;
  as_of: string;
  survey_id: string | null;
  settings: string;
  computed_by: string;
  computed_at: string;
  approved_by: string | null;
  approved_at: string | null;
}

export interface PayLineTable {
  id: string;
  run_id: string;
  user_id: string;
  points_tenths: number;
  process_fen: number;
  final_fen: number;
  total_fen: number;
  previous_fen: number;
  due_fen: number;
  eligible: number;
  final_reason: string | null;
  survey_hundredths: number;
  sessions: number;
  lates: number;
  absences: number;
  incidents: number;
  reasons: string;
}

export interface PaySessionLineTable {
  id: string;
  run_id: string;
  user_id: string;
  date: string;
  session_id: string;
  status: string;
  points_tenths: number;
  reason: string;
}

export interface DB {
  districts: DistrictTable;
  schools: SchoolTable;
  classes: ClassTable;
  users: UserTable;
  role_grants: RoleGrantTable;
  students: StudentTable;
  student_categories: StudentCategoryTable;
  guardians: GuardianTable;
  student_guardians: StudentGuardianTable;
  authorised_adults: AuthorisedAdultTable;
  auth_sessions: AuthSessionTable;
  login_failures: LoginFailureTable;
  setup_codes: SetupCodeTable;
  audit_log: AuditLogTable;
  school_settings: SchoolSettingsTable;
  terms: TermTable;
  term_days: TermDayTable;
  venues: VenueTable;
  term_sessions: TermSessionTable;
  offerings: OfferingTable;
  term_notices: TermNoticeTable;
  term_notice_drafts: TermNoticeDraftTable;
  demand_responses: DemandResponseTable;
  agreement_texts: AgreementTextTable;
  applications: ApplicationTable;
  application_lines: ApplicationLineTable;
  agreement_signatures: AgreementSignatureTable;
  data_consents: DataConsentTable;
  withdrawals: WithdrawalTable;
  idempotency_keys: IdempotencyKeyTable;
  notifications: NotificationTable;
  notify_outbox: NotifyOutboxTable;
  // groups and staff (0003)
  temp_classes: TempClassTable;
  temp_class_members: TempClassMemberTable;
  staff_profiles: StaffProfileTable;
  staff_availability: StaffAvailabilityTable;
  duty_rosters: DutyRosterTable;
  duty_assignments: DutyAssignmentTable;
  duty_swaps: DutySwapTable;
  institutions: InstitutionTable;
  outside_staff: OutsideStaffTable;
  outside_staff_checks: OutsideStaffCheckTable;
  // the school day's core (0004)
  leave_requests: LeaveRequestTable;
  roll_calls: RollCallTable;
  roll_call_marks: RollCallMarkTable;
  // incidents, jobs and notify channels (0008)
  jobs: JobTable;
  notify_channels: NotifyChannelTable;
  notify_deliveries: NotifyDeliveryTable;
  incidents: IncidentTable;
  incident_students: IncidentStudentTable;
  incident_events: IncidentEventTable;
  // daily attendance (0006)
  handovers: HandoverTable;
  care_logs: CareLogTable;
  staff_attendance: StaffAttendanceTable;
  emergency_plans: EmergencyPlanTable;
  // pickup and gate (0007)
  pickup_codes: PickupCodeTable;
  pickup_handover_flags: PickupHandoverFlagTable;
  walk_home_permits: WalkHomePermitTable;
  pickup_releases: PickupReleaseTable;
  pickup_attempts: PickupAttemptTable;
  pickup_unlocks: PickupUnlockTable;
  pickup_late_alerts: PickupLateAlertTable;
  gate_visitors: GateVisitorTable;
  // fees and funds (0010)
  fee_caps: FeeCapTable;
  ledger_entries: LedgerEntryTable;
  term_bills: TermBillTable;
  payments: PaymentTable;
  payment_notifications: PaymentNotificationTable;
  settlements: SettlementTable;
  settlement_lines: SettlementLineTable;
  refunds: RefundTable;
  term_closings: TermClosingTable;
  meal_optins: MealOptinTable;
  meal_bills: MealBillTable;
  fund_documents: FundDocumentTable;
  fund_statements: FundStatementTable;
  billing_counters: BillingCounterTable;
  // payments (0011)
  payment_secrets: PaymentSecretTable;
  // surveys (0012)
  surveys: SurveyTable;
  survey_questions: SurveyQuestionTable;
  survey_responses: SurveyResponseTable;
  survey_answers: SurveyAnswerTable;
  survey_claims: SurveyClaimTable;
  // institutions (0016)
  institution_courses: InstitutionCourseTable;
  institution_transitions: InstitutionTransitionTable;
  institution_bookings: InstitutionBookingTable;
  institution_evaluations: InstitutionEvaluationTable;
  institution_complaints: InstitutionComplaintTable;
  // district dashboard (0015)
  dashboard_session_days: DashboardSessionDayTable;
  dashboard_school_terms: DashboardSchoolTermTable;
  dashboard_watermarks: DashboardWatermarkTable;
  // teacher pay (0014)
  pay_events: PayEventTable;
  pay_runs: PayRunTable;
  pay_lines: PayLineTable;
  pay_session_lines: PaySessionLineTable;
}

/** Each table's primary key, so a backup can page through it in a total order. */
export const primaryKeys: Record<keyof DB, string[]> = {
  districts: ['id'],
  schools: ['id'],
  classes: ['id'],
  users: ['id'],
  role_grants: ['id'],
  students: ['id'],
  student_categories: ['student_id', 'category'],
  guardians: ['id'],
  student_guardians: ['student_id', 'guardian_id'],
  authorised_adults: ['id'],
  auth_sessions: ['id'],
  login_failures: ['id'],
  setup_codes: ['id'],
  audit_log: ['id'],
  school_settings: ['school_id'],
  terms: ['id'],
  term_days: ['term_id', 'date'],
  venues: ['id'],
  term_sessions: ['id'],
  offerings: ['id'],
  term_notices: ['id'],
  term_notice_drafts: ['term_id'],
  demand_responses: ['id'],
  agreement_texts: ['id'],
  applications: ['id'],
  application_lines: ['id'],
  agreement_signatures: ['id'],
  data_consents: ['id'],
  withdrawals: ['id'],
  idempotency_keys: ['user_id', 'key'],
  notifications: ['id'],
  notify_outbox: ['id'],
  // groups and staff (0003)
  temp_classes: ['id'],
  temp_class_members: ['id'],
  staff_profiles: ['school_id', 'user_id'],
  staff_availability: ['id'],
  duty_rosters: ['id'],
  duty_assignments: ['id'],
  duty_swaps: ['id'],
  institutions: ['id'],
  outside_staff: ['id'],
  outside_staff_checks: ['id'],
  // the school day's core (0004)
  leave_requests: ['id'],
  roll_calls: ['id'],
  roll_call_marks: ['roll_call_id', 'student_id'],
  // incidents, jobs and notify channels (0008)
  jobs: ['id'],
  notify_channels: ['id'],
  notify_deliveries: ['id'],
  incidents: ['id'],
  incident_students: ['incident_id', 'student_id'],
  incident_events: ['id'],
  // daily attendance (0006)
  handovers: ['id'],
  care_logs: ['id'],
  staff_attendance: ['id'],
  emergency_plans: ['id'],
  // pickup and gate (0007)
  pickup_codes: ['adult_id'],
  pickup_handover_flags: ['id'],
  walk_home_permits: ['id'],
  pickup_releases: ['id'],
  pickup_attempts: ['id'],
  pickup_unlocks: ['id'],
  pickup_late_alerts: ['id'],
  gate_visitors: ['id'],
  // fees and funds (0010)
  fee_caps: ['district_id', 'kind'],
  ledger_entries: ['id'],
  term_bills: ['id'],
  payments: ['id'],
  payment_notifications: ['id'],
  settlements: ['id'],
  settlement_lines: ['id'],
  refunds: ['id'],
  term_closings: ['id'],
  meal_optins: ['id'],
  meal_bills: ['id'],
  fund_documents: ['id'],
  fund_statements: ['id'],
  billing_counters: ['school_id', 'series'],
  // payments (0011)
  payment_secrets: ['school_id'],
  // surveys (0012)
  surveys: ['id'],
  survey_questions: ['id'],
  survey_responses: ['id'],
  survey_answers: ['id'],
  survey_claims: ['id'],
  // institutions (0016)
  institution_courses: ['id'],
  institution_transitions: ['id'],
  institution_bookings: ['id'],
  institution_evaluations: ['id'],
  institution_complaints: ['id'],
  // district dashboard (0015)
  dashboard_session_days: ['session_id', 'date'],
  dashboard_school_terms: ['school_id', 'term_id'],
  dashboard_watermarks: ['name'],
  // teacher pay (0014)
  pay_events: ['id'],
  pay_runs: ['id'],
  pay_lines: ['id'],
  pay_session_lines: ['id'],
};

/** Tables in an order where each table's foreign keys point only to earlier ones (backup, restore). */
export const tablesInDependencyOrder: (keyof DB)[] = [
  'districts',
  'schools',
  'classes',
  'users',
  'role_grants',
  'students',
  'student_categories',
  'guardians',
  'student_guardians',
  'authorised_adults',
  'auth_sessions',
  'login_failures',
  'setup_codes',
  'audit_log',
  'school_settings',
  'terms',
  'term_days',
  'venues',
  'term_sessions',
  'offerings',
  'term_notices',
  'term_notice_drafts',
  'demand_responses',
  'agreement_texts',
  'applications',
  'application_lines',
  'agreement_signatures',
  'data_consents',
  'withdrawals',
  'idempotency_keys',
  'notifications',
  'notify_outbox',
  // groups and staff (0003)
  'temp_classes',
  'temp_class_members',
  'staff_profiles',
  'staff_availability',
  'duty_rosters',
  'institutions',
  'outside_staff',
  'outside_staff_checks',
  'duty_assignments',
  'duty_swaps',
  // the school day's core (0004)
  'leave_requests',
  'roll_calls',
  'roll_call_marks',
  // incidents, jobs and notify channels (0008)
  'jobs',
  'notify_channels',
  'notify_deliveries',
  'incidents',
  'incident_students',
  'incident_events',
  // daily attendance (0006)
  'handovers',
  'care_logs',
  'staff_attendance',
  'emergency_plans',
  // pickup and gate (0007)
  'pickup_codes',
  'pickup_handover_flags',
  'walk_home_permits',
  'pickup_releases',
  'pickup_attempts',
  'pickup_unlocks',
  'pickup_late_alerts',
  'gate_visitors',
  // fees and funds (0010)
  'fee_caps',
  'ledger_entries',
  'term_bills',
  'payments',
  'payment_notifications',
  'settlements',
  'settlement_lines',
  'refunds',
  'term_closings',
  'meal_optins',
  'meal_bills',
  'fund_documents',
  'fund_statements',
  'billing_counters',
  // payments (0011)
  'payment_secrets',
  // surveys (0012)
  'surveys',
  'survey_questions',
  'survey_responses',
  'survey_answers',
  'survey_claims',
  // institutions (0016)
  'institution_courses',
  'institution_transitions',
  'institution_bookings',
  'institution_evaluations',
  'institution_complaints',
  // district dashboard (0015)
  'dashboard_session_days',
  'dashboard_school_terms',
  'dashboard_watermarks',
  // teacher pay (0014)
  'pay_events',
  'pay_runs',
  'pay_lines',
  'pay_session_lines',
];
