// DAY-10: the duty board for the duty leader's patrol (值班领导巡视): per temporary class of today's
// sessions, who is on site, who left how, and who is still waiting — and the late-pickup alerts,
// raised when the board is read and by the scheduler (raiseLatePickupAlerts).
import { accessSchool } from '../../../server/auth/access';
import type { Actor } from '../../../server/auth/policies';
import { type AppContext, type Executor, newId } from '../../../server/context';
import { AppError } from '../../../server/errors';
import { notification } from '../../notify/messages';
import { notify } from '../../notify/store';
import { addDays } from '../../programme/time';
import type { BoardView } from '../board-contract';
import * as boardStore from '../board-store';
import { dutiesOn } from '../class-access';
import { boardCounts, latePickupDue, type ReleaseStatus } from '../pickup-rules';
import * as store from '../pickup-store';
import type { RollMark } from '../roll-read';
import { rollsInForce } from '../roll-read';
import { isSchoolAdmin, schoolDayContext, termOn } from './pickup-common';

interface DayPicture {
  today: string;
  localTime: string;
  graceMinutes: number;
  classes: Awaited<ReturnType<typeof boardStore.classesOfDay>>;
  members: Awaited<ReturnType<typeof boardStore.membersOf>>;
  rolls: Awaited<ReturnType<typeof rollsInForce>>;
  releases: Awaited<ReturnType<typeof store.releasesOfDay>>;
}

async function dayPicture(ctx: AppContext, db: Executor, schoolId: string): Promise<DayPicture | null> {
  const day = await schoolDayContext(ctx, db, schoolId);
  const term = await termOn(db, schoolId, day.today);
  if (!term || term.timetableWeekday === null) return null;
  const classes = await boardStore.classesOfDay(db, schoolId, term.id, term.timetableWeekday);
  const ids = classes.map((c) => c.id);
  const [members, rolls, releases] = await Promise.all([
    boardStore.membersOf(db, ids),
    rollsInForce(db, ids, day.today),
    store.releasesOfDay(db, schoolId, day.today),
  ]);
  return {
    today: day.today,
    localTime: day.localTime,
    graceMinutes: day.settings.pickupGraceMinutes,
    classes,
    members,
    rolls,
    releases,
  };
}

function countsOf(pic: DayPicture, classId: string) {
  const members = pic.members.filter((m) => m.tempClassId === classId);
  const roll = pic.rolls.get(classId);
  const marks = roll ? new Map(roll.marks.map((m) => [m.studentId, m.status as RollMark])) : null;
  const releases = new Map(pic.releases.map((r) => [r.studentId, r.status as ReleaseStatus]));
  return {
    members,
    counts: boardCounts(
      members.map((m) => m.id),
      marks,
      releases,
    ),
  };
}

/**
 * rule DAY-10: once a session's end plus `pickupGraceMinutes` has passed, each child still on
 * site (present or late in the roll in force, not released) raises one alert for the day, to the
 * child's guardians and the day's duty leaders. Idempotent: the unique (student, date) row decides
 * who is new, in the same transaction as the notifications. Returns how many were raised.
 */
