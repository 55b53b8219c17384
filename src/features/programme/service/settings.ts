// Use cases for the school's settings: the values where plans disagree (domain.md).
import { accessSchool, auditor } from '../../../server/auth/access';
import type { Actor } from '../../../server/auth/policies';
import type { AppContext, RequestMeta } from '../../../server/context';
import { writeAudit } from '../../audit/store';
import type { SettingsUpdate } from '../contract';
import { loadSettings, type SchoolSettings, schoolSettingsSchema } from '../settings';
import * as store from '../store';
import { changedFields } from './common';

export async function getSettings(ctx: AppContext, actor: Actor, schoolId: string): Promise<SchoolSettings> {
  const { school } = await accessSchool(ctx.db, actor, schoolId, 'programme.read');
  return loadSettings(ctx.db, school.id);
}

export async function updateSettings(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  input: SettingsUpdate,
): Promise<SchoolSettings> {
  return ctx.db.transaction().execute(async (trx) => {
    const { school } = await accessSchool(trx, actor, schoolId, 'programme.write');
    const current = await loadSettings(trx, school.id);
    const next = schoolSettingsSchema.parse({
      ...current,
      ...input,
      periodLimits: { ...current.periodLimits, ...input.periodLimits },
      // FEE-6: merged per category like the period limits, so a change to one category cannot drop
      // another (the 建档立卡 100% waiver); a category set to 0 has no waiver.
      waiverPercents: { ...current.waiverPercents, ...input.waiverPercents },
    });
    const { was, now, changed } = changedFields(current, next);
    if (!changed) return current;
    await store.saveSettings(trx, school.id, next, ctx.now().toISOString(), actor.userId);
    await writeAudit(
      trx,
      auditor(ctx, actor, meta, school)('settings.update', 'school', school.id, was, now),
    );
    return next;
  });
}
