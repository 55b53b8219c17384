// DAY-4: releasing a child at the end of the day (放学交接). The teacher standing for the child's
// temporary class that day picks the child and proves the adult: their own pickup code (typed or
// scanned), or an ID check against the family's list; or the child walks home with a permit
// (DAY-5). The release is recorded once per child per day and waits for the family's confirmation.
//
// Wrong codes are counted per child and per teacher (settings pickupMaxFailures in
// pickupLockMinutes) inside the release's own transaction, under row locks of the child and the
// teacher, so guesses sent all at once are counted one after another; a wrong code commits its
// failure row and audit entry and answers with the refusal. One transaction per attempt keeps the
// hot path to one durable commit (group-committed on SQLite).
import { forNoKeyUpdate } from '../../../db/dialect';
import { accessSchool, auditor } from '../../../server/auth/access';
import type { Actor } from '../../../server/auth/policies';
import { type AppContext, type Executor, newId, type RequestMeta } from '../../../server/context';
import { AppError, type ErrorCode } from '../../../server/errors';
import { type IdempotentAnswer, runIdempotent } from '../../../server/idempotency';
import { writeAudit } from '../../audit/store';
import { localDateTime } from '../../enrolment/application-rules';
import { notification } from '../../notify/messages';
import { notify } from '../../notify/store';
import { classDutyRole, loadTempClass } from '../class-access';
import { activePermits } from '../permit-store';
import type { ReleaseInput, ReleaseView } from '../pickup-contract';
import {
  combineLocks,
  initialReleaseStatus,
  type LockState,
  lockState,
  matchCode,
  onSiteRefusal,
  parsePickupQr,
  permitState,
  weekdaysOf,
} from '../pickup-rules';
import * as store from '../pickup-store';
import { rollsInForce } from '../roll-read';
import {
  isLostRace,
  isSchoolAdmin,
  type SchoolDayContext,
  schoolDayContext,
  timetableWeekdayOf,
  toReleaseView,
} from './pickup-common';

const markLabels: Record<string, { zh: string; en: string }> = {
  absent: { zh: '缺勤', en: 'absent' },
  leave: { zh: '请假', en: 'on leave' },
};

/** Row locks that serialise code attempts per child and per teacher (no-ops on SQLite). */
async function lockCounters(ctx: AppContext, trx: Executor, studentId: string, teacherId: string) {
  await forNoKeyUpdate(
    ctx.dialect,
    trx.selectFrom('students').select('id').where('id', '=', studentId),
  ).execute();
  await forNoKeyUpdate(
    ctx.dialect,
    trx.selectFrom('users').select('id').where('id', '=', teacherId),
  ).execute();
}

/** The lock state of a child and a teacher now, from the recorded wrong codes. */
export async function currentLock(db: Executor, day: SchoolDayContext, studentId: string, teacherId: string) {
  const limits = { maxFailures: day.settings.pickupMaxFailures, lockMinutes: day.settings.pickupLockMinutes };
  const since = new Date(day.now.getTime() - limits.lockMinutes * 60_000).toISOString();
  const [attempts, unlocks] = await Promise.all([
    store.recentAttempts(db, studentId, teacherId, since),
    store.latestUnlocks(db, studentId, teacherId),
  ]);
  return combineLocks(
    lockState(attempts.student, unlocks.student, day.now, limits),
    lockState(attempts.teacher, unlocks.teacher, day.now, limits),
  );
}

type Refusal = { code: ErrorCode; params: Record<string, string | number> };
type Outcome = { ok: ReleaseView } | { refused: Refusal };

function refuse(code: ErrorCode, params: Record<string, string | number>): { refused: Refusal } {
  return { refused: { code, params } };
}

