// Request and response shapes of outside staff (STAFF-6) and the district's institutions (DIST-2).
import { z } from 'zod';
import { institutionKinds, institutionStatuses } from '../district/institutions-rules';
import { id, personName, phone } from '../people/contract';
import { checkKinds, outsideKinds, outsideStatuses } from './outside-rules';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const note = z.string().trim().max(300);

export const outsideParams = z.object({ schoolId: id, outsideStaffId: id });
export const outsideSchoolParams = z.object({ schoolId: id });

/** Mainland resident identity number: 17 digits and a digit or X. */
export const idNumber = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^\d{17}[\dX]$/, 'idNumber');

export const outsideInput = z.object({
  name: personName,
  kind: z.enum(outsideKinds),
  phone,
  idNumber,
  institutionId: id.nullable().default(null),
  /** The account (with the outside_staff role here) the person signs in with, if any yet. */
  userId: id.nullable().default(null),
});

export const outsideAccountInput = z.object({ userId: id.nullable() });

export const checkInput = z.object({
  kind: z.enum(checkKinds),
  passed: z.boolean(),
  note: note.default(''),
  checkedOn: date,
  validUntil: date.nullable().default(null),
});

/** `lapse` is the system's own move (a failed or expired check); people fire the others. */
export const outsideEventInput = z.object({
  event: z.enum(['review', 'approve', 'reject', 'suspend', 'reinstate', 'reopen']),
  note: note.default(''),
});

export const checkView = z.object({
  kind: z.enum(checkKinds),
  state: z.enum(['passed', 'failed', 'expired', 'missing']),
  note: z.string().nullable(),
  checkedOn: z.string().nullable(),
  validUntil: z.string().nullable(),
  recordedAt: z.string().nullable(),
});

export const outsideItem = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(outsideKinds),
  status: z.enum(outsideStatuses),
  institutionName: z.string().nullable(),
  /** Whether the roster may name this person now (STAFF-6, DIST-2). */
  rosterable: z.boolean(),
  // What follows is for the school only; a guard sees name, kind and status.
  institutionId: z.string().nullable().optional(),
  userId: z.string().nullable().optional(),
  phoneMasked: z.string().optional(),
  idNumberMasked: z.string().optional(),
  checks: z.array(checkView).optional(),
  outstanding: z.array(z.enum(checkKinds)).optional(),
});
export type OutsideItem = z.infer<typeof outsideItem>;

export const outsideList = z.object({ items: z.array(outsideItem) });

export const outsideDetail = outsideItem.extend({
  history: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(checkKinds),
      passed: z.boolean(),
      note: z.string(),
      checkedOn: z.string().nullable(),
      validUntil: z.string().nullable(),
      recordedAt: z.string(),
    }),
  ),
});
export type OutsideDetail = z.infer<typeof outsideDetail>;

export const idNumberView = z.object({ idNumber: z.string(), phone: z.string() });

// ---- DIST-2: the approved list as a school reads it (the district's side: district/institutions-*) ----

export const institutionView = z.object({
  id: z.string(),
  districtId: z.string(),
  name: z.string(),
  kind: z.enum(institutionKinds),
  status: z.enum(institutionStatuses),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type InstitutionView = z.infer<typeof institutionView>;

export const institutionList = z.object({ items: z.array(institutionView) });
