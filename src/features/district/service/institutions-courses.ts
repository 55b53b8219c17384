// DIST-2: the district registers an institution (applied) with its courses and prices, adds
// courses and retires them. A course is never edited in place: once booked its price is what the
// school agreed to, so a change is a retirement and a new course. Prices stay within the
// district's cap for special activities (FEE-3; FEE-3's default when the district set none).
import type { z } from 'zod';
import type { Actor } from '../../../server/auth/policies';
import { type AppContext, type Executor, newId, type RequestMeta } from '../../../server/context';
import { AppError } from '../../../server/errors';
import { writeAudit } from '../../audit/store';
import { capsOf } from '../../billing/caps-store';
import type { CourseView, courseInput, InstitutionSummary, institutionInput } from '../institutions-contract';
import { checkCourse, checkInstitutionName } from '../institutions-rules';
import * as store from '../institutions-store';
import {
  authorizeDistrict,
  courseViews,
  districtAudit,
  loadInstitution,
  summaries,
} from './institutions-common';

async function addCourses(
  trx: Executor,
  actor: Actor,
  districtId: string,
  institutionId: string,
  courses: z.infer<typeof courseInput>[],
  at: string,
) {
  const cap = (await capsOf(trx, districtId)).special_hour;
  const rows = courses.map((c) => {
    checkCourse(c, cap);
    return {
      id: newId(),
      institution_id: institutionId,
      name: c.name,
      kind: c.kind,
      price_fen: c.priceFen,
      description: c.description,
      status: 'active',
      created_by: actor.userId,
      created_at: at,
      retired_at: null,
    };
  });
  for (const row of rows) await store.insertCourse(trx, row);
  return rows;
}

export async function registerInstitution(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  districtId: string,
  input: z.infer<typeof institutionInput>,
): Promise<InstitutionSummary> {
  authorizeDistrict(actor, districtId, 'institution.write');
  // rule DIST-2, PROG-5: subject tutoring bodies are not listed.
  checkInstitutionName(input.name);
  return ctx.db.transaction().execute(async (trx) => {
    if (await store.institutionNameTaken(trx, districtId, input.name))
      throw new AppError('INSTITUTION_NAME_TAKEN', { name: input.name });
    const at = ctx.now().toISOString();
    const row = {
      id: newId(),
      district_id: districtId,
      name: input.name,
      kind: input.kind,
      status: 'applied',
      created_at: at,
      updated_at: at,
    };
    await store.insertInstitution(trx, row);
    const courses = await addCourses(trx, actor, districtId, row.id, input.courses, at);
    await store.insertTransition(trx, {
      id: newId(),
      institution_id: row.id,
      from_status: null,
      to_status: 'applied',
      event: 'register',
      reason: null,
      note: '',
      by_user_id: actor.userId,
      at,
    });
    await writeAudit(
      trx,
      districtAudit(ctx, actor, meta, districtId)('institution.register', 'institution', row.id, null, {
        name: row.name,
        kind: row.kind,
        status: row.status,
        courses: courses.map((c) => ({ id: c.id, name: c.name, priceFen: c.price_fen })),
      }),
    );
    const [summary] = await summaries(trx, [await loadInstitution(trx, districtId, row.id)]);
    return summary!;
  });
}

export async function addInstitutionCourse(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  districtId: string,
  institutionId: string,
  input: z.infer<typeof courseInput>,
): Promise<CourseView> {
  authorizeDistrict(actor, districtId, 'institution.write');
  return ctx.db.transaction().execute(async (trx) => {
    const institution = await loadInstitution(trx, districtId, institutionId);
    if (institution.status === 'removed')
      throw new AppError('INVALID_TRANSITION', { from: institution.status, event: 'addCourse' });
    const at = ctx.now().toISOString();
    const [row] = await addCourses(trx, actor, districtId, institution.id, [input], at);
    await writeAudit(
      trx,
      districtAudit(ctx, actor, meta, districtId)(
        'institution.course.add',
        'institution_course',
        row!.id,
        null,
        {
          institutionId: institution.id,
          name: row!.name,
          kind: row!.kind,
          priceFen: row!.price_fen,
        },
      ),
    );
    return (await courseViews(trx, [institution.id])).find((c) => c.id === row!.id)!;
  });
}

export async function retireInstitutionCourse(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  districtId: string,
  institutionId: string,
  courseId: string,
): Promise<CourseView> {
  authorizeDistrict(actor, districtId, 'institution.write');
  return ctx.db.transaction().execute(async (trx) => {
    const institution = await loadInstitution(trx, districtId, institutionId);
    const course = await store.findCourse(trx, institution.id, courseId);
    if (!course) throw new AppError('NOT_FOUND');
    if (course.status !== 'active')
      throw new AppError('INVALID_TRANSITION', { from: course.status, event: 'retire' });
    const at = ctx.now().toISOString();
    await store.retireCourse(trx, course.id, at);
    await writeAudit(
      trx,
      districtAudit(ctx, actor, meta, districtId)(
        'institution.course.retire',
        'institution_course',
        course.id,
        { status: course.status },
        { status: 'retired', institutionId: institution.id },
      ),
    );
    return (await courseViews(trx, [institution.id])).find((c) => c.id === course.id)!;
  });
}
