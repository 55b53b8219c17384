// Request and response shapes of safe pickup (DAY-4); the web app imports these too.
import { z } from 'zod';
import { id } from '../people/contract';
import { pickupCodePattern, releaseMethods, releaseStatuses } from './pickup-rules';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const pickupSchoolParams = z.object({ schoolId: id });
export const pickupStudentParams = z.object({ schoolId: id, studentId: id });
export const pickupAdultParams = z.object({ schoolId: id, studentId: id, adultId: id });
export const pickupClassParams = z.object({ schoolId: id, tempClassId: id });
export const releaseParams = z.object({ schoolId: id, releaseId: id });
export const pickupDateQuery = z.object({ date: date.optional() });

// ---- the family's codes (never in a staff response) ----

export const familyAdultView = z.object({
  id: z.string(),
  name: z.string(),
  relation: z.string(),
  revokedAt: z.string().nullable(),
  code: z.string().nullable(),
  /** `KH1:<adultId>:<code>` as an SVG data URL, for the adult to show at the gate. */
  qrDataUrl: z.string().nullable(),
  codeSetAt: z.string().nullable(),
});
export const familyAdultList = z.object({
  student: z.object({ id: z.string(), name: z.string() }),
  adults: z.array(familyAdultView),
});

// ---- the teacher's class list ----

export const myPickupClass = z.object({
  id: z.string(),
  name: z.string(),
  sessionName: z.string(),
  endsAt: z.string(),
  role: z.string(),
});
export const myPickupClasses = z.object({ date: z.string(), classes: z.array(myPickupClass) });

export const pickupChild = z.object({
  studentId: z.string(),
  name: z.string(),
  className: z.string(),
  /** The roll in force: 'present' | 'late' | 'absent' | 'leave', or null without a mark. */
  mark: z.string().nullable(),
  onSite: z.boolean(),
  release: z
    .object({
      id: z.string(),
      method: z.enum(releaseMethods),
      status: z.enum(releaseStatuses),
      adultName: z.string().nullable(),
      releasedAt: z.string(),
    })
    .nullable(),
  /** DAY-4 篇五: the teacher must hand the child over personally. */
  handover: z.object({ note: z.string() }).nullable(),
  /** The authorised adults by name and relation, for the ID check (never their codes). */
  adults: z.array(z.object({ id: z.string(), name: z.string(), relation: z.string() })),
  /** DAY-5: a permit valid today. */
  walkHomeToday: z.boolean(),
});
export const pickupClassView = z.object({
  id: z.string(),
  name: z.string(),
  date: z.string(),
  rollTaken: z.boolean(),
  children: z.array(pickupChild),
});

// ---- the release ----

const releaseCommon = {
  tempClassId: id,
  studentId: id,
  /** Required when the child is flagged for a personal handover: the teacher confirms it. */
  acknowledgeHandover: z.boolean().optional(),
  note: z.string().trim().max(200).default(''),
};
export const releaseInput = z.discriminatedUnion('method', [
  z.object({
    method: z.literal('code'),
    ...releaseCommon,
    /** Typed six digits, or the scanned QR text. */
    code: z.string().trim().regex(pickupCodePattern, 'code').optional(),
    qr: z.string().trim().min(1).max(120).optional(),
  }),
  z.object({
    method: z.literal('id_check'),
    ...releaseCommon,
    adultId: id,
    idLast4: z
      .string()
      .trim()
      .regex(/^[0-9]{3}[0-9Xx]$/, 'idLast4'),
  }),
  z.object({ method: z.literal('walk_home'), ...releaseCommon }),
]);
export type ReleaseInput = z.infer<typeof releaseInput>;

export const releaseView = z.object({
  id: z.string(),
  studentId: z.string(),
  studentName: z.string(),
  date: z.string(),
  tempClassId: z.string(),
  method: z.enum(releaseMethods),
  status: z.enum(releaseStatuses),
  adultName: z.string().nullable(),
  releasedBy: z.string(),
  releasedAt: z.string(),
  confirmedAt: z.string().nullable(),
  handoverFlagged: z.boolean(),
});
export type ReleaseView = z.infer<typeof releaseView>;
export const releaseList = z.object({ items: z.array(releaseView) });

// ---- the school's controls ----

export const handoverFlagInput = z.object({ note: z.string().trim().min(1).max(200) });
export const handoverFlagView = z.object({
  studentId: z.string(),
  note: z.string().nullable(),
  setAt: z.string().nullable(),
});
export const unlockInput = z
  .object({ studentId: id.optional(), teacherId: id.optional() })
  .refine((v) => Boolean(v.studentId) !== Boolean(v.teacherId), {
    message: 'studentId or teacherId, one of them',
    path: ['studentId'],
  });
export const unlockView = z.object({ unlocked: z.literal(true), at: z.string() });