export async function raiseLatePickupAlerts(
  ctx: AppContext,
  now?: Date,
  schoolIds?: string[],
): Promise<number> {
  const clock = now ? { ...ctx, now: () => now } : ctx;
  let raised = 0;
  const utc = (now ?? ctx.now()).toISOString().slice(0, 10);
  const schools =
    schoolIds ?? (await boardStore.schoolIdsWithTermOn(ctx.db, addDays(utc, -1), addDays(utc, 1)));
  const failures: { schoolId: string; err: unknown }[] = [];
  for (const schoolId of schools) {
    // One school's failure (bad data, a lost race) must not stop the alerts of the schools after it;
    // the broken one is tried again next minute and its error reaches the job's log.
    try {
      raised += await ctx.db.transaction().execute(async (trx) => {
        const pic = await dayPicture(clock, trx, schoolId);
        if (!pic) return 0;
        const at = (now ?? ctx.now()).toISOString();
        const due: {
          studentId: string;
          name: string;
          classId: string;
          className: string;
          sessionId: string;
          endsAt: string;
        }[] = [];
        for (const c of pic.classes) {
          // Noon care (午托) ends in lessons, not at the gate: no one collects those children then.
          if (c.sessionKind === 'noon' || !latePickupDue(c.endsAt, pic.graceMinutes, pic.localTime)) continue;
          const { members, counts } = countsOf(pic, c.id);
          for (const id of counts.stillOnSite)
            due.push({
              studentId: id,
              name: members.find((m) => m.id === id)!.name,
              classId: c.id,
              className: c.name,
              sessionId: c.sessionId,
              endsAt: c.endsAt,
            });
        }
        // A child in two classes that day is alerted once.
        const unique = [...new Map(due.map((d) => [d.studentId, d])).values()];
        const fresh = new Set(
          await boardStore.insertAlerts(
            trx,
            unique.map((d) => ({
              id: newId(),
              school_id: schoolId,
              student_id: d.studentId,
              date: pic.today,
              temp_class_id: d.classId,
              session_id: d.sessionId,
              raised_at: at,
            })),
          ),
        );
        if (fresh.size === 0) return 0;
        const alerted = unique.filter((d) => fresh.has(d.studentId));
        const [guardians, leaders] = await Promise.all([
          store.guardianUsers(trx, [...fresh]),
          boardStore.leadersOn(trx, schoolId, pic.today),
        ]);
        const to = (userId: string) => ({ userId, schoolId });
        await notify(trx, at, [
          ...alerted.flatMap((d) =>
            [...new Set(guardians.filter((g) => g.studentId === d.studentId).map((g) => g.userId))].map((u) =>
              notification(
                'pickup.late',
                to(u),
                { student: d.name, className: d.className, endsAt: d.endsAt },
                '/pickup/family',
              ),
            ),
          ),
          ...alerted.flatMap((d) =>
            leaders.map((u) =>
              notification(
                'pickup.lateLeader',
                to(u),
                { student: d.name, className: d.className, endsAt: d.endsAt },
                '/pickup/board',
              ),
            ),
          ),
        ]);
        return fresh.size;
      });
    } catch (err) {
      failures.push({ schoolId, err });
    }
  }
  if (failures.length)
    throw new AggregateError(
      failures.map((f) => f.err),
      `late-pickup alerts failed for ${failures.length} school(s): ${failures.map((f) => f.schoolId).join(', ')}`,
    );
  return raised;
}

export async function readBoard(ctx: AppContext, actor: Actor, schoolId: string): Promise<BoardView> {
  const { school } = await accessSchool(ctx.db, actor, schoolId, 'board.read');
  const day = await schoolDayContext(ctx, ctx.db, school.id);
  if (!isSchoolAdmin(actor, school.id)) {
    // Narrowed to the day's duty leaders (值班领导) in the published roster.
    const duties = await dutiesOn(ctx.db, school.id, actor.userId, day.today);
    if (!duties.some((d) => d.role === 'leader')) throw new AppError('BOARD_NOT_ON_DUTY');
  }
  const alertsRaised = await raiseLatePickupAlerts(ctx, day.now, [school.id]);
  const pic = await dayPicture(ctx, ctx.db, school.id);
  const generatedAt = day.now.toISOString();
  if (!pic)
    return {
      date: day.today,
      generatedAt,
      classes: [],
      totals: { enrolled: 0, onSite: 0, stillOnSite: 0, awaiting: 0 },
      alertsRaised,
    };
  const alerted = await boardStore.alertsOfDay(ctx.db, school.id, pic.today);
  const classes = pic.classes.map((c) => {
    const { members, counts } = countsOf(pic, c.id);
    const nameOf = new Map(members.map((m) => [m.id, m.name]));
    return {
      id: c.id,
      name: c.name,
      sessionName: c.sessionName,
      endsAt: c.endsAt,
      ...counts,
      stillOnSite: counts.stillOnSite.map((id) => ({
        studentId: id,
        name: nameOf.get(id)!,
        lateAlerted: alerted.has(id),
      })),
      awaiting: pic.releases
        .filter(
          (r) => r.status === 'awaiting_confirmation' && nameOf.has(r.studentId) && r.tempClassId === c.id,
        )
        .map((r) => ({ releaseId: r.id, name: r.studentName, adultName: r.adultName })),
    };
  });
  return {
    date: pic.today,
    generatedAt,
    classes,
    totals: {
      enrolled: classes.reduce((n, c) => n + c.enrolled, 0),
      onSite: classes.reduce((n, c) => n + c.onSite, 0),
      stillOnSite: classes.reduce((n, c) => n + c.stillOnSite.length, 0),
      awaiting: classes.reduce((n, c) => n + c.awaiting.length, 0),
    },
    alertsRaised,
  };
}