export async function releaseChild(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  input: ReleaseInput,
  idempotencyKey?: string,
): Promise<IdempotentAnswer<ReleaseView>> {
  const { school } = await accessSchool(ctx.db, actor, schoolId, 'pickup.release');
  // A locked child or teacher is refused on reads alone, before any transaction or row lock, so
  // a flood of guesses against a lock stays cheap. The count is taken again inside.
  // The school's day (settings, local date and time) is read once, for the check and the release.
  const day = await schoolDayContext(ctx, ctx.db, school.id);
  if (input.method === 'code') {
    const lock = await currentLock(ctx.db, day, input.studentId, actor.userId);
    if (lock.locked)
      throw new AppError('PICKUP_LOCKED', { until: localDateTime(lock.until!, day.settings.timezone) });
  }
  let answer: IdempotentAnswer<Outcome>;
  try {
    answer = await runIdempotent<Outcome>(
      ctx,
      { userId: actor.userId, key: idempotencyKey, operation: 'releaseChild', input: { schoolId, input } },
      async (trx) => {
        const result = await releaseInTransaction(ctx, trx, actor, meta, school, day, input);
        // A refusal still commits: the failure row and its audit entry are the log of wrong codes.
        return { status: 'refused' in result ? 422 : 201, body: result };
      },
    );
  } catch (error) {
    if (isLostRace(error)) {
      // Two teachers at once: the other one's release won; say so with its time.
      const winner = await store.releaseOfDay(ctx.db, input.studentId, day.today);
      if (winner)
        throw new AppError('PICKUP_ALREADY_RELEASED', {
          student: winner.studentName,
          at: localDateTime(winner.releasedAt, day.settings.timezone).slice(11),
        });
    }
    throw error;
  }
  const outcome = answer.body;
  if ('refused' in outcome) throw new AppError(outcome.refused.code, outcome.refused.params);
  return { status: answer.status, body: outcome.ok };
}

