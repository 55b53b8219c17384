// DAY-4: the teacher's release page reads the classes they stand for today and, per class, the
// children with what the roll in force says, whether they left, who may collect them (names only,
// never codes), special handover arrangements and walk-home permits valid today.

import type { z } from 'zod';
import { accessSchool } from '../../../server/auth/access';
import type { Actor } from '../../../server/auth/policies';
import type { AppContext } from '../../../server/context';
import { AppError } from '../../../server/errors';
import { classLabel } from '../../people/rules';
import * as boardStore from '../board-store';
import { classDutyRole, dutiesOn, loadTempClass } from '../class-access';
import { activePermits } from '../permit-store';
import type { myPickupClasses, pickupClassView } from '../pickup-contract';
import { permitState, weekdaysOf } from '../pickup-rules';
import * as store from '../pickup-store';
import { onSiteMarks, rollsInForce } from '../roll-read';
import { isSchoolAdmin, schoolDayContext, termOn } from './pickup-common';

export async function myClassesToday(
  ctx: AppContext,
  actor: Actor,
  schoolId: string,
): Promise<z.infer<typeof myPickupClasses>> {
  const { school } = await accessSchool(ctx.db, actor, schoolId, 'pickup.release');
  const day = await schoolDayContext(ctx, ctx.db, school.id);
  const term = await termOn(ctx.db, school.id, day.today);
  if (!term || term.timetableWeekday === null) return { date: day.today, classes: [] };
  const [classes, duties] = await Promise.all([
    boardStore.classesOfDay(ctx.db, school.id, term.id, term.timetableWeekday),
    dutiesOn(ctx.db, school.id, actor.userId, day.today),
  ]);
  const admin = isSchoolAdmin(actor, school.id);
  const leader = duties.some((d) => d.role === 'leader');
  const result = [];
  // Same order of ties as class-access.ts, without a query per class.
  for (const c of classes) {
    const role = admin
      ? 'admin'
      : c.headTeacherId === actor.userId
        ? 'head'
        : duties.some((d) => d.role === 'care' && d.tempClassId === c.id)
          ? 'care'
          : duties.some((d) => d.role === 'duty' && d.sessionId === c.sessionId)
            ? 'duty'
            : leader
              ? 'leader'
              : null;
    if (role) result.push({ id: c.id, name: c.name, sessionName: c.sessionName, endsAt: c.endsAt, role });
  }
  return { date: day.today, classes: result };
}

export async function pickupClass(
  ctx: AppContext,
  actor: Actor,
  schoolId: string,
  tempClassId: string,
): Promise<z.infer<typeof pickupClassView>> {
  const { school } = await accessSchool(ctx.db, actor, schoolId, 'pickup.release');
  const day = await schoolDayContext(ctx, ctx.db, school.id);
  const cls = await loadTempClass(ctx.db, school.id, tempClassId);
  if (!(await classDutyRole(ctx.db, actor.userId, isSchoolAdmin(actor, school.id), cls, day.today)))
    throw new AppError('NOT_FOUND');
  const members = await store.membersOfClass(ctx.db, cls.id);
  const ids = members.map((m) => m.id);
  const [rolls, releases, flags, adults, permits] = await Promise.all([
    rollsInForce(ctx.db, [cls.id], day.today),
    store.releasesOfDay(ctx.db, school.id, day.today, ids),
    store.handoverFlags(ctx.db, ids),
    ids.length
      ? ctx.db
          .selectFrom('authorised_adults')
          .select(['id', 'student_id as studentId', 'name', 'relation'])
          .where('student_id', 'in', ids)
          .where('revoked_at', 'is', null)
          .orderBy('created_at')
          .execute()
      : Promise.resolve([]),
    activePermits(ctx.db, ids, day.today),
  ]);
  const roll = rolls.get(cls.id);
  const marks = new Map(roll?.marks.map((m) => [m.studentId, m.status]) ?? []);
  const term = await termOn(ctx.db, school.id, day.today);
  const weekday = term?.timetableWeekday ?? null;
  const walkers = new Set(
    permits
      .filter(
        (p) =>
          permitState({ revokedAt: p.revokedAt, weekdays: weekdaysOf(p.weekdays) }, p, day.today, weekday) ===
          'valid',
      )
      .map((p) => p.studentId),
  );
  const releaseOf = new Map(releases.map((r) => [r.studentId, r]));
  return {
    id: cls.id,
    name: cls.name,
    date: day.today,
    rollTaken: roll !== undefined,
    children: members.map((m) => {
      const mark = marks.get(m.id) ?? null;
      const r = releaseOf.get(m.id);
      const flag = flags.get(m.id);
      return {
        studentId: m.id,
        name: m.name,
        className: classLabel(m.grade, m.classNo),
        mark,
        onSite: mark !== null && onSiteMarks.includes(mark),
        release: r
          ? {
              id: r.id,
              method: r.method as 'code',
              status: r.status as 'confirmed',
              adultName: r.adultName,
              releasedAt: r.releasedAt,
            }
          : null,
        handover: flag ? { note: flag.note } : null,
        adults: adults
          .filter((a) => a.studentId === m.id)
          .map((a) => ({ id: a.id, name: a.name, relation: a.relation })),
        walkHomeToday: walkers.has(m.id),
      };
    }),
  };
}
