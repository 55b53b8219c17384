// STAFF-5: the school publishes a draft; the version in force before it is superseded in the same
// transaction, so exactly one published roster stands per term (daily/class-access.ts reads it).
// Everyone the new version names is told.

import { accessSchool, auditor } from '../../../server/auth/access';
import type { Actor } from '../../../server/auth/policies';
import type { AppContext, RequestMeta } from '../../../server/context';
import { AppError } from '../../../server/errors';
import { writeAudit } from '../../audit/store';
import { notification } from '../../notify/messages';
import { notify } from '../../notify/store';
import { type RosterStatus, rosterTransition } from '../duty-rules';
import type { RosterSummary } from '../roster-contract';
import type { UnfilledSlot } from '../roster-rules';
import * as store from '../roster-store';
import { loadTermOf } from './roster-common';

export async function publishRoster(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  rosterId: string,
): Promise<RosterSummary> {
  return ctx.db.transaction().execute(async (trx) => {
    const { school } = await accessSchool(trx, actor, schoolId, 'duty.write');
    // Locked: two publications at once must not leave two versions in force.
    const roster = await store.lockRoster(trx, ctx.dialect, school.id, rosterId);
    if (!roster) throw new AppError('NOT_FOUND');
    if (roster.status !== 'draft')
      throw new AppError('ROSTER_NOT_DRAFT', { version: roster.version, status: roster.status });
    const term = await loadTermOf(trx, school.id, roster.term_id);
    const at = ctx.now().toISOString();
    const audit = auditor(ctx, actor, meta, school);
    const current = await store.lockPublished(trx, ctx.dialect, roster.term_id);
    for (const old of current) {
      const to = rosterTransition(old.status as RosterStatus, 'supersede');
      await store.setRosterStatus(trx, old.id, { status: to });
      await writeAudit(
        trx,
        audit(
          'roster.supersede',
          'duty_roster',
          old.id,
          { status: old.status },
          { status: to, by: roster.id },
        ),
      );
    }
    const to = rosterTransition('draft', 'publish');
    await store.setRosterStatus(trx, roster.id, { status: to, published_at: at });
    await writeAudit(
      trx,
      audit(
        'roster.publish',
        'duty_roster',
        roster.id,
        { status: roster.status },
        { status: to, version: roster.version },
      ),
    );
    const people = await store.peopleOnRoster(trx, roster.id);
    await notify(
      trx,
      at,
      people.map((userId) =>
        notification(
          'roster.published',
          { userId, schoolId: school.id },
          { term: term.name, version: roster.version },
          '/duty/mine',
        ),
      ),
    );
    const unfilled = JSON.parse(roster.unfilled) as UnfilledSlot[];
    return {
      id: roster.id,
      termId: roster.term_id,
      version: roster.version,
      status: to,
      generatedAt: roster.generated_at,
      publishedAt: at,
      dutyCount: await store.countDuties(trx, roster.id),
      unfilledCount: unfilled.length,
    };
  });
}
