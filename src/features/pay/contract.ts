// Request and response shapes of teacher pay (PAY-1…8); the web app imports these too. Points are
// integer tenths (0.5 → 5), money integer fen.
import { z } from 'zod';
import { id } from '../people/contract';
import { reasonCodes } from './rules';

const isoDate = z.iso.date();
const text = (max: number) => z.string().trim().max(max);

export const paySchoolParams = z.object({ schoolId: id });
export const payTermParams = z.object({ schoolId: id, termId: id });
export const payRunParams = z.object({ schoolId: id, runId: id });
export const payStatementParams = z.object({ schoolId: id, runId: id, userId: id });
export const payEventParams = z.object({ schoolId: id, eventId: id });

// ---- pay events (PAY-4, PAY-5) ----

export const payEventKinds = ['dereliction', 'safety', 'ethics'] as const;
export type PayEventKind = (typeof payEventKinds)[number];

export const payEventInput = z.object({
  termId: id,
  userId: id,
  kind: z.enum(payEventKinds),
  /** The day (PAY-4); for ethics (PAY-5) the month of this date is forfeited. */
  date: isoDate,
  note: text(500).min(1),
});
export type PayEventInput = z.infer<typeof payEventInput>;
export const withdrawInput = z.object({ reason: text(500).min(1) });
export const payEventQuery = z.object({ termId: id });

export const payEventView = z.object({
  id: z.string(),
  termId: z.string(),
  userId: z.string(),
  userName: z.string(),
  kind: z.enum(payEventKinds),
  date: z.string(),
  note: z.string(),
  recordedBy: z.string(),
  recordedAt: z.string(),
  withdrawal: z.object({ reason: z.string(), by: z.string(), at: z.string() }).nullable(),
});
export type PayEventView = z.infer<typeof payEventView>;
export const payEventList = z.object({ items: z.array(payEventView) });

// ---- runs ----

/** `fundFen` is required when the school's payFundMode is 'amount' (checked by the service). */
export const computeInput = z.object({ fundFen: z.number().optional() });

export const runKinds = ['term', 'adjustment'] as const;
export const runStatuses = ['draft', 'approved', 'superseded'] as const;

export const deduction = z.object({
  code: z.string(),
  date: z.string().nullable(),
  month: z.string().nullable(),
  note: z.string(),
});
export type Deduction = z.infer<typeof deduction>;

export const payLineView = z.object({
  userId: z.string(),
  userName: z.string(),
  pointsTenths: z.number(),
  processFen: z.number(),
  finalFen: z.number(),
  totalFen: z.number(),
  previousFen: z.number(),
  dueFen: z.number(),
  eligible: z.boolean(),
  finalReason: z.enum(['incident', 'no_score']).nullable(),
  surveyHundredths: z.number(),
  sessions: z.number(),
  lates: z.number(),
  absences: z.number(),
  incidents: z.number(),
  deductions: z.array(deduction),
});
export type PayLineView = z.infer<typeof payLineView>;

export const payRunSummary = z.object({
  id: z.string(),
  termId: z.string(),
  version: z.number(),
  kind: z.enum(runKinds),
  status: z.enum(runStatuses),
  fundSource: z.enum(['amount', 'fee_share']),
  fundFen: z.number(),
  processFen: z.number(),
  finalFen: z.number(),
  processUnpaidFen: z.number(),
  finalUnpaidFen: z.number(),
  asOf: z.string(),
  surveyId: z.string().nullable(),
  processPercent: z.number(),
  computedBy: z.string(),
  computedAt: z.string(),
  approvedBy: z.string().nullable(),
  approvedAt: z.string().nullable(),
});
export type PayRunSummary = z.infer<typeof payRunSummary>;
export const payRunList = z.object({ items: z.array(payRunSummary) });

/** The pay sheet: the run and one line per teacher. */
export const payRunView = payRunSummary.extend({ lines: z.array(payLineView) });
export type PayRunView = z.infer<typeof payRunView>;

// ---- statement (PAY-3…7, item 2) ----

export const sessionLineView = z.object({
  date: z.string(),
  sessionId: z.string(),
  sessionName: z.string(),
  status: z.enum(['on_time', 'late', 'absent']),
  pointsTenths: z.number(),
  reason: z.enum(reasonCodes),
});
export const payStatement = z.object({
  run: payRunSummary,
  line: payLineView,
  months: z.array(z.object({ month: z.string(), pointsTenths: z.number(), sessions: z.number() })),
  sessions: z.array(sessionLineView),
});
export type PayStatement = z.infer<typeof payStatement>;
export const myPayStatement = z.object({ statement: payStatement.nullable() });

// ---- term record (PAY-8) ----

export const termRecordView = z.object({
  runId: z.string().nullable(),
  runStatus: z.enum(runStatuses).nullable(),
  items: z.array(
    z.object({
      userId: z.string(),
      userName: z.string(),
      sessions: z.number(),
      pointsTenths: z.number(),
      lates: z.number(),
      absences: z.number(),
      incidents: z.number(),
      surveyHundredths: z.number(),
      totalFen: z.number(),
    }),
  ),
});
export type TermRecordView = z.infer<typeof termRecordView>;
