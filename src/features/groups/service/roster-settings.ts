// The school's roster settings (STAFF-4 staff ratio, STAFF-6 paid outside bodies), kept in the
// school's settings beside the programme's; the programme's own update keeps these fields as they are.
import type { z } from 'zod';
import { accessSchool, auditor } from '../../../server/auth/access';
import type { Actor } from '../../../server/auth/policies';
import type { AppContext, RequestMeta } from '../../../server/context';
import { writeAudit } from '../../audit/store';
import { loadSettings, schoolSettingsSchema } from '../../programme/settings';
import { saveSettings } from '../../programme/store';
import type { rosterSettings, rosterSettingsInput } from '../roster-contract';

type RosterSettings = z.infer<typeof rosterSettings>;

export async function getRosterSettings(
  ctx: AppContext,
  actor: Actor,
  schoolId: string,
): Promise<RosterSettings> {
  const { school } = await accessSchool(ctx.db, actor, schoolId, 'duty.write');
  const s = await loadSettings(ctx.db, school.id);
  return { staffRatio: s.staffRatio, allowPaidOutsideBodies: s.allowPaidOutsideBodies };
}

export async function updateRosterSettings(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  input: z.infer<typeof rosterSettingsInput>,
): Promise<RosterSettings> {
  return ctx.db.transaction().execute(async (trx) => {
    const { school } = await accessSchool(trx, actor, schoolId, 'duty.write');
    const current = await loadSettings(trx, school.id);
    const next = schoolSettingsSchema.parse({ ...current, ...input });
    const was = { staffRatio: current.staffRatio, allowPaidOutsideBodies: current.allowPaidOutsideBodies };
    const now = { staffRatio: next.staffRatio, allowPaidOutsideBodies: next.allowPaidOutsideBodies };
    if (JSON.stringify(was) !== JSON.stringify(now)) {
      await saveSettings(trx, school.id, next, ctx.now().toISOString(), actor.userId);
      await writeAudit(
        trx,
        auditor(ctx, actor, meta, school)('settings.update', 'school', school.id, was, now),
      );
    }
    return now;
  });
}
