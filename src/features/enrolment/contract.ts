// Request and response shapes of the application side of enrolment; the web app imports these too.
import { z } from 'zod';
import { id } from '../people/contract';
import { applicationStatuses, lineStatuses, withdrawalStatuses } from './rules';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const reason = z.string().trim().max(500);

export const schoolOnlyParams = z.object({ schoolId: id });
export const termParams = z.object({ schoolId: id, termId: id });
export const applicationParams = z.object({ schoolId: id, applicationId: id });
export const consentParams = z.object({ schoolId: id, termId: id, studentId: id });

// ---- submit and edit (ENR-3, ENR-5) ----

/** One choice group: a first choice and, where a club may fill, a second. */
export const choiceInput = z.object({ offeringIds: z.array(id).min(1).max(2) });
export const conditionAnswer = z.object({
  key: z.string().trim().min(1).max(40),
  confirmed: z.boolean(),
  proof: z.string().trim().max(200).optional(),
});

export const applicationSubmit = z.object({
  studentId: id,
  choices: z.array(choiceInput).min(1).max(6),
  conditions: z.array(conditionAnswer).max(20).default([]),
  note: z.string().trim().max(500).default(''),
  /** Save without submitting; the conditions are checked when the draft is submitted. */
  draft: z.boolean().optional(),
});

export const applicationUpdate = z
  .object({
    choices: z.array(choiceInput).min(1).max(6),
    conditions: z.array(conditionAnswer).max(20),
    note: z.string().trim().max(500),
  })
  .partial();

// ---- views ----

export const applicationLineView = z.object({
  id: z.string(),
  offeringId: z.string(),
  offeringName: z.string(),
  offeringKind: z.string(),
  sessionName: z.string(),
  choiceGroup: z.number().int(),
  choiceRank: z.number().int(),
  status: z.enum(lineStatuses),
  waitlistPosition: z.number().int().nullable(),
  offerExpiresAt: z.string().nullable(),
});

export const timelineEntry = z.object({
  at: z.string(),
  action: z.string(),
  status: z.string().nullable(),
  reason: z.string().nullable(),
});

export const consentState = z.enum(['granted', 'refused', 'unknown']);

export const withdrawalView = z.object({
  id: z.string(),
  applicationId: z.string(),
  lineId: z.string().nullable(),
  offeringName: z.string().nullable(),
  reason: z.string(),
  effectiveOn: z.string(),
  status: z.enum(withdrawalStatuses),
  requestedAt: z.string(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
});

export const applicationView = z.object({
  id: z.string(),
  publicRef: z.string(),
  termId: z.string(),
  termName: z.string(),
  studentId: z.string(),
  studentName: z.string(),
  classId: z.string(),
  grade: z.number().int(),
  classNo: z.number().int(),
  status: z.enum(applicationStatuses),
  conditions: z.array(conditionAnswer),
  note: z.string(),
  reviewNote: z.string().nullable(),
  submittedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  lines: z.array(applicationLineView),
  timeline: z.array(timelineEntry),
  /** PIPL: the family's latest decision on processing the child's data for this term. */
  consent: consentState,
  signature: z
    .object({ signedAt: z.string(), signedName: z.string(), agreementVersion: z.number().int() })
    .nullable(),
  withdrawals: z.array(withdrawalView),
});

export const myApplications = z.object({
  children: z.array(
    z.object({
      studentId: z.string(),
      name: z.string(),
      grade: z.number().int(),
      classNo: z.number().int(),
      applicationId: z.string().nullable(),
    }),
  ),
  items: z.array(applicationView),
});

export const applicationListQuery = z.object({
  status: z.enum(applicationStatuses).optional(),
  classId: id.optional(),
  offeringId: id.optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const applicationRow = z.object({
  id: z.string(),
  publicRef: z.string(),
  studentId: z.string(),
  studentName: z.string(),
  classId: z.string(),
  grade: z.number().int(),
  classNo: z.number().int(),
  status: z.enum(applicationStatuses),
  submittedAt: z.string().nullable(),
  reviewNote: z.string().nullable(),
  consent: consentState,
  lines: z.array(
    applicationLineView.pick({
      offeringId: true,
      offeringName: true,
      choiceGroup: true,
      choiceRank: true,
      status: true,
      waitlistPosition: true,
    }),
  ),
});
export const applicationList = z.object({ items: z.array(applicationRow), total: z.number().int() });

// ---- review (ENR-2) ----

const batchIds = z.array(id).min(1).max(500);

export const preReviewInput = z
  .object({ ids: batchIds, decision: z.enum(['pass', 'return']), reason: reason.optional() })
  .refine((b) => b.decision !== 'return' || (b.reason?.length ?? 0) > 0, {
    path: ['reason'],
    message: 'reasonRequired',
  });

export const decideInput = z
  .object({ ids: batchIds, decision: z.enum(['approve', 'reject']), reason: reason.optional() })
  .refine((b) => b.decision !== 'reject' || (b.reason?.length ?? 0) > 0, {
    path: ['reason'],
    message: 'reasonRequired',
  });

export const batchResult = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      ok: z.boolean(),
      status: z.string().optional(),
      code: z.string().optional(),
      message: z.string().optional(),
    }),
  ),
});

