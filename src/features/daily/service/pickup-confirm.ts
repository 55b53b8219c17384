// DAY-4: parent and child confirm each other — the family confirms on the phone that the child
// was received. awaiting_confirmation → confirmed is the release's only transition.
import { accessSchool, auditor } from '../../../server/auth/access';
import type { Actor } from '../../../server/auth/policies';
import type { AppContext, RequestMeta } from '../../../server/context';
import { AppError } from '../../../server/errors';
import { writeAudit } from '../../audit/store';
import { addDays } from '../../programme/time';
import type { ReleaseView } from '../pickup-contract';
import { type ReleaseStatus, releaseTransition } from '../pickup-rules';
import * as store from '../pickup-store';
import { schoolDayContext, toReleaseView } from './pickup-common';

export async function confirmRelease(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  releaseId: string,
): Promise<ReleaseView> {
  return ctx.db.transaction().execute(async (trx) => {
    const { school } = await accessSchool(trx, actor, schoolId, 'pickup.confirm');
    const release = await store.releaseById(trx, school.id, releaseId);
    // Another family's release does not exist for this parent.
    if (!release || !(await store.familyStudent(trx, school.id, actor.userId, release.studentId)))
      throw new AppError('NOT_FOUND');
    const from = release.status as ReleaseStatus;
    const to = releaseTransition(from, 'confirm');
    const at = ctx.now().toISOString();
    // Guarded by the status read: a second tap (or the other parent) finds nothing to confirm.
    if (!(await store.setReleaseStatus(trx, release.id, from, to, actor.userId, at)))
      throw new AppError('PICKUP_NOT_CONFIRMABLE');
    await writeAudit(
      trx,
      auditor(ctx, actor, meta, school)(
        'pickup.confirm',
        'pickup_release',
        release.id,
        { status: from },
        { status: to },
      ),
    );
    return toReleaseView((await store.releaseById(trx, school.id, release.id))!);
  });
}

/** The family's releases of the last week, newest first (the confirm prompt reads the first). */
export async function familyReleases(ctx: AppContext, actor: Actor, schoolId: string) {
  const { school } = await accessSchool(ctx.db, actor, schoolId, 'pickup.confirm');
  const day = await schoolDayContext(ctx, ctx.db, school.id);
  const rows = await store.releasesOfFamily(ctx.db, school.id, actor.userId, addDays(day.today, -7));
  return { items: rows.map(toReleaseView) };
}
