// Request and response shapes for the programme; the web app imports these too.
import { z } from 'zod';
import { sensitiveCategories } from '../people/rules';
import { demandNeeds } from './demand';
import {
  clubCategories,
  feeBases,
  forbiddenOfferingKinds,
  offeringKinds,
  sessionKinds,
  termDayKinds,
  venueKinds,
} from './rules';
import { schoolSettingsSchema } from './settings';

export const id = z.string().min(1).max(64);
export const isoDate = z.iso.date();
/** An instant with its offset, stored as ISO UTC. */
export const instant = z.iso.datetime({ offset: true }).transform((v) => new Date(v).toISOString());
export const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
const text = (max: number) => z.string().trim().max(max);
const title = (max: number) => z.string().trim().min(1).max(max);

export const schoolParams = z.object({ schoolId: id });
export const termParams = schoolParams.extend({ termId: id });
export const venueParams = schoolParams.extend({ venueId: id });
export const sessionParams = termParams.extend({ sessionId: id });
export const offeringParams = termParams.extend({ offeringId: id });
export const versionParams = termParams.extend({ version: z.coerce.number().int().min(1).max(100_000) });
export const classDemandParams = termParams.extend({ classId: id });
export const studentDemandParams = termParams.extend({ studentId: id });
export const districtParams = z.object({ districtId: id });

// ---- settings ----
export const settingsView = schoolSettingsSchema;
const pay = schoolSettingsSchema.shape;
export const settingsUpdate = z
  .object({
    offWorkTime: hhmm,
    minDailyMinutes: z.number().int().min(0).max(600),
    periodLimits: z
      .object({
        noon: z.number().int().min(0).max(10),
        afternoon: z.number().int().min(0).max(10),
        day: z.number().int().min(0).max(12),
      })
      .partial(),
    lowerGradesFirst: z.boolean(),
    offerAcceptHours: z
      .number()
      .int()
      .min(1)
      .max(24 * 14),
    withdrawalNoticeDays: z.number().int().min(0).max(60),
    timezone: z
      .string()
      .min(1)
      .max(64)
      .refine((tz) => {
        try {
          new Intl.DateTimeFormat('en', { timeZone: tz });
          return true;
        } catch {
          return false;
        }
      }),
    // daily attendance (DAY-7, DAY-1)
    staffLateGraceMinutes: z.number().int().min(0).max(60),
    rollCorrectionDays: z.number().int().min(0).max(30),
    // temporary classes (STAFF-1, STAFF-2, STAFF-3)
    careClassCap: z.number().int().min(1).max(200),
    interestClassCap: z.number().int().min(1).max(200),
    noonClassCap: z.number().int().min(1).max(200),
    noonGroupMin: z.number().int().min(1).max(200),
    seatRowWidth: z.number().int().min(1).max(20),
    // fees and funds (FEE-4…7, FEE-2)
    termMonths: z.number().min(0.5).max(12).multipleOf(0.5),
    partialMonth: z.enum(['last', 'first']),
    refundThresholdDays: z.number().int().min(0).max(31),
    refundMode: z.enum(['whole_month', 'pro_rata']),
    waiverPercents: z.partialRecord(z.enum(sensitiveCategories), z.number().int().min(0).max(100)),
    mealPriceFen: z.number().int().min(0).max(10_000),
    mealCounting: z.enum(['attendance', 'opt_in']),
    mealDueWorkingDays: z.number().int().min(1).max(10),
    subsidyPerStudentYearFen: z.number().int().min(0).max(1_000_000),
    // teacher pay (PAY-2, PAY-3): the settings' own checks, without their defaults
    payFundMode: pay.payFundMode.unwrap(),
    payFeeSharePercent: pay.payFeeSharePercent.unwrap(),
    payProcessPercent: pay.payProcessPercent.unwrap(),
    payPointsComplete: pay.payPointsComplete.unwrap(),
    payPointsIncomplete: pay.payPointsIncomplete.unwrap(),
    payPointsNoon: pay.payPointsNoon.unwrap(),
    payPointsLate: pay.payPointsLate.unwrap(),
    payPointsAbsent: pay.payPointsAbsent.unwrap(),
  })
  .partial()
  .strict();