// ---- agreement, signature, consent (ENR-2, PIPL) ----

export const agreementInput = z.object({
  title: z.string().trim().min(1).max(100),
  body: z.string().trim().min(1).max(20_000),
});

export const agreementView = z.object({
  id: z.string(),
  termId: z.string(),
  version: z.number().int(),
  title: z.string(),
  body: z.string(),
  createdAt: z.string(),
});

export const signatureInput = z.object({
  agreementVersion: z.number().int().min(1),
  signedName: z.string().trim().min(1).max(30),
});

/** Everything the A4 print view of a signed agreement shows. */
export const signatureView = z.object({
  applicationId: z.string(),
  publicRef: z.string(),
  schoolName: z.string(),
  termName: z.string(),
  studentName: z.string(),
  grade: z.number().int(),
  classNo: z.number().int(),
  offerings: z.array(z.string()),
  agreement: agreementView,
  signedName: z.string(),
  signedAt: z.string(),
  signedByName: z.string(),
  status: z.enum(applicationStatuses),
});

export const consentInput = z.object({ granted: z.boolean() });
export const consentView = z.object({
  state: consentState,
  decidedAt: z.string().nullable(),
  history: z.array(z.object({ granted: z.boolean(), decidedAt: z.string(), decidedByName: z.string() })),
});

// ---- published list (ENR-8) ----

export const publishedList = z.object({
  termName: z.string(),
  publishedAt: z.string(),
  total: z.number().int(),
  byClass: z.array(
    z.object({ grade: z.number().int(), classNo: z.number().int(), names: z.array(z.string()) }),
  ),
  byOffering: z.array(
    z.object({
      offeringId: z.string(),
      offeringName: z.string(),
      sessionName: z.string(),
      names: z.array(z.string()),
    }),
  ),
});

export const publishResult = z.object({ publishedAt: z.string(), enrolled: z.number().int() });

// ---- withdrawal request (ENR-6) ----

export const withdrawalInput = z.object({
  lineId: id.optional(),
  reason: reason.min(1),
  effectiveOn: date,
});

export const withdrawalListQuery = z.object({
  status: z.enum(withdrawalStatuses).optional(),
  termId: id.optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const withdrawalRow = withdrawalView.extend({
  publicRef: z.string(),
  studentName: z.string(),
  grade: z.number().int(),
  classNo: z.number().int(),
});
export const withdrawalList = z.object({ items: z.array(withdrawalRow), total: z.number().int() });

export type ApplicationView = z.infer<typeof applicationView>;
export type ApplicationLineView = z.infer<typeof applicationLineView>;
export type ApplicationRow = z.infer<typeof applicationRow>;
export type WithdrawalView = z.infer<typeof withdrawalView>;
export type ConsentState = z.infer<typeof consentState>;
export type BatchResult = z.infer<typeof batchResult>;
