// DIST-2 reads. The district sees its list with mean scores and complaint counts, and each
// institution in full (courses, status changes with reasons, every school's evaluations and
// complaints). A school sees the approved institutions with their active courses and the public
// mean score, and only its own evaluations and complaints.
import type { z } from 'zod';
import { accessSchool } from '../../../server/auth/access';
import type { Actor } from '../../../server/auth/policies';
import type { AppContext } from '../../../server/context';
import { AppError } from '../../../server/errors';
import type {
  ComplaintView,
  catalogue,
  InstitutionDetail,
  InstitutionSummary,
  SchoolFeedback,
} from '../institutions-contract';
import type { InstitutionStatus, RemovalReason } from '../institutions-rules';
import * as store from '../institutions-store';
import { authorizeDistrict, courseViews, loadInstitution, summaries } from './institutions-common';

export async function listDistrictInstitutions(
  ctx: AppContext,
  actor: Actor,
  districtId: string,
  status?: InstitutionStatus,
): Promise<{ items: InstitutionSummary[] }> {
  authorizeDistrict(actor, districtId, 'institution.read');
  const rows = await store.listInstitutions(ctx.db, districtId, status);
  return {
    items: await summaries(
      ctx.db,
      rows.map((r) => ({
        ...r,
        kind: r.kind as InstitutionSummary['kind'],
        status: r.status as InstitutionStatus,
      })),
    ),
  };
}

export async function getDistrictInstitution(
  ctx: AppContext,
  actor: Actor,
  districtId: string,
  institutionId: string,
): Promise<InstitutionDetail> {
  authorizeDistrict(actor, districtId, 'institution.read');
  const row = await loadInstitution(ctx.db, districtId, institutionId);
  const [summary] = await summaries(ctx.db, [row]);
  const [courses, transitions, evaluations, complaints] = await Promise.all([
    courseViews(ctx.db, [row.id]),
    store.transitionsOf(ctx.db, row.id),
    store.evaluationsOf(ctx.db, row.id),
    store.complaintsOf(ctx.db, row.id),
  ]);
  return {
    ...summary!,
    courses,
    transitions: transitions.map((t) => ({
      ...t,
      fromStatus: t.fromStatus as InstitutionStatus | null,
      toStatus: t.toStatus as InstitutionStatus,
      reason: t.reason as RemovalReason | null,
    })),
    evaluations,
    complaints: complaints as ComplaintView[],
  };
}

/** The school's view of the list: approved institutions, their active courses, the mean score. */
export async function listInstitutionCatalogue(
  ctx: AppContext,
  actor: Actor,
  schoolId: string,
): Promise<z.infer<typeof catalogue>> {
  const { school } = await accessSchool(ctx.db, actor, schoolId, 'institution.read');
  const rows = (await store.listInstitutions(ctx.db, school.districtId, 'approved')).map((r) => ({
    ...r,
    kind: r.kind as InstitutionSummary['kind'],
    status: r.status as InstitutionStatus,
  }));
  const [figures, courses] = await Promise.all([
    summaries(ctx.db, rows),
    courseViews(
      ctx.db,
      rows.map((r) => r.id),
      true,
    ),
  ]);
  return {
    items: figures.map((f) => ({
      id: f.id,
      name: f.name,
      kind: f.kind,
      status: f.status,
      meanScore: f.meanScore,
      evaluationCount: f.evaluationCount,
      // a school sees the price, not how often others booked
      courses: courses.filter((c) => c.institutionId === f.id).map((c) => ({ ...c, bookingCount: 0 })),
    })),
  };
}

/** A school's own evaluations of and complaints about one institution. */
export async function getSchoolFeedback(
  ctx: AppContext,
  actor: Actor,
  schoolId: string,
  institutionId: string,
): Promise<SchoolFeedback> {
  const { school } = await accessSchool(ctx.db, actor, schoolId, 'institution.read');
  const row = await store.findInstitution(ctx.db, school.districtId, institutionId);
  if (!row) throw new AppError('NOT_FOUND');
  const [evaluations, complaints] = await Promise.all([
    store.evaluationsOf(ctx.db, row.id, school.id),
    store.complaintsOf(ctx.db, row.id, school.id),
  ]);
  return { evaluations, complaints: complaints as ComplaintView[] };
}
