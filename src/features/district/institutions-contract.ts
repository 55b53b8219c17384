// Request and response shapes of the district's outside institutions (DIST-2): courses and prices,
// status changes with reasons, the schools' bookings, evaluations and complaints.
import { z } from 'zod';
import { id } from '../people/contract';
import {
  bookingStatuses,
  complaintCategories,
  complaintStatuses,
  courseStatuses,
  institutionEvents,
  institutionKinds,
  institutionStatuses,
  removalReasons,
} from './institutions-rules';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date');
const words = (max: number) => z.string().trim().max(max);

export const districtParams = z.object({ districtId: id });
export const institutionParams = z.object({ districtId: id, institutionId: id });
export const courseParams = institutionParams.extend({ courseId: id });
export const complaintParams = institutionParams.extend({ complaintId: id });
export const schoolParams = z.object({ schoolId: id });
export const schoolInstitutionParams = z.object({ schoolId: id, institutionId: id });

export const courseInput = z.object({
  name: z.string().trim().min(2).max(60),
  kind: z.enum(institutionKinds),
  /** fen per class-hour */
  priceFen: z.number().int().min(0).max(100_000_00),
  description: words(500).default(''),
});

export const institutionInput = z.object({
  name: z.string().trim().min(2).max(60),
  kind: z.enum(institutionKinds),
  courses: z.array(courseInput).max(30).default([]),
});

export const institutionEventInput = z.object({
  event: z.enum(institutionEvents),
  /** DIST-2: a removal names one of these. */
  reason: z.enum(removalReasons).nullable().optional(),
  note: words(500).default(''),
});

export const complaintHandleInput = z.object({ note: z.string().trim().min(1).max(500) });

export const bookingInput = z.object({
  courseId: id,
  termId: id,
  offeringId: id.nullable().default(null),
});

export const evaluationInput = z.object({
  termId: id,
  score: z.number().int().min(1).max(5),
  comment: words(500).default(''),
});

export const complaintInput = z.object({
  category: z.enum(complaintCategories),
  description: z.string().trim().min(2).max(1000),
  occurredOn: date,
});

export const courseView = z.object({
  id: z.string(),
  institutionId: z.string(),
  name: z.string(),
  kind: z.enum(institutionKinds),
  priceFen: z.number(),
  description: z.string(),
  status: z.enum(courseStatuses),
  createdAt: z.string(),
  retiredAt: z.string().nullable(),
  bookingCount: z.number(),
});
export type CourseView = z.infer<typeof courseView>;

export const institutionSummary = z.object({
  id: z.string(),
  districtId: z.string(),
  name: z.string(),
  kind: z.enum(institutionKinds),
  status: z.enum(institutionStatuses),
  createdAt: z.string(),
  updatedAt: z.string(),
  meanScore: z.number().nullable(),
  evaluationCount: z.number(),
  complaintCount: z.number(),
  openComplaintCount: z.number(),
  activeCourseCount: z.number(),
  activeBookingCount: z.number(),
});
export type InstitutionSummary = z.infer<typeof institutionSummary>;
export const institutionSummaryList = z.object({ items: z.array(institutionSummary) });
export const institutionListQuery = z.object({ status: z.enum(institutionStatuses).optional() });

export const transitionView = z.object({
  id: z.string(),
  fromStatus: z.enum(institutionStatuses).nullable(),
  toStatus: z.enum(institutionStatuses),
  event: z.string(),
  reason: z.enum(removalReasons).nullable(),
  note: z.string(),
  byName: z.string(),
  at: z.string(),
});

export const evaluationView = z.object({
  id: z.string(),
  institutionId: z.string(),
  schoolId: z.string(),
  schoolName: z.string(),
  termId: z.string(),
  termName: z.string(),
  score: z.number(),
  comment: z.string(),
  createdAt: z.string(),
});

export const complaintView = z.object({
  id: z.string(),
  institutionId: z.string(),
  schoolId: z.string(),
  schoolName: z.string(),
  category: z.enum(complaintCategories),
  description: z.string(),
  occurredOn: z.string(),
  status: z.enum(complaintStatuses),
  handledNote: z.string().nullable(),
  handledAt: z.string().nullable(),
  createdAt: z.string(),
});
export type ComplaintView = z.infer<typeof complaintView>;

export const institutionDetail = institutionSummary.extend({
  courses: z.array(courseView),
  transitions: z.array(transitionView),
  evaluations: z.array(evaluationView),
  complaints: z.array(complaintView),
});
export type InstitutionDetail = z.infer<typeof institutionDetail>;

export const bookingView = z.object({
  id: z.string(),
  institutionId: z.string(),
  institutionName: z.string(),
  institutionStatus: z.enum(institutionStatuses),
  courseId: z.string(),
  courseName: z.string(),
  schoolId: z.string(),
  termId: z.string(),
  termName: z.string(),
  offeringId: z.string().nullable(),
  offeringName: z.string().nullable(),
  priceFen: z.number(),
  status: z.enum(bookingStatuses),
  endsOn: z.string().nullable(),
  endReason: z.string().nullable(),
  createdAt: z.string(),
});
export type BookingView = z.infer<typeof bookingView>;
export const bookingList = z.object({ items: z.array(bookingView) });

/** What a school sees of an approved institution: its courses and the public mean score. */
export const catalogueItem = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(institutionKinds),
  status: z.enum(institutionStatuses),
  meanScore: z.number().nullable(),
  evaluationCount: z.number(),
  courses: z.array(courseView),
});
export type CatalogueItem = z.infer<typeof catalogueItem>;
export const catalogue = z.object({ items: z.array(catalogueItem) });

/** A school's own evaluations and complaints (never another school's). */
export const schoolFeedback = z.object({
  evaluations: z.array(evaluationView),
  complaints: z.array(complaintView),
});
export type SchoolFeedback = z.infer<typeof schoolFeedback>;
