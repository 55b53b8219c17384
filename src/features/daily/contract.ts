// Request and response shapes of the care teacher's day: today, leave (DAY-3), roll call (DAY-1),
// handover (DAY-2), care log and activity record (DAY-6, DAY-8), staff attendance (DAY-7) and the
// emergency plan (SAFE-3). The web app imports these too.
import { z } from 'zod';
import { id } from '../people/contract';

export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date');
/** An instant from a phone (offset allowed), kept as ISO UTC. */
export const instant = z.iso.datetime({ offset: true }).transform((v) => new Date(v).toISOString());
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'time');
const shortText = z.string().trim().max(200);
const longText = z.string().trim().max(2000);

export const rollStatuses = ['present', 'late', 'absent', 'leave'] as const;
export const handoverStages = ['last_period_to_care', 'care_to_duty'] as const;
export const homeworkAnswers = ['all', 'most', 'few', 'none'] as const;
export const staffStatuses = ['on_time', 'late', 'absent'] as const;
export const dutyRoles = ['admin', 'head', 'care', 'duty', 'leader'] as const;

export const schoolParams = z.object({ schoolId: id });
export const classDayParams = z.object({ schoolId: id, tempClassId: id, date: isoDate });
export const classDayStageParams = classDayParams;
export const studentOnDayParams = classDayParams.extend({ studentId: id });
export const leaveParams = z.object({ schoolId: id, leaveId: id });
export const dateQuery = z.object({ date: isoDate.optional() });
export const rangeQuery = z.object({ from: isoDate, to: isoDate });
/** `print=1`: the sheet is being printed, which is recorded (SAFE-2). */
export const printQuery = z.object({ print: z.enum(['1']).optional() });

// ---- today (DAY-1, DAY-2, DAY-6, SAFE-3) ----

const handoverBrief = z.object({
  headCount: z.number(),
  expectedCount: z.number().nullable(),
  mismatch: z.boolean(),
});
export const todayClass = z.object({
  tempClassId: id,
  className: z.string(),
  kind: z.string(),
  sessionId: id,
  sessionName: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  venueName: z.string().nullable(),
  roles: z.array(z.enum(dutyRoles)),
  memberCount: z.number(),
  leaveCount: z.number(),
  roll: z.object({ version: z.number(), presentCount: z.number(), markedAt: z.string() }).nullable(),
  handovers: z.object({
    lastPeriodToCare: handoverBrief.nullable(),
    careToDuty: handoverBrief.nullable(),
  }),
  careLog: z.object({ version: z.number(), complete: z.boolean() }).nullable(),
});
export const contactView = z.object({ label: z.string(), name: z.string(), phone: z.string() });
export const todayView = z.object({
  date: isoDate,
  classes: z.array(todayClass),
  /** Sessions the caller is rostered for today, with their check-in (DAY-7). */
  duties: z.array(
    z.object({
      sessionId: id,
      sessionName: z.string(),
      startsAt: z.string(),
      endsAt: z.string(),
      roles: z.array(z.string()),
      attendance: z.object({ status: z.enum(staffStatuses), minutesLate: z.number() }).nullable(),
    }),
  ),
  emergency: z.object({
    contacts: z.array(contactView),
    plan: z.string(),
    planVersion: z.number().nullable(),
  }),
});

// ---- leave (DAY-3) ----

export const leaveInput = z.object({
  studentId: id,
  fromDate: isoDate,
  toDate: isoDate,
  /** Omitted or null: every session of those days. */
  sessionId: id.nullable().optional(),
  reason: z.string().trim().min(1).max(500),
});
export const leaveView = z.object({
  id,
  studentId: id,
  studentName: z.string(),
  fromDate: isoDate,
  toDate: isoDate,
  sessionId: id.nullable(),
  sessionName: z.string().nullable(),
  reason: z.string(),
  status: z.enum(['reported', 'cancelled']),
  reportedBy: z.string(),
  reportedAt: z.string(),
  /** Entered by the school for the family. */
  onBehalf: z.boolean(),
});
export const leaveList = z.object({ items: z.array(leaveView) });
export const leaveListQuery = z.object({
  studentId: id.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});

// ---- roll call (DAY-1) ----

