// Approved outside institutions (DIST-2), the pure rules: the reasons a status change needs, a
// course's price under the district's cap for special activities (FEE-3), who may book what, and
// the public mean score. No I/O, no clock.
//
// Glossary: 非学科类校外培训机构 non-subject outside institution · 准入 approval · 暂停 suspension ·
// 清退 removal · 课时单价 price per class-hour · 评价 evaluation · 投诉 complaint ·
// 服务水平低下 low quality · 恶意招揽生源 touting · 不按规定提供服务 not as agreed ·
// 扰乱教学秩序 disrupting school.
import { AppError } from '../../server/errors';
import { formatYuan } from '../billing/money';
import type { Cap } from '../billing/rules';
import { clubCategories } from '../programme/kinds';
import { subjectTutoringWordIn } from '../programme/rules';

/** Non-subject kinds only (the club categories); subject tutoring bodies cannot be listed. */
export const institutionKinds = clubCategories;
export type InstitutionKind = (typeof institutionKinds)[number];

export const institutionStatuses = ['applied', 'approved', 'suspended', 'removed'] as const;
export type InstitutionStatus = (typeof institutionStatuses)[number];
export const institutionEvents = ['approve', 'suspend', 'reinstate', 'remove'] as const;
export type InstitutionEvent = (typeof institutionEvents)[number];

/** The district selects, evaluates and removes poor institutions (DIST-2); removal is final. */
export const institutionTransitions: Record<
  InstitutionStatus,
  Partial<Record<InstitutionEvent, InstitutionStatus>>
> = {
  applied: { approve: 'approved', remove: 'removed' },
  approved: { suspend: 'suspended', remove: 'removed' },
  suspended: { reinstate: 'approved', remove: 'removed' },
  removed: {},
};

export function institutionTransition(from: InstitutionStatus, event: InstitutionEvent): InstitutionStatus {
  const to = institutionTransitions[from][event];
  if (!to) throw new AppError('INVALID_TRANSITION', { from, event });
  return to;
}

/** rule DIST-2, PROG-5: a subject-tutoring body (its name announces it) is not listed. */
export function checkInstitutionName(name: string): void {
  const word = subjectTutoringWordIn(name);
  if (word) throw new AppError('SUBJECT_TEACHING_FORBIDDEN', { what: name }, { word });
}

/** DIST-2: why the district removes an institution; a school's complaint names one of them too. */
export const removalReasons = ['low_quality', 'touting', 'not_as_agreed', 'disrupting', 'other'] as const;
export type RemovalReason = (typeof removalReasons)[number];
export const complaintCategories = removalReasons;
export type ComplaintCategory = RemovalReason;

export const courseStatuses = ['active', 'retired'] as const;
export type CourseStatus = (typeof courseStatuses)[number];
export const bookingStatuses = ['active', 'ended'] as const;
export type BookingStatus = (typeof bookingStatuses)[number];
export const complaintStatuses = ['open', 'handled'] as const;
export type ComplaintStatus = (typeof complaintStatuses)[number];

/**
 * Every change records why: a removal names a DIST-2 reason (with words when it is 'other'), a
 * suspension says why in words; approving and reinstating may add a note. A reason code belongs to
 * a removal only.
 */
export function checkTransitionReason(
  event: InstitutionEvent,
  reason: RemovalReason | null | undefined,
  note: string,
): void {
  const words = note.trim();
  if (event === 'remove') {
    if (!reason) throw new AppError('INSTITUTION_REASON_REQUIRED', { event });
    if (reason === 'other' && !words) throw new AppError('INSTITUTION_REASON_REQUIRED', { event });
    return;
  }
  if (reason) throw new AppError('INSTITUTION_REASON_ONLY_FOR_REMOVAL');
  if (event === 'suspend' && !words) throw new AppError('INSTITUTION_REASON_REQUIRED', { event });
}

/** Suspension and removal stop the institution's bookings from that day (DIST-2). */
export const endsBookings = (to: InstitutionStatus): boolean => to === 'suspended' || to === 'removed';

/**
 * A course as the district registers it: non-subject (its name announces no subject tutoring) and
 * priced within the district's cap for special activities (FEE-3); with no cap, any price stands.
 */
export function checkCourse(course: { name: string; priceFen: number }, cap: Cap | null): void {
  const word = subjectTutoringWordIn(course.name);
  if (word) throw new AppError('SUBJECT_TEACHING_FORBIDDEN', { what: course.name }, { word });
  if (cap && course.priceFen > cap.maxFen)
    throw new AppError('INSTITUTION_PRICE_OVER_CAP', {
      price: formatYuan(course.priceFen),
      cap: formatYuan(cap.maxFen),
      document: cap.documentNo || '—',
    });
}

/**
 * A school books a course: the school admits paid outside bodies (STAFF-6), the institution is on
 * the approved list and the course is still offered (DIST-2).
 */
export function checkBookable(
  institution: { name: string; status: InstitutionStatus },
  course: { name: string; status: CourseStatus },
  allowPaidOutsideBodies: boolean,
): void {
  if (!allowPaidOutsideBodies) throw new AppError('OUTSIDE_PAID_BODIES_FORBIDDEN');
  if (institution.status !== 'approved')
    throw new AppError('INSTITUTION_NOT_APPROVED', { name: institution.name, status: institution.status });
  if (course.status !== 'active') throw new AppError('INSTITUTION_COURSE_RETIRED', { name: course.name });
}

/** The public mean score to one decimal, or null before any evaluation. */
export function meanScore(scores: number[]): number | null {
  if (scores.length === 0) return null;
  const sum = scores.reduce((a, b) => a + b, 0);
  return Math.round((sum * 10) / scores.length) / 10;
}

/** The schools to tell when an institution stops: those with active bookings or its approved staff. */
export function affectedSchools(bookingSchools: string[], staffSchools: string[]): string[] {
  return [...new Set([...bookingSchools, ...staffSchools])].sort();
}
