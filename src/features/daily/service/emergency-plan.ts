// SAFE-3 应急预案: the school's emergency plan and contacts, at hand for whoever is on duty. The
// administrator edits it; each save is a new version (the old text stays), audited.
import type { z } from 'zod';
import { accessSchool, auditor } from '../../../server/auth/access';
import type { Actor } from '../../../server/auth/policies';
import { type AppContext, type Executor, newId, type RequestMeta } from '../../../server/context';
import { writeAudit } from '../../audit/store';
import type { emergencyPlanInput, emergencyPlanView } from '../contract';
import * as records from '../record-store';

type View = z.infer<typeof emergencyPlanView>;

export async function planOf(db: Executor, schoolId: string): Promise<View> {
  const row = await records.latestEmergencyPlan(db, schoolId);
  if (!row) return { version: null, plan: '', contacts: [], writtenAt: null };
  return {
    version: row.version,
    plan: row.plan,
    contacts: JSON.parse(row.contacts) as View['contacts'],
    writtenAt: row.written_at,
  };
}

export async function getEmergencyPlan(ctx: AppContext, actor: Actor, schoolId: string): Promise<View> {
  const { school } = await accessSchool(ctx.db, actor, schoolId, 'emergency.read');
  return planOf(ctx.db, school.id);
}

export async function saveEmergencyPlan(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  input: z.infer<typeof emergencyPlanInput>,
): Promise<View> {
  return ctx.db.transaction().execute(async (trx) => {
    const { school } = await accessSchool(trx, actor, schoolId, 'emergency.write');
    const before = await planOf(trx, school.id);
    const row = {
      id: newId(),
      school_id: school.id,
      version: (before.version ?? 0) + 1,
      plan: input.plan,
      contacts: JSON.stringify(input.contacts),
      written_by: actor.userId,
      written_at: ctx.now().toISOString(),
    };
    // A concurrent save takes the same version and loses on the unique constraint (409, reload).
    await trx.insertInto('emergency_plans').values(row).execute();
    await writeAudit(
      trx,
      auditor(ctx, actor, meta, school)(
        'emergencyPlan.write',
        'emergency_plan',
        row.id,
        before.version ? { version: before.version, plan: before.plan, contacts: before.contacts } : null,
        { version: row.version, plan: input.plan, contacts: input.contacts },
      ),
    );
    return planOf(trx, school.id);
  });
}