export const rollMarkInput = z.object({
  studentId: id,
  status: z.enum(rollStatuses),
  note: shortText.default(''),
});
export const rollSaveInput = z.object({
  /** When the teacher pressed save, by the phone's clock (kept for offline saves). */
  markedAt: instant,
  marks: z.array(rollMarkInput).min(1).max(200),
  note: shortText.default(''),
  /** The version the teacher corrected; a save on top of a newer one is refused. Null: first roll. */
  baseVersion: z.number().int().min(0).nullable().optional(),
});
export const rollMember = z.object({
  studentId: id,
  name: z.string(),
  grade: z.number(),
  classNo: z.number(),
  status: z.enum(rollStatuses).nullable(),
  note: z.string(),
  leave: z.object({ id, reason: z.string() }).nullable(),
});
export const rollCounts = z.object({
  present: z.number(),
  late: z.number(),
  absent: z.number(),
  leave: z.number(),
});
export const rollSheet = z.object({
  tempClassId: id,
  className: z.string(),
  date: isoDate,
  version: z.number().nullable(),
  takenBy: z.string().nullable(),
  markedAt: z.string().nullable(),
  members: z.array(rollMember),
  counts: rollCounts,
});
export const rollSaved = z.object({
  id,
  tempClassId: id,
  date: isoDate,
  version: z.number(),
  markedAt: z.string(),
  savedAt: z.string(),
  presentCount: z.number(),
  counts: rollCounts,
});
export const guardianContacts = z.object({
  items: z.array(z.object({ name: z.string(), relation: z.string(), phone: z.string() })),
});

// ---- handover (DAY-2) ----

export const handoverInput = z.object({
  stage: z.enum(handoverStages),
  /** The giver; for the first stage, the last-period teacher may have no account, so a name. */
  fromUserId: id.nullable().optional(),
  fromName: z.string().trim().max(60).optional(),
  toUserId: id.nullable().optional(),
  handedAt: instant,
  headCount: z.number().int().min(0).max(500),
  leaveNote: shortText.default(''),
  note: shortText.default(''),
});
export const handoverView = z.object({
  id,
  tempClassId: id,
  date: isoDate,
  stage: z.enum(handoverStages),
  fromUserId: id.nullable(),
  fromName: z.string(),
  toUserId: id.nullable(),
  toName: z.string(),
  handedAt: z.string(),
  headCount: z.number(),
  expectedCount: z.number().nullable(),
  mismatch: z.boolean(),
  leaveNote: z.string(),
  note: z.string(),
  recordedAt: z.string(),
});
export const handoverList = z.object({ items: z.array(handoverView) });

// ---- care log and activity record (DAY-6, DAY-8) ----

export const careLogInput = z.object({
  content: longText.default(''),
  topic: shortText.default(''),
  headCount: z.number().int().min(0).max(500).nullable().optional(),
  startedAt: hhmm.nullable().optional(),
  endedAt: hhmm.nullable().optional(),
  homework: z.enum(homeworkAnswers).nullable().optional(),
  behaviour: longText.default(''),
  notes: longText.default(''),
  baseVersion: z.number().int().min(0).nullable().optional(),
});
export const careLogFields = ['content', 'topic', 'headCount', 'startedAt', 'endedAt', 'homework'] as const;
export const careLogView = z.object({
  tempClassId: id,
  className: z.string(),
  date: isoDate,
  kind: z.string(),
  version: z.number().nullable(),
  content: z.string(),
  topic: z.string(),
  headCount: z.number().nullable(),
  startedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  homework: z.enum(homeworkAnswers).nullable(),
  behaviour: z.string(),
  notes: z.string(),
  complete: z.boolean(),
  /** The required fields still empty (DAY-8). */
  missing: z.array(z.enum(careLogFields)),
  required: z.array(z.enum(careLogFields)),
  writtenAt: z.string().nullable(),
});

// ---- staff attendance (DAY-7) ----

export const checkInInput = z.object({ sessionId: id });
export const staffAttendanceView = z.object({
  id,
  date: isoDate,
  sessionId: id,
  sessionName: z.string(),
  userId: id,
  userName: z.string(),
  version: z.number(),
  status: z.enum(staffStatuses),
  minutesLate: z.number(),
  excused: z.boolean().nullable(),
  reason: z.string(),
  source: z.enum(['check_in', 'close', 'admin']),
  checkedInAt: z.string().nullable(),
  recordedAt: z.string(),
});
export const staffAttendanceList = z.object({ items: z.array(staffAttendanceView) });
export const staffRulingInput = z.object({
  date: isoDate,
  sessionId: id,
  userId: id,
  status: z.enum(staffStatuses),
  /** For an absence: with a reason (excused) or without. */
  excused: z.boolean().optional(),
  reason: z.string().trim().max(500).default(''),
});
export const closeInput = z.object({ date: isoDate });
export const closeResult = z.object({ date: isoDate, written: z.number() });

// ---- emergency plan (SAFE-3) ----

export const emergencyContactInput = z.object({
  label: z.string().trim().min(1).max(40),
  phone: z
    .string()
    .trim()
    .regex(/^[0-9+\-() ]{3,20}$/, 'phone'),
});
export const emergencyPlanInput = z.object({
  plan: z.string().trim().min(1).max(10_000),
  contacts: z.array(emergencyContactInput).max(20).default([]),
});
export const emergencyPlanView = z.object({
  version: z.number().nullable(),
  plan: z.string(),
  contacts: z.array(z.object({ label: z.string(), phone: z.string() })),
  writtenAt: z.string().nullable(),
});
