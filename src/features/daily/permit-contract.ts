// Request and response shapes of the walk-home-alone permit (独自回家证, DAY-5).
import { z } from 'zod';
import { id } from '../people/contract';

export const permitParams = z.object({ schoolId: id, permitId: id });
export const permitSignInput = z.object({
  termId: id,
  weekdays: z
    .array(z.number().int().min(1).max(7))
    .min(1)
    .max(7)
    .refine((w) => new Set(w).size === w.length, 'weekdays'),
  note: z.string().trim().max(300).default(''),
  /** The parent types their name as the signature, as with the agreement (ENR-2). */
  signedName: z.string().trim().min(1).max(30),
});
export const permitListQuery = z.object({ studentId: id.optional(), termId: id.optional() });
export const permitStates = ['valid', 'revoked', 'expired', 'not_started', 'not_today'] as const;

export const permitView = z.object({
  id: z.string(),
  studentId: z.string(),
  studentName: z.string(),
  className: z.string(),
  termId: z.string(),
  termName: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  weekdays: z.array(z.number()),
  note: z.string(),
  signedName: z.string(),
  signedAt: z.string(),
  revokedAt: z.string().nullable(),
  state: z.enum(permitStates),
});
export type PermitView = z.infer<typeof permitView>;
export const permitList = z.object({ items: z.array(permitView) });
/** The printable card: the permit and its QR (the token, for the gate to scan). */
export const permitCard = permitView.extend({
  schoolName: z.string(),
  qrDataUrl: z.string(),
  token: z.string(),
});
export const permitCheckQuery = z.object({ token: z.string().trim().min(8).max(200) });
export const permitCheckView = z.object({
  state: z.enum(permitStates),
  studentName: z.string(),
  className: z.string(),
  termName: z.string(),
  weekdays: z.array(z.number()),
  endsOn: z.string(),
});
