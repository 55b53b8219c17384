// Request and response shapes of temporary classes (临时班, STAFF-1…3); the web app imports these.
import { z } from 'zod';
import { id } from '../people/contract';
import { tempClassKinds } from './rules';

export const termParams = z.object({ schoolId: id, termId: id });
export const classParams = z.object({ schoolId: id, classId: id });
export const offeringParams = z.object({ schoolId: id, termId: id, offeringId: id });
export const studentParams = z.object({ schoolId: id, studentId: id });

export const generateInput = z.object({
  /** One offering; without it, every offering of the term that has enrolled students. */
  offeringId: id.optional(),
});

export const offeringResult = z.object({
  offeringId: id,
  offeringName: z.string(),
  classes: z.number().int(),
  students: z.number().int(),
  /** Classes the generator could not give a free venue (the admin chooses one). */
  withoutVenue: z.number().int(),
});
export const generateResult = z.object({ offerings: z.array(offeringResult) });

export const placeResult = z.object({
  placed: z.number().int(),
  /** Members no longer enrolled, whose membership was ended. */
  left: z.number().int(),
  /** Classes added because no existing class had room. */
  classesAdded: z.number().int(),
});

export const offeringSummary = z.object({
  id,
  name: z.string(),
  kind: z.enum(tempClassKinds),
  sessionId: id,
  sessionName: z.string(),
  venueName: z.string().nullable(),
  cap: z.number().int(),
  enrolled: z.number().int(),
  placed: z.number().int(),
  classes: z.number().int(),
  /** A roll call exists: regeneration is closed, use "place new students" and moves. */
  rollCallTaken: z.boolean(),
});
export const offeringSummaryList = z.object({ items: z.array(offeringSummary) });

export const classListQuery = z.object({ sessionId: id.optional(), offeringId: id.optional() });
export const exportQuery = z.object({ offeringId: id.optional() });

export const classView = z.object({
  id,
  termId: id,
  name: z.string(),
  kind: z.enum(tempClassKinds),
  offeringId: id,
  offeringName: z.string(),
  sessionId: id,
  sessionName: z.string(),
  venueId: id.nullable(),
  venueName: z.string().nullable(),
  headTeacherId: id.nullable(),
  headTeacherName: z.string().nullable(),
  count: z.number().int(),
  cap: z.number().int(),
});
export const classList = z.object({ items: z.array(classView) });

export const memberView = z.object({
  studentId: id,
  name: z.string(),
  gender: z.string(),
  grade: z.number().int(),
  classNo: z.number().int(),
  studentNo: z.string(),
  seatNo: z.number().int().nullable(),
  joinedAt: z.string(),
});
export const classDetail = z.object({
  class: classView,
  members: z.array(memberView),
  seatRowWidth: z.number().int(),
  teachers: z.array(z.object({ id, name: z.string() })),
});

export const classUpdate = z
  .object({
    name: z.string().trim().min(1).max(40).optional(),
    venueId: id.nullable().optional(),
    headTeacherId: id.nullable().optional(),
  })
  .refine((v) => v.name !== undefined || v.venueId !== undefined || v.headTeacherId !== undefined, {
    message: 'nothing to change',
  });

export const moveInput = z.object({ studentId: id, toClassId: id });
export const moveResult = z.object({
  studentId: id,
  fromClassId: id,
  toClassId: id,
  toClassName: z.string(),
  seatNo: z.number().int(),
  /** The target class after the move, against its cap. */
  count: z.number().int(),
  cap: z.number().int(),
});
export const seatInput = z.object({ studentId: id, seatNo: z.number().int().min(1).max(200) });

/** What a family sees: the class of their child per offering, nothing about other children. */
export const studentClass = z.object({
  id,
  name: z.string(),
  offeringName: z.string(),
  sessionName: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  venueName: z.string().nullable(),
  headTeacherName: z.string().nullable(),
});
export const studentClassesQuery = z.object({ termId: id });
export const studentClassList = z.object({ items: z.array(studentClass) });

// ---- print views (STAFF-3: 花名册, 座位表, 点名册) ----

export const printQuery = z.object({
  sheet: z.enum(['roster', 'seats', 'roll']),
  /** Roll-call sheet: a month 'YYYY-MM' (default: the term's first), or a week from `from`. */
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
    .optional(),
  from: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
});

export const printView = z.object({
  sheet: z.enum(['roster', 'seats', 'roll']),
  schoolName: z.string(),
  termName: z.string(),
  class: classView,
  sessionTime: z.string(),
  members: z.array(
    memberView.extend({
      /** Masked as 138****1234: enough to recognise, not to call from a lost sheet. */
      guardianPhone: z.string().nullable(),
      row: z.number().int().nullable(),
      col: z.number().int().nullable(),
    }),
  ),
  seatRowWidth: z.number().int(),
  /** Roll-call sheet: the session's school days in the chosen month or week. */
  dates: z.array(z.string()),
});