// ---- terms (PROG-1, ENR-5) ----
export const termCondition = z.object({
  key: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{0,31}$/),
  text: title(200),
  needsProof: z.boolean().default(false),
});
// Updates are built from fields without defaults: zod fills a default even inside .partial(),
// which would reset what a PATCH leaves out.
const termFields = {
  name: title(60),
  startsOn: isoDate,
  endsOn: isoDate,
  windowOpensAt: instant,
  windowClosesAt: instant,
  conditions: z.array(termCondition).max(10),
};
export const termInput = z.object({ ...termFields, conditions: termFields.conditions.default([]) });
export const termUpdate = z.object(termFields).partial().strict();
export const termView = z.object({
  id: z.string(),
  name: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  windowOpensAt: z.string(),
  windowClosesAt: z.string(),
  windowState: z.enum(['before', 'open', 'closed']),
  conditions: z.array(z.object({ key: z.string(), text: z.string(), needsProof: z.boolean() })),
  /** The latest published notice's version, null before the first. */
  noticeVersion: z.number().int().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const termList = z.object({ items: z.array(termView) });

export const termDayInput = z.object({
  date: isoDate,
  kind: z.enum(termDayKinds),
  followsWeekday: z.number().int().min(1).max(5).nullable().default(null),
  note: text(60).default(''),
});
export const calendarInput = z.object({ days: z.array(termDayInput).max(200) });
export const calendarView = z.object({
  days: z.array(
    z.object({
      date: z.string(),
      kind: z.enum(termDayKinds),
      followsWeekday: z.number().int().nullable(),
      note: z.string(),
    }),
  ),
});
export const schoolDaysView = z.object({
  count: z.number().int(),
  days: z.array(z.object({ date: z.string(), timetableWeekday: z.number().int(), makeup: z.boolean() })),
});

// ---- venues (PROG-6) ----
const venueFields = {
  name: title(40),
  kind: z.enum(venueKinds),
  capacity: z.number().int().min(1).max(5000),
  fireSafe: z.boolean(),
  fireSafeCheckedOn: isoDate.nullable(),
};
export const venueInput = z.object({
  ...venueFields,
  fireSafe: venueFields.fireSafe.default(false),
  fireSafeCheckedOn: venueFields.fireSafeCheckedOn.default(null),
});
export const venueUpdate = z.object(venueFields).partial().strict();
export const venueView = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(venueKinds),
  capacity: z.number().int(),
  fireSafe: z.boolean(),
  fireSafeCheckedOn: z.string().nullable(),
  updatedAt: z.string(),
});
export const venueList = z.object({ items: z.array(venueView) });

// ---- sessions (PROG-2, PROG-3) ----
export const sessionInput = z.object({
  name: title(40),
  kind: z.enum(sessionKinds),
  weekdays: z.array(z.number().int().min(1).max(7)).min(1).max(7),
  startsAt: hhmm,
  endsAt: hhmm,
  classHours: z.number().int().min(0).max(6),
});
export const sessionUpdate = sessionInput.partial().strict();
export const sessionView = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(sessionKinds),
  weekdays: z.array(z.number().int()),
  startsAt: z.string(),
  endsAt: z.string(),
  classHours: z.number().int(),
  updatedAt: z.string(),
});
export const dayLoad = z.object({
  weekday: z.number().int(),
  noon: z.number().int(),
  afternoon: z.number().int(),
  evening: z.number().int(),
  weekend: z.number().int(),
  day: z.number().int(),
});
export const sessionList = z.object({
  items: z.array(sessionView),
  /** PROG-3: per weekday, the most class-hours a child could attend, against the limits. */
  load: z.array(dayLoad),
  limits: z.object({ noon: z.number().int(), afternoon: z.number().int(), day: z.number().int() }),
});

