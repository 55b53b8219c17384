// Steps the outside-staff use cases and the roster share: loading a person, and sending back under
// review anyone approved whose check has since expired (STAFF-6: a failed or expired check moves
// back). There is no timer for expiry; every read that decides on the status runs this first.
import { auditor } from '../../../server/auth/access';
import type { Actor, SchoolRef } from '../../../server/auth/policies';
import type { AppContext, Executor, RequestMeta } from '../../../server/context';
import { AppError } from '../../../server/errors';
import { writeAudit } from '../../audit/store';
import { schoolAdminIds } from '../../enrolment/store';
import { notification } from '../../notify/messages';
import { notify } from '../../notify/store';
import { hasLapsed, type OutsideStatus, outsideTransition, outstandingChecks } from '../outside-rules';
import * as outsideStore from '../outside-store';
import * as rosterStore from '../roster-store';

export async function loadOutside(db: Executor, schoolId: string, id: string) {
  const person = await outsideStore.findOutside(db, schoolId, id);
  if (!person) throw new AppError('NOT_FOUND');
  return person;
}

/**
 * A person who leaves 'approved' keeps the duties already published for them, and the roster is
 * the school's to change: tell the school's administrators how many future duties need a new hand.
 */
export async function warnOffRoster(
  trx: Executor,
  ctx: AppContext,
  school: SchoolRef,
  person: { name: string; userId: string | null },
  status: string,
  today: string,
): Promise<void> {
  if (!person.userId) return;
  const count = await rosterStore.futurePublishedDuties(trx, school.id, person.userId, today);
  if (count === 0) return;
  const admins = await schoolAdminIds(trx, school.id);
  await notify(
    trx,
    ctx.now().toISOString(),
    admins.map((userId) =>
      notification(
        'outsideStaff.offRoster',
        { userId, schoolId: school.id },
        { name: person.name, status, count },
        '/duty/roster',
      ),
    ),
  );
}

/** Moves lapsed people back under review (audited); returns the ids it moved. */
export async function sweepLapsed(
  trx: Executor,
  ctx: AppContext,
  actor: Actor | null,
  meta: RequestMeta,
  school: SchoolRef,
  today: string,
): Promise<string[]> {
  const people = (await outsideStore.listOutside(trx, school.id)).filter(
    (p) => p.status === 'approved' || p.status === 'suspended',
  );
  const checks = await outsideStore.checksOf(
    trx,
    people.map((p) => p.id),
  );
  const moved: string[] = [];
  const audit = auditor(ctx, actor, meta, school);
  for (const p of people) {
    const records = checks.filter((c) => c.outsideStaffId === p.id);
    if (!hasLapsed(p.status as OutsideStatus, records, today)) continue;
    const to = outsideTransition(p.status as OutsideStatus, 'lapse', records, today);
    await outsideStore.updateOutside(trx, p.id, { status: to, updated_at: ctx.now().toISOString() });
    await writeAudit(
      trx,
      audit(
        'outsideStaff.lapse',
        'outside_staff',
        p.id,
        { status: p.status },
        {
          status: to,
          outstanding: outstandingChecks(records, today),
        },
      ),
    );
    if (p.status === 'approved') await warnOffRoster(trx, ctx, school, p, to, today);
    moved.push(p.id);
  }
  return moved;
}
