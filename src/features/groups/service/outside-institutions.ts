// DIST-2 (the minimal district side for now): the district registers non-subject outside
// institutions (非学科类校外培训机构) and moves them through applied → approved → suspended → removed;
// schools read the approved list when registering an institution's staff.
import type { z } from 'zod';
import { accessSchool, auditor } from '../../../server/auth/access';
import { type Actor, authorize } from '../../../server/auth/policies';
import { type AppContext, newId, type RequestMeta } from '../../../server/context';
import { AppError } from '../../../server/errors';
import { writeAudit } from '../../audit/store';
import type {
  InstitutionView,
  institutionEventInput,
  institutionInput,
  institutionList,
} from '../outside-contract';
import {
  checkInstitutionName,
  type InstitutionKind,
  type InstitutionStatus,
  institutionTransition,
} from '../outside-rules';
import * as store from '../outside-store';

type Row = NonNullable<Awaited<ReturnType<typeof store.findInstitution>>>;
const view = (r: Row): InstitutionView => ({
  ...r,
  kind: r.kind as InstitutionKind,
  status: r.status as InstitutionStatus,
});

/** A district-wide grant only: the reference names no school, so school grants do not match. */
const district = (actor: Actor, districtId: string, action: 'institution.read' | 'institution.write') =>
  authorize(actor, action, { id: '', districtId });

function districtAudit(ctx: AppContext, actor: Actor, meta: RequestMeta, districtId: string) {
  const entry = auditor(ctx, actor, meta, null);
  return (...args: Parameters<typeof entry>) => ({ ...entry(...args), districtId });
}

export async function listDistrictInstitutions(
  ctx: AppContext,
  actor: Actor,
  districtId: string,
  status?: InstitutionStatus,
): Promise<z.infer<typeof institutionList>> {
  district(actor, districtId, 'institution.read');
  return { items: (await store.listInstitutions(ctx.db, districtId, status)).map(view) };
}

export async function registerInstitution(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  districtId: string,
  input: z.infer<typeof institutionInput>,
): Promise<InstitutionView> {
  district(actor, districtId, 'institution.write');
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
    await writeAudit(
      trx,
      districtAudit(ctx, actor, meta, districtId)('institution.register', 'institution', row.id, null, {
        name: row.name,
        kind: row.kind,
        status: row.status,
      }),
    );
    return view((await store.findInstitution(trx, districtId, row.id))!);
  });
}

export async function moveInstitution(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  districtId: string,
  institutionId: string,
  input: z.infer<typeof institutionEventInput>,
): Promise<InstitutionView> {
  district(actor, districtId, 'institution.write');
  return ctx.db.transaction().execute(async (trx) => {
    const row = await store.findInstitution(trx, districtId, institutionId);
    if (!row) throw new AppError('NOT_FOUND');
    const to = institutionTransition(row.status as InstitutionStatus, input.event);
    await store.updateInstitution(trx, row.id, { status: to, updated_at: ctx.now().toISOString() });
    await writeAudit(
      trx,
      districtAudit(ctx, actor, meta, districtId)(
        `institution.${input.event}`,
        'institution',
        row.id,
        { status: row.status },
        {
          status: to,
          note: input.note,
        },
      ),
    );
    return view((await store.findInstitution(trx, districtId, row.id))!);
  });
}

/** The school's view: the approved institutions of its district. */
export async function listApprovedInstitutions(
  ctx: AppContext,
  actor: Actor,
  schoolId: string,
): Promise<z.infer<typeof institutionList>> {
  const { school } = await accessSchool(ctx.db, actor, schoolId, 'institution.read');
  return { items: (await store.listInstitutions(ctx.db, school.districtId, 'approved')).map(view) };
}
