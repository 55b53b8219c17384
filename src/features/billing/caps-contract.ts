// Request and response shapes of the district's fee caps (FEE-3, DIST-3).
import { z } from 'zod';
import { id } from '../people/contract';
import { capKinds } from './rules';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const fen = z.number().int().min(0).max(1_000_000);

export const districtParams = z.object({ districtId: id });
export const districtCapParams = z.object({ districtId: id, kind: z.enum(capKinds) });
export const schoolParams = z.object({ schoolId: id });

/** One cap as set by the district: the range in fen and the approving document (DIST-3). */
export const capInput = z
  .object({
    minFen: fen.nullable().default(null),
    maxFen: fen.refine((v) => v > 0, 'positive'),
    documentNo: z.string().trim().min(1).max(60),
    approvedOn: date,
  })
  .refine((c) => c.minFen === null || c.minFen <= c.maxFen, { message: 'minFen', path: ['minFen'] });

export const capView = z.object({
  kind: z.enum(capKinds),
  minFen: z.number().int().nullable(),
  maxFen: z.number().int(),
  documentNo: z.string(),
  approvedOn: z.string().nullable(),
  /** True while the district has recorded none and FEE-3's default applies. */
  isDefault: z.boolean(),
  updatedAt: z.string().nullable(),
});
export type CapView = z.infer<typeof capView>;

export const capList = z.object({ districtId: z.string(), items: z.array(capView) });
export type CapList = z.infer<typeof capList>;