// ---- offerings (PROG-5) ----
const offeringFields = {
  sessionId: id,
  venueId: id.nullable(),
  // Forbidden kinds pass the schema so the refusal can cite 严禁集体补课 (rules.checkOfferingContent).
  kind: z.enum([...offeringKinds, ...forbiddenOfferingKinds]),
  category: z.enum(clubCategories).nullable(),
  name: title(40),
  description: text(500),
  capacity: z.number().int().min(1).max(5000),
  teacherUserId: id.nullable(),
  teacherName: text(30).nullable(),
  feeBasis: z.enum(feeBases).nullable(),
  feeFen: z.number().int().min(0).max(10_000_000).nullable(),
};
export const offeringInput = z.object({
  ...offeringFields,
  venueId: offeringFields.venueId.default(null),
  category: offeringFields.category.default(null),
  description: offeringFields.description.default(''),
  teacherUserId: offeringFields.teacherUserId.default(null),
  teacherName: offeringFields.teacherName.default(null),
  feeBasis: offeringFields.feeBasis.default(null),
  feeFen: offeringFields.feeFen.default(null),
});
export const offeringUpdate = z.object(offeringFields).partial().strict();
export const offeringView = z.object({
  id: z.string(),
  sessionId: z.string(),
  venueId: z.string().nullable(),
  venueName: z.string().nullable(),
  kind: z.enum(offeringKinds),
  category: z.enum(clubCategories).nullable(),
  name: z.string(),
  description: z.string(),
  capacity: z.number().int(),
  teacherUserId: z.string().nullable(),
  teacherName: z.string().nullable(),
  feeBasis: z.enum(feeBases).nullable(),
  feeFen: z.number().int().nullable(),
  updatedAt: z.string(),
});
export const offeringList = z.object({ items: z.array(offeringView) });

// ---- 5+2 report (PROG-4) ----
export const complianceReason = z.object({
  code: z.enum(['no_service', 'short_day', 'ends_early']),
  weekday: z.number().int(),
  minutes: z.number().int().optional(),
  endsAt: z.string().optional(),
  required: z.union([z.number(), z.string()]).optional(),
});
export const fivePlusTwoView = z.object({
  compliant: z.boolean(),
  days: z.array(
    z.object({
      weekday: z.number().int(),
      hasService: z.boolean(),
      minutes: z.number().int(),
      latestEnd: z.string().nullable(),
    }),
  ),
  reasons: z.array(complianceReason),
  settings: z.object({ minDailyMinutes: z.number().int(), offWorkTime: z.string() }),
});
export const districtQuery = z.object({
  /** Terms ending on or after this date; default today. */
  from: isoDate.optional(),
});
export const districtReport = z.object({
  items: z.array(
    z.object({
      schoolId: z.string(),
      schoolCode: z.string(),
      schoolName: z.string(),
      terms: z.array(
        z.object({
          termId: z.string(),
          name: z.string(),
          startsOn: z.string(),
          endsOn: z.string(),
          report: fivePlusTwoView,
        }),
      ),
    }),
  ),
});

// ---- notice to parents (PROG-7) ----
export const noticeTexts = z.object({
  greeting: text(4000).default(''),
  applyMethod: text(4000).default(''),
  safety: text(4000).default(''),
  notes: text(4000).default(''),
  contact: text(1000).default(''),
});
export const noticeDraftView = z.object({ texts: noticeTexts, updatedAt: z.string().nullable() });
export const noticeOffering = z.object({
  name: z.string(),
  kind: z.enum(offeringKinds),
  category: z.enum(clubCategories).nullable(),
  description: z.string(),
  venue: z.string().nullable(),
  capacity: z.number().int(),
  teacher: z.string().nullable(),
  feeBasis: z.enum(feeBases).nullable(),
  feeFen: z.number().int().nullable(),
  /** Homework care: the basic element every session includes (PROG-5). */
  basic: z.boolean(),
});
export const noticeContent = z.object({
  title: z.string(),
  schoolName: z.string(),
  termName: z.string(),
  term: z.object({
    startsOn: z.string(),
    endsOn: z.string(),
    windowOpensAt: z.string(),
    windowClosesAt: z.string(),
    /** The window in the school's time zone, 'YYYY-MM-DD HH:mm', as printed. */
    windowOpensLocal: z.string(),
    windowClosesLocal: z.string(),
    schoolDayCount: z.number().int(),
    holidays: z.array(z.object({ date: z.string(), note: z.string() })),
    makeupDays: z.array(z.object({ date: z.string(), followsWeekday: z.number().int(), note: z.string() })),
  }),
  sessions: z.array(
    z.object({
      name: z.string(),
      kind: z.enum(sessionKinds),
      weekdays: z.array(z.number().int()),
      startsAt: z.string(),
      endsAt: z.string(),
      classHours: z.number().int(),
      offerings: z.array(noticeOffering),
    }),
  ),
  conditions: z.array(z.object({ key: z.string(), text: z.string(), needsProof: z.boolean() })),
  texts: noticeTexts,
});
export const publishedNotice = z.object({
  version: z.number().int(),
  publishedAt: z.string(),
  publishedBy: z.string(),
  content: noticeContent,
});
export const noticeVersions = z.object({
  items: z.array(z.object({ version: z.number().int(), publishedAt: z.string(), publishedBy: z.string() })),
});

