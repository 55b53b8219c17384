// A school's settings (the values where plans disagree; domain.md: "never hard-code one school's
// choice"). Stored as JSON per school; every field has the domain's default, so a school that never
// saved settings, or saved them before a field existed, reads the defaults.
import { z } from 'zod';
import type { Executor } from '../../server/context';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
/** A pay point value (PAY-3): −10…10 in steps of 0.1. */
const points = z
  .number()
  .min(-10)
  .max(10)
  .refine((n) => Math.abs(n * 10 - Math.round(n * 10)) < 1e-9, { message: 'steps of 0.1' });

export const schoolSettingsSchema = z.object({
  /** PROG-4: service should end no earlier than this local time. */
  offWorkTime: hhmm.default('17:30'),
  /** PROG-4: minimum service per weekday, in minutes (2 hours). */
  minDailyMinutes: z.number().int().min(0).max(600).default(120),
  /** PROG-3: class-hour limits per day. */
  periodLimits: z
    .object({
      noon: z.number().int().min(0).max(10).default(3),
      afternoon: z.number().int().min(0).max(10).default(2),
      day: z.number().int().min(0).max(12).default(5),
    })
    .default({ noon: 3, afternoon: 2, day: 5 }),
  /** ENR-4: after the priority groups, lower grades come first in the draw. */
  lowerGradesFirst: z.boolean().default(true),
  /** ENR-4: hours a family has to accept a place offered from the waitlist. */
  offerAcceptHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 14)
    .default(48),
  /** ENR-6: a withdrawal is requested in writing at least this many days ahead. */
  withdrawalNoticeDays: z.number().int().min(0).max(60).default(7),
  /** The school's time zone (architecture: school-local dates). */
  timezone: z.string().min(1).max(64).default('Asia/Shanghai'),
  // daily attendance (DAY-7, DAY-1)
  /** DAY-7: a check-in more than this many minutes after the session starts is late. */
  staffLateGraceMinutes: z.number().int().min(0).max(60).default(5),
  /** DAY-1: how many days back a roll call may still be saved or corrected (0: today only). */
  rollCorrectionDays: z.number().int().min(0).max(30).default(7),
  // pickup and gate (DAY-4, DAY-10)
  /** DAY-4: wrong pickup codes per child, or per teacher, within the lock window before a lock. */
  pickupMaxFailures: z.number().int().min(1).max(50).default(5),
  /** DAY-4: the window in which wrong codes are counted, and how long a lock lasts. */
  pickupLockMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  /** DAY-10: minutes after a session ends before a child still on site raises a late-pickup alert. */
  pickupGraceMinutes: z.number().int().min(0).max(240).default(15),
  // duty roster and outside staff (STAFF-4, STAFF-6)
  /** STAFF-4: at least one staff member per this many students present. */
  staffRatio: z.number().int().min(1).max(100).default(30),
  /** STAFF-6: whether paid outside bodies (institutions' staff) may work at the school at all. */
  allowPaidOutsideBodies: z.boolean().default(true),
  // temporary classes (STAFF-1, STAFF-2, STAFF-3)
  /** STAFF-1: most students in a homework-care temporary class (篇四; 篇一 says 40). */
  careClassCap: z.number().int().min(1).max(200).default(45),
  /** STAFF-1: most students in an interest / special class (篇四). */
  interestClassCap: z.number().int().min(1).max(200).default(30),
  /** STAFF-2: most students in a noon-care group (午托). */
  noonClassCap: z.number().int().min(1).max(200).default(45),
  /** STAFF-2: this many from one home class make their own noon group; fewer merge across grades. */
  noonGroupMin: z.number().int().min(1).max(200).default(30),
  /** STAFF-3: seats per row on the seat plan (座位表). */
  seatRowWidth: z.number().int().min(1).max(20).default(6),
  // fees and funds (FEE-4…7, FEE-2)
  /** FEE-4: a term is billed as this many months (halves allowed); the plan's 4.5. */
  termMonths: z.number().min(0.5).max(12).multipleOf(0.5).default(4.5),
  /** FEE-5: which month of the term is billed only in part when termMonths is not whole. */
  partialMonth: z.enum(['last', 'first']).default('last'),
  /** FEE-5: fewer attended days than this in a month refunds the month (mode 'whole_month'). */
  refundThresholdDays: z.number().int().min(0).max(31).default(15),
  /** FEE-5: 'whole_month' (the plan's) or 'pro_rata' (refund by days missed, as other schools do). */
  refundMode: z.enum(['whole_month', 'pro_rata']).default('whole_month'),
  /** FEE-6: the waiver per sensitive category, in percent; 建档立卡 free by default. */
  waiverPercents: z.record(z.string(), z.number().int().min(0).max(100)).default({ registered_poor: 100 }),
  /** FEE-7: the price of a meal in fen (about 15 yuan, at cost). */
  mealPriceFen: z.number().int().min(0).max(10_000).default(1500),
  /** FEE-7: meals are counted from the noon roll call ('attendance') or from the family's opt-in days. */
  mealCounting: z.enum(['attendance', 'opt_in']).default('attendance'),
  /**
   * FEE-7: a meal bill is due within this many working days of the next month: at most 10, which
   * every month has (a value saved before the limit reads as 10, not as a broken settings row).
   */
  mealDueWorkingDays: z
    .number()
    .int()
    .min(1)
    .transform((n) => Math.min(n, 10))
    .pipe(z.number().max(10))
    .default(5),
  /** FEE-2: subsidy per participating student per year, in fen. */
  subsidyPerStudentYearFen: z.number().int().min(0).max(1_000_000).default(10_000),
  // teacher pay (PAY-2, PAY-3). Points are in steps of 0.1; pay rules count them in tenths.
  /** PAY-2: the term's teacher-pay fund is an amount finance enters, or a share of the term's fee income. */
  payFundMode: z.enum(['amount', 'fee_share']).default('amount'),
  /** PAY-2: with 'fee_share', this percent of the term's service-fee income (net of refunds) is the fund. */
  payFeeSharePercent: z.number().int().min(0).max(100).default(70),
  /** PAY-2: the process pool's percent of the fund; the rest is the final pool (the plan's 9:1). */
  payProcessPercent: z.number().int().min(0).max(100).default(90),
  /** PAY-3: a session with a complete activity record (活动记录表). */
  payPointsComplete: points.default(1),
  /** PAY-3: a session whose record is incomplete (材料记录不全). */
  payPointsIncomplete: points.default(0.5),
  /** PAY-3: a noon session (午间课后服务每次). */
  payPointsNoon: points.default(0.5),
  /** PAY-3: a late arrival: the session counts this (每迟到一次计 −1). */
  payPointsLate: points.default(-1),
  /** PAY-3: absent without reason: the session counts this, and nothing else that day (当日无课后服务费). */
  payPointsAbsent: points.default(0),
});
export type SchoolSettings = z.infer<typeof schoolSettingsSchema>;

export const defaultSettings: SchoolSettings = schoolSettingsSchema.parse({});

/** The school's settings with defaults filled in. */
export async function loadSettings(db: Executor, schoolId: string): Promise<SchoolSettings> {
  const row = await db
    .selectFrom('school_settings')
    .select('settings')
    .where('school_id', '=', schoolId)
    .executeTakeFirst();
  if (!row) return defaultSettings;
  const parsed = schoolSettingsSchema.safeParse(JSON.parse(row.settings));
  return parsed.success ? parsed.data : defaultSettings;
}

/** Stored settings JSON with defaults filled in (the defaults when it no longer parses). */
export function parseSettings(json: string | undefined): SchoolSettings {
  if (!json) return defaultSettings;
  const parsed = schoolSettingsSchema.safeParse(JSON.parse(json));
  return parsed.success ? parsed.data : defaultSettings;
}
