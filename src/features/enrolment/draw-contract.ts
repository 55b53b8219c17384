// Request and response shapes of the draw (ENR-4), the waitlist and withdrawal decisions (ENR-6);
// the web app imports these too.
import { z } from 'zod';
import { drawAlgorithm } from './allocation';
import { applicationStatuses, lineStatuses, withdrawalStatuses } from './rules';

const id = z.string().min(1).max(64);

export const termParams = z.object({ schoolId: id, termId: id });
export const waitlistParams = z.object({ schoolId: id, termId: id, offeringId: id });
export const offerParams = z.object({ schoolId: id, lineId: id });
export const withdrawalParams = z.object({ schoolId: id, withdrawalId: id });

export const publicCandidate = z.object({
  ref: z.string().min(1).max(64),
  tier: z.union([z.literal(0), z.literal(1)]),
  grade: z.number().int().min(1).max(12),
  choice: z.union([z.literal(1), z.literal(2)]),
  group: z.number().int().min(1).max(99),
});

export const publicOffering = z.object({
  offeringId: z.string().min(1).max(64),
  name: z.string().max(200),
  capacity: z.number().int().min(0),
  candidates: z.array(publicCandidate),
  placed: z.array(z.string()),
  waitlist: z.array(z.string()),
});

/** The public list as published (and as `kehou draw verify` reads it). */
export const publicDrawList = z.object({
  algorithm: z.literal(drawAlgorithm),
  termId: z.string(),
  seedHash: z.string(),
  seed: z.string(),
  lowerGradesFirst: z.boolean(),
  offerings: z.array(publicOffering),
});

/** A list to verify: like the published one, but an unknown algorithm is a finding, not a parse error. */
export const listToVerify = publicDrawList.extend({ algorithm: z.string() });

export const drawStatuses = ['not_committed', 'committed', 'drawn'] as const;

export const drawView = z.object({
  termId: z.string(),
  termName: z.string(),
  windowClosesAt: z.string(),
  status: z.enum(drawStatuses),
  seedCommittedAt: z.string().nullable(),
  /** The commitment: shown to everyone once the window has closed, to the school at once. */
  seedHash: z.string().nullable(),
  drawnAt: z.string().nullable(),
  seedRevealedAt: z.string().nullable(),
  /** Revealed after the draw, so anyone can re-run it. */
  seed: z.string().nullable(),
  list: publicDrawList.nullable(),
  /** For the school before the draw: how many applications are still undecided and approved. */
  readiness: z.object({ undecided: z.number().int(), approved: z.number().int() }).optional(),
});
export type DrawView = z.infer<typeof drawView>;

export const drawSummary = z.object({
  applications: z.number().int(),
  offered: z.number().int(),
  waitlisted: z.number().int(),
  placedLines: z.number().int(),
  queuedLines: z.number().int(),
  skippedLines: z.number().int(),
});
export type DrawSummary = z.infer<typeof drawSummary>;

export const drawRunView = drawView.extend({ summary: drawSummary });

export const waitlistEntry = z.object({
  lineId: z.string(),
  position: z.number().int(),
  applicationId: z.string(),
  ref: z.string(),
  studentName: z.string(),
  grade: z.number().int(),
  classNo: z.number().int(),
  status: z.enum(lineStatuses),
  offerExpiresAt: z.string().nullable(),
});

export const waitlistView = z.object({
  offering: z.object({
    id: z.string(),
    name: z.string(),
    capacity: z.number().int(),
    /** Lines holding a place (offered or accepted): never above capacity. */
    holding: z.number().int(),
    waiting: z.number().int(),
  }),
  /** Every line that was ever on the waitlist, by position; the status says where it stands now. */
  items: z.array(waitlistEntry),
});

export const offerView = z.object({
  lineId: z.string(),
  applicationId: z.string(),
  offeringId: z.string(),
  offeringName: z.string(),
  status: z.enum(lineStatuses),
  offerExpiresAt: z.string().nullable(),
  applicationStatus: z.enum(applicationStatuses),
});
export type OfferView = z.infer<typeof offerView>;

export const withdrawalDecisionInput = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('approve'), note: z.string().trim().max(500).optional() }),
  // ENR-6: a refusal says why.
  z.object({ decision: z.literal('reject'), note: z.string().trim().min(1).max(500) }),
]);
export type WithdrawalDecisionInput = z.infer<typeof withdrawalDecisionInput>;

export const withdrawalDecisionView = z.object({
  id: z.string(),
  applicationId: z.string(),
  lineId: z.string().nullable(),
  status: z.enum(withdrawalStatuses),
  decidedAt: z.string(),
  decisionNote: z.string().nullable(),
  applicationStatus: z.enum(applicationStatuses),
  /** Lines that left with the withdrawal. */
  withdrawnLines: z.number().int(),
  /** Places offered to the waitlist because of it. */
  offersMade: z.number().int(),
});
export type WithdrawalDecisionView = z.infer<typeof withdrawalDecisionView>;