async function releaseInTransaction(
  ctx: AppContext,
  trx: Executor,
  actor: Actor,
  meta: RequestMeta,
  school: { id: string; districtId: string },
  day: SchoolDayContext,
  input: ReleaseInput,
): Promise<Outcome> {
  const tz = day.settings.timezone;
  // Wrong codes are counted first, under the child's and the teacher's row locks (PostgreSQL;
  // SQLite serialises writers), so guesses sent all at once cannot all read "not locked yet", and
  // a flood against a lock costs two reads and writes nothing.
  let lock: LockState | null = null;
  if (input.method === 'code') {
    await lockCounters(ctx, trx, input.studentId, actor.userId);
    lock = await currentLock(trx, day, input.studentId, actor.userId);
    if (lock.locked) return refuse('PICKUP_LOCKED', { until: localDateTime(lock.until!, tz) });
  }
  const cls = await loadTempClass(trx, school.id, input.tempClassId);
  // Only the people standing for the class today (head, rostered care, duty teacher, leader, admin).
  const role = await classDutyRole(trx, actor.userId, isSchoolAdmin(actor, school.id), cls, day.today);
  if (!role) throw new AppError('NOT_FOUND');
  const child = await store.memberOfClass(trx, cls.id, input.studentId);
  if (!child) throw new AppError('NOT_FOUND');
  const [rolls, existing, flags] = await Promise.all([
    rollsInForce(trx, [cls.id], day.today),
    store.releaseOfDay(trx, child.id, day.today),
    store.handoverFlags(trx, [child.id]),
  ]);
  if (existing)
    throw new AppError('PICKUP_ALREADY_RELEASED', {
      student: child.name,
      at: localDateTime(existing.releasedAt, tz).slice(11),
    });
  // rule DAY-4: only a child on site per the roll in force can be released.
  const roll = rolls.get(cls.id);
  const mark = roll?.marks.find((m) => m.studentId === child.id)?.status;
  const refusal = onSiteRefusal(mark, roll !== undefined);
  if (refusal === 'no_roll') throw new AppError('PICKUP_NO_ROLL', { className: cls.name });
  if (refusal === 'not_on_site') {
    const label = markLabels[mark ?? 'absent'] ?? markLabels.absent!;
    throw new AppError('PICKUP_NOT_ON_SITE', {
      student: child.name,
      status: meta.locale === 'en' ? label.en : label.zh,
    });
  }
  // DAY-4 篇五: a child with special arrangements is handed over by the teacher in person.
  const flag = flags.get(child.id);
  if (flag && input.acknowledgeHandover !== true)
    throw new AppError('PICKUP_HANDOVER_ACK_REQUIRED', { student: child.name, note: flag.note });

  let adult: { id: string; name: string } | null = null;
  let permitId: string | null = null;
  const audit = auditor(ctx, actor, meta, school);
  if (input.method === 'code') {
    const scanned = input.qr ? parsePickupQr(input.qr) : null;
    const typed = scanned?.code ?? input.code;
    const adults = await store.adultsWithCodes(trx, school.id, child.id);
    const match = typed ? matchCode(adults, typed, scanned?.adultId) : { kind: 'wrong' as const };
    if (match.kind !== 'match') {
      // The failure row is the count; the audit says which child, never the code typed.
      await store.insertAttempt(trx, {
        id: newId(),
        school_id: school.id,
        student_id: child.id,
        teacher_id: actor.userId,
        at: day.now.toISOString(),
        ip: meta.ip,
      });
      await writeAudit(
        trx,
        audit('pickup.code.failed', 'student', child.id, null, {
          tempClassId: cls.id,
          date: day.today,
          reason: match.kind,
          adultId: match.kind === 'revoked' ? match.adult.id : null,
        }),
      );
      if (match.kind === 'revoked') return refuse('PICKUP_ADULT_REVOKED', { adult: match.adult.name });
      return refuse('PICKUP_CODE_WRONG', { remaining: Math.max(0, lock!.remaining - 1) });
    }
    adult = match.adult;
  } else if (input.method === 'id_check') {
    // The adult must be on the family's list, unrevoked (DAY-4: only authorised adults).
    const adults = await store.adultsWithCodes(trx, school.id, child.id);
    const chosen = adults.find((a) => a.id === input.adultId);
    if (!chosen) throw new AppError('PICKUP_ADULT_NOT_AUTHORISED');
    if (chosen.revokedAt) throw new AppError('PICKUP_ADULT_REVOKED', { adult: chosen.name });
    adult = chosen;
  } else {
    // rule DAY-5: walking home alone needs a permit valid today.
    const permits = await activePermits(trx, [child.id], day.today);
    for (const p of permits) {
      const weekday = await timetableWeekdayOf(trx, p.termId, day.today);
      if (
        permitState({ revokedAt: p.revokedAt, weekdays: weekdaysOf(p.weekdays) }, p, day.today, weekday) ===
        'valid'
      )
        permitId = p.id;
    }
    if (!permitId) throw new AppError('PICKUP_NO_PERMIT', { student: child.name });
  }

  const at = day.now.toISOString();
  const row: store.ReleaseRow = {
    id: newId(),
    school_id: school.id,
    student_id: child.id,
    date: day.today,
    temp_class_id: cls.id,
    session_id: cls.sessionId,
    method: input.method,
    adult_id: adult?.id ?? null,
    adult_name: adult?.name ?? null,
    permit_id: permitId,
    id_last4: input.method === 'id_check' ? input.idLast4.toUpperCase() : null,
    note: input.note,
    handover_flagged: flag ? 1 : 0,
    released_by: actor.userId,
    released_at: at,
    status: initialReleaseStatus(input.method),
    confirmed_by: null,
    confirmed_at: null,
  };
  await store.insertRelease(trx, row);
  // rule SAFE-1: the release with who, when and how, in the same transaction.
  await writeAudit(
    trx,
    audit('pickup.release', 'pickup_release', row.id, null, {
      studentId: row.student_id,
      tempClassId: row.temp_class_id,
      date: row.date,
      method: row.method,
      adultId: row.adult_id,
      permitId: row.permit_id,
      idLast4: row.id_last4,
      handoverFlagged: flag ? { note: flag.note, acknowledged: true } : null,
      role,
      status: row.status,
    }),
  );
  const guardians = await store.guardianUsers(trx, [child.id]);
  const time = localDateTime(at, day.settings.timezone).slice(11);
  const link = `/pickup/confirm/${row.id}`;
  await notify(
    trx,
    at,
    [...new Set(guardians.map((g) => g.userId))].map((userId) =>
      row.method === 'walk_home'
        ? notification(
            'pickup.walkedHome',
            { userId, schoolId: school.id },
            { student: child.name, time },
            link,
          )
        : notification(
            'pickup.released',
            { userId, schoolId: school.id },
            { student: child.name, adult: row.adult_name ?? '', time },
            link,
          ),
    ),
  );
  return {
    ok: toReleaseView({
      id: row.id,
      studentId: child.id,
      studentName: child.name,
      date: row.date,
      tempClassId: cls.id,
      method: row.method,
      status: row.status,
      adultName: row.adult_name,
      releasedBy: actor.displayName,
      releasedAt: at,
      confirmedAt: null,
      handoverFlagged: row.handover_flagged,
    }),
  };
}
