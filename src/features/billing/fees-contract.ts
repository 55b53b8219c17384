// Request and response shapes of the fee standards (FEE-3): each offering's fee, checked against
// the district's caps.
import { z } from 'zod';
import { id } from '../people/contract';
import { feeBases, offeringKinds, sessionKinds } from '../programme/kinds';
import { capView } from './caps-contract';
import { capKinds } from './rules';

export const termParams = z.object({ schoolId: id, termId: id });
export const offeringFeeParams = z.object({ schoolId: id, termId: id, offeringId: id });

/** An offering's fee in fen: monthly flat or per class-hour. Yuan strings are the web app's. */
export const feeInput = z.object({
  feeBasis: z.enum(feeBases),
  feeFen: z.number().int().min(1).max(10_000_000),
});

export const feeStandard = z.object({
  offeringId: z.string(),
  name: z.string(),
  kind: z.enum(offeringKinds),
  sessionId: z.string(),
  sessionName: z.string(),
  sessionKind: z.enum(sessionKinds),
  classHours: z.number(),
  feeBasis: z.enum(feeBases).nullable(),
  feeFen: z.number().int().nullable(),
  /** The cap that applies to each basis, so an edit can show the one it will be checked against. */
  capKinds: z.object({ month: z.enum(capKinds), class_hour: z.enum(capKinds) }),
  /** Whether the fee set now is within its cap (a cap lowered later may leave one over). */
  withinCap: z.boolean().nullable(),
  updatedAt: z.string(),
});
export type FeeStandard = z.infer<typeof feeStandard>;

export const feeStandardList = z.object({
  termId: z.string(),
  items: z.array(feeStandard),
  caps: z.array(capView),
});
export type FeeStandardList = z.infer<typeof feeStandardList>;
