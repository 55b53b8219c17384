// Use cases for the fee caps (FEE-3, DIST-3): the district officer reads and sets them, each with
// the approving document; the school's admin and finance read their district's. An offering's fee
// is checked against them wherever it is set (programme offerings and the finance fee route).

import type { z } from 'zod';
import { accessSchool, auditor } from '../../../server/auth/access';
import { type Actor, authorize } from '../../../server/auth/policies';
import type { AppContext, Executor, RequestMeta } from '../../../server/context';
import { AppError } from '../../../server/errors';
import { writeAudit } from '../../audit/store';
import type { FeeBasis, OfferingKind, SessionKind } from '../../programme/kinds';
import type { CapList, capInput } from '../caps-contract';
import { type CapRecord, capsOf, upsertCap } from '../caps-store';
import { type Cap, type CapKind, capKindFor, capKinds, checkFeeUnderCap } from '../rules';

/**
 * DIST-3: caps are the district's. A district-wide grant only; a school's staff of the same district
 * know the district exists, so they are refused (403) rather than told it does not (404).
 */
function districtAccess(actor: Actor, districtId: string, action: 'feeCap.read' | 'feeCap.write') {
  const ref = { id: '', districtId };
  const inDistrict = actor.grants.some((g) => g.districtId === districtId);
  try {
    return authorize(actor, action, ref);
  } catch (err) {
    if (err instanceof AppError && err.code === 'NOT_FOUND' && inDistrict) throw new AppError('FORBIDDEN');
    throw err;
  }
}

function listOf(districtId: string, caps: Record<CapKind, CapRecord>): CapList {
  return { districtId, items: capKinds.map((k) => caps[k]) };
}

export async function listDistrictCaps(ctx: AppContext, actor: Actor, districtId: string): Promise<CapList> {
  districtAccess(actor, districtId, 'feeCap.read');
  return listOf(districtId, await capsOf(ctx.db, districtId));
}

export async function setDistrictCap(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  districtId: string,
  kind: CapKind,
  input: z.infer<typeof capInput>,
): Promise<CapList> {
  districtAccess(actor, districtId, 'feeCap.write');
  return ctx.db.transaction().execute(async (trx) => {
    const district = await trx
      .selectFrom('districts')
      .select('id')
      .where('id', '=', districtId)
      .executeTakeFirst();
    if (!district) throw new AppError('NOT_FOUND');
    const before = (await capsOf(trx, districtId))[kind];
    const at = ctx.now().toISOString();
    await upsertCap(trx, {
      district_id: districtId,
      kind,
      min_fen: input.minFen,
      max_fen: input.maxFen,
      document_no: input.documentNo,
      approved_on: input.approvedOn,
      updated_by: actor.userId,
      updated_at: at,
    });
    const entry = auditor(ctx, actor, meta, null)(
      'feeCap.set',
      'fee_cap',
      `${districtId}:${kind}`,
      before.isDefault
        ? null
        : {
            minFen: before.minFen,
            maxFen: before.maxFen,
            documentNo: before.documentNo,
            approvedOn: before.approvedOn,
          },
      input,
    );
    await writeAudit(trx, { ...entry, districtId });
    return listOf(districtId, await capsOf(trx, districtId));
  });
}

/** The school's view: its district's caps (admin and finance, read only). */
export async function listSchoolCaps(ctx: AppContext, actor: Actor, schoolId: string): Promise<CapList> {
  const { school } = await accessSchool(ctx.db, actor, schoolId, 'feeCap.read');
  return listOf(school.districtId, await capsOf(ctx.db, school.districtId));
}

/** The cap's document in the refusal; FEE-3 itself when the district has recorded none. */
export const capForMessage = (cap: Cap): Cap => ({ ...cap, documentNo: cap.documentNo || 'FEE-3' });

/**
 * FEE-3: refuses a fee over the cap of its kind (FEE_OVER_CAP with the cap in the message). An
 * offering without a fee has nothing to check.
 */
export async function checkOfferingFee(
  db: Executor,
  districtId: string,
  offering: {
    kind: OfferingKind | string;
    feeBasis: FeeBasis | null;
    feeFen: number | null;
    sessionKind: SessionKind;
  },
): Promise<void> {
  if (offering.feeBasis === null || offering.feeFen === null) return;
  const kind = capKindFor({
    kind: offering.kind as OfferingKind,
    feeBasis: offering.feeBasis,
    sessionKind: offering.sessionKind,
  });
  const cap = (await capsOf(db, districtId))[kind];
  checkFeeUnderCap(offering.feeFen, capForMessage(cap));
}
