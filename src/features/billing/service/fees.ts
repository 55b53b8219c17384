// Use cases for the fee standards (FEE-3): finance (or the school admin) reads the term's offerings
// with the cap each falls under, and sets an offering's fee; a fee over its cap is refused.
import type { z } from 'zod';
import { accessSchool, auditor } from '../../../server/auth/access';
import type { Actor } from '../../../server/auth/policies';
import type { AppContext, RequestMeta } from '../../../server/context';
import { AppError } from '../../../server/errors';
import { writeAudit } from '../../audit/store';
import type { FeeBasis, OfferingKind } from '../../programme/kinds';
import { lockedTermOf, termOf } from '../../programme/service/common';
import * as programme from '../../programme/store';
import { capsOf } from '../caps-store';
import type { FeeStandard, FeeStandardList, feeInput } from '../fees-contract';
import { capKindFor, capKinds } from '../rules';
import { checkOfferingFee } from './caps';

export async function listFeeStandards(
  ctx: AppContext,
  actor: Actor,
  schoolId: string,
  termId: string,
): Promise<FeeStandardList> {
  const { school } = await accessSchool(ctx.db, actor, schoolId, 'feeCap.read');
  const term = await termOf(ctx.db, school.id, termId);
  const [offerings, sessions, caps] = await Promise.all([
    programme.listOfferings(ctx.db, term.id),
    programme.listSessions(ctx.db, [term.id]),
    capsOf(ctx.db, school.districtId),
  ]);
  const sessionById = new Map(sessions.map((s) => [s.id, s]));
  const items: FeeStandard[] = offerings.map((o) => {
    const session = sessionById.get(o.session_id)!;
    const kind = o.kind as OfferingKind;
    const capOf = (feeBasis: FeeBasis) => capKindFor({ kind, feeBasis, sessionKind: session.kind });
    const basis = o.fee_basis as FeeBasis | null;
    return {
      offeringId: o.id,
      name: o.name,
      kind,
      sessionId: session.id,
      sessionName: session.name,
      sessionKind: session.kind,
      classHours: session.classHours,
      feeBasis: basis,
      feeFen: o.fee_fen,
      capKinds: { month: capOf('month'), class_hour: capOf('class_hour') },
      withinCap: basis === null || o.fee_fen === null ? null : o.fee_fen <= caps[capOf(basis)].maxFen,
      updatedAt: o.updated_at,
    };
  });
  return { termId: term.id, items, caps: capKinds.map((k) => caps[k]) };
}

/** FEE-3: sets an offering's fee (basis and amount in fen); over its cap → FEE_OVER_CAP. Audited. */
export async function setOfferingFee(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  termId: string,
  offeringId: string,
  input: z.infer<typeof feeInput>,
): Promise<FeeStandard> {
  await ctx.db.transaction().execute(async (trx) => {
    const { school } = await accessSchool(trx, actor, schoolId, 'fee.write');
    const term = await lockedTermOf(ctx, trx, school.id, termId);
    const found = await programme.findOffering(trx, term.id, offeringId);
    if (!found) throw new AppError('NOT_FOUND');
    const session = (await programme.listSessions(trx, [term.id])).find((s) => s.id === found.session_id);
    if (!session) throw new AppError('NOT_FOUND');
    await checkOfferingFee(trx, school.districtId, { ...input, kind: found.kind, sessionKind: session.kind });
    if (found.fee_basis === input.feeBasis && found.fee_fen === input.feeFen) return;
    await programme.updateOffering(trx, found.id, {
      fee_basis: input.feeBasis,
      fee_fen: input.feeFen,
      updated_at: ctx.now().toISOString(),
    });
    await writeAudit(
      trx,
      auditor(ctx, actor, meta, school)(
        'offering.fee',
        'offering',
        found.id,
        { feeBasis: found.fee_basis, feeFen: found.fee_fen },
        input,
      ),
    );
  });
  const list = await listFeeStandards(ctx, actor, schoolId, termId);
  return list.items.find((i) => i.offeringId === offeringId)!;
}
