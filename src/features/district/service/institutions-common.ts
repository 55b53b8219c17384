// Steps the institution use cases share (DIST-2): the district-wide authorisation, the district's
// audit stamp, loading an institution of the district and its list summary.
import type { DialectName } from '../../../db/dialect';
import { auditor } from '../../../server/auth/access';
import { type Action, type Actor, authorize, scopeFor } from '../../../server/auth/policies';
import type { AppContext, Executor, RequestMeta } from '../../../server/context';
import { AppError } from '../../../server/errors';
import { localDate } from '../../programme/time';
import type { CourseView, InstitutionSummary } from '../institutions-contract';
import type { CourseStatus, InstitutionKind, InstitutionStatus } from '../institutions-rules';
import { meanScore } from '../institutions-rules';
import * as store from '../institutions-store';

/** The district's day (schools of a district share its time zone). */
export const districtToday = (ctx: AppContext) => localDate(ctx.now().toISOString(), 'Asia/Shanghai');

/**
 * A district-wide grant only: the reference names no school, so school grants do not match. A
 * school's staff of the same district are refused (403); anyone else finds nothing (404).
 */
export function authorizeDistrict(actor: Actor, districtId: string, action: Action): void {
  const ref = { id: '', districtId };
  if (scopeFor(actor, action, ref) === 'absent' && actor.grants.some((g) => g.districtId === districtId))
    throw new AppError('FORBIDDEN');
  authorize(actor, action, ref);
}

export function districtAudit(ctx: AppContext, actor: Actor, meta: RequestMeta, districtId: string) {
  const entry = auditor(ctx, actor, meta, null);
  return (...args: Parameters<typeof entry>) => ({ ...entry(...args), districtId });
}

/** An institution of the district, NOT_FOUND otherwise; `lock` (the dialect) locks its row. */
export async function loadInstitution(db: Executor, districtId: string, id: string, lock?: DialectName) {
  const row = lock
    ? await store.lockInstitution(db, lock, districtId, id)
    : await store.findInstitution(db, districtId, id);
  if (!row) throw new AppError('NOT_FOUND');
  return { ...row, kind: row.kind as InstitutionKind, status: row.status as InstitutionStatus };
}
export type InstitutionRow = Awaited<ReturnType<typeof loadInstitution>>;

/** Courses with how often each was booked. */
export async function courseViews(db: Executor, institutionIds: string[], activeOnly = false) {
  const courses = await store.coursesOf(db, institutionIds, activeOnly);
  const counts = await store.bookingCountsByCourse(
    db,
    courses.map((c) => c.id),
  );
  return courses.map(
    (c): CourseView => ({
      ...c,
      kind: c.kind as InstitutionKind,
      status: c.status as CourseStatus,
      bookingCount: counts.get(c.id) ?? 0,
    }),
  );
}

/** The list's figures: mean score, counts of evaluations, complaints, courses and bookings. */
export async function summaries(db: Executor, rows: InstitutionRow[]): Promise<InstitutionSummary[]> {
  const ids = rows.map((r) => r.id);
  const [scores, complaints, bookings, courses] = await Promise.all([
    store.scoresOf(db, ids),
    store.complaintCounts(db, ids),
    store.activeBookingCounts(db, ids),
    store.coursesOf(db, ids, true),
  ]);
  return rows.map((r) => {
    const mine = scores.filter((s) => s.institutionId === r.id).map((s) => Number(s.score));
    const c = complaints.filter((x) => x.institutionId === r.id);
    return {
      ...r,
      meanScore: meanScore(mine),
      evaluationCount: mine.length,
      complaintCount: c.reduce((a, x) => a + Number(x.n), 0),
      openComplaintCount: c.filter((x) => x.status === 'open').reduce((a, x) => a + Number(x.n), 0),
      activeCourseCount: courses.filter((x) => x.institutionId === r.id).length,
      activeBookingCount: Number(bookings.find((x) => x.institutionId === r.id)?.n ?? 0),
    };
  });
}