// ---- demand survey (PROG-8) ----
export const demandInput = z.object({
  canCollectOnTime: z.boolean(),
  needs: z.array(z.enum(demandNeeds)).max(demandNeeds.length),
  note: text(200).default(''),
});
export const demandTotalsView = z.object({
  children: z.number().int(),
  recorded: z.number().int(),
  cannotCollect: z.number().int(),
  needs: z.object(
    Object.fromEntries(demandNeeds.map((n) => [n, z.number().int()])) as Record<
      (typeof demandNeeds)[number],
      z.ZodNumber
    >,
  ),
});
export const demandRow = z.object({
  studentId: z.string(),
  studentNo: z.string(),
  name: z.string(),
  recorded: z.boolean(),
  canCollectOnTime: z.boolean().nullable(),
  needs: z.array(z.enum(demandNeeds)),
  note: z.string(),
  recordedAt: z.string().nullable(),
});
export const classDemand = z.object({
  classId: z.string(),
  grade: z.number().int(),
  classNo: z.number().int(),
  items: z.array(demandRow),
  totals: demandTotalsView,
});
export const demandSummary = z.object({
  school: demandTotalsView,
  classes: z.array(
    z.object({
      classId: z.string(),
      grade: z.number().int(),
      classNo: z.number().int(),
      totals: demandTotalsView,
    }),
  ),
});

export type SettingsUpdate = z.infer<typeof settingsUpdate>;
export type TermInput = z.infer<typeof termInput>;
export type TermUpdate = z.infer<typeof termUpdate>;
export type TermView = z.infer<typeof termView>;
export type TermDayInput = z.infer<typeof termDayInput>;
export type VenueInput = z.infer<typeof venueInput>;
export type VenueUpdate = z.infer<typeof venueUpdate>;
export type VenueView = z.infer<typeof venueView>;
export type SessionInput = z.infer<typeof sessionInput>;
export type SessionUpdate = z.infer<typeof sessionUpdate>;
export type SessionView = z.infer<typeof sessionView>;
export type SessionList = z.infer<typeof sessionList>;
export type OfferingInput = z.infer<typeof offeringInput>;
export type OfferingUpdate = z.infer<typeof offeringUpdate>;
export type OfferingView = z.infer<typeof offeringView>;
export type FivePlusTwoView = z.infer<typeof fivePlusTwoView>;
export type ComplianceReasonView = z.infer<typeof complianceReason>;
export type DistrictReport = z.infer<typeof districtReport>;
export type NoticeTexts = z.infer<typeof noticeTexts>;
export type NoticeContent = z.infer<typeof noticeContent>;
export type NoticeOffering = z.infer<typeof noticeOffering>;
export type PublishedNotice = z.infer<typeof publishedNotice>;
export type DemandInput = z.infer<typeof demandInput>;
export type DemandRow = z.infer<typeof demandRow>;
export type DemandTotals = z.infer<typeof demandTotalsView>;
export type ClassDemand = z.infer<typeof classDemand>;
export type DemandSummary = z.infer<typeof demandSummary>;
