// DAY-7 教师考勤: a dedicated roll of staff per session. A rostered person checks in on the Today
// page: on time up to the grace after the session starts (setting staffLateGraceMinutes), late after.
// When a session has ended, `closeStaffAttendance` writes 'absent' for everyone rostered who never
// checked in (idempotent: it only fills gaps). The school administrator rules on a record (an
// absence with or without reason, or a correction) as a new version, audited (SAFE-1).
import type { z } from 'zod';
import { accessSchool, auditor } from '../../../server/auth/access';
import type { Actor } from '../../../server/auth/policies';
import { type AppContext, newId, type RequestMeta } from '../../../server/context';
import { AppError } from '../../../server/errors';
import { writeAudit } from '../../audit/store';
import { hhmmOf, localDate, minutesOf } from '../../programme/rules';
import { loadSettings } from '../../programme/settings';
import { dutiesOn } from '../class-access';
import type { checkInInput, staffAttendanceList, staffAttendanceView, staffRulingInput } from '../contract';
import { checkInOpensMinutesBefore, checkInOutcome, localMinutesOn } from '../rules';
import * as staffStore from '../staff-store';

type View = z.infer<typeof staffAttendanceView>;

function toView(r: staffStore.StaffAttendanceRow): View {
  return {
    ...r,
    status: r.status as View['status'],
    source: r.source as View['source'],
    excused: r.excused === null ? null : r.excused === 1,
  };
}

async function inForce(
  db: AppContext['db'],
  schoolId: string,
  date: string,
  sessionId: string,
  userId: string,
) {
  const [row] = await staffStore.staffAttendanceOf(db, schoolId, date, date, { userId, sessionId });
  return row;
}

export async function checkIn(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  input: z.infer<typeof checkInInput>,
): Promise<{ status: number; body: View }> {
  return ctx.db.transaction().execute(async (trx) => {
    const { school } = await accessSchool(trx, actor, schoolId, 'staffAttendance.checkIn');
    const settings = await loadSettings(trx, school.id);
    const nowIso = ctx.now().toISOString();
    const today = localDate(nowIso, settings.timezone);
    const duties = await dutiesOn(trx, school.id, actor.userId, today);
    if (!duties.some((d) => d.sessionId === input.sessionId)) throw new AppError('STAFF_NOT_ROSTERED');
    // A second tap answers with the check-in already kept.
    const existing = await inForce(trx, school.id, today, input.sessionId, actor.userId);
    if (existing) return { status: 200, body: toView(existing) };
    const [session] = await staffStore.sessionTimes(trx, school.id, [input.sessionId]);
    if (!session) throw new AppError('NOT_FOUND');
    const minutes = localMinutesOn(nowIso, today, settings.timezone);
    const opens = minutesOf(session.startsAt) - checkInOpensMinutesBefore;
    if (minutes < opens)
      throw new AppError('STAFF_CHECK_IN_TOO_EARLY', { opensAt: hhmmOf(Math.max(opens, 0)) });
    if (minutes > minutesOf(session.endsAt))
      throw new AppError('STAFF_CHECK_IN_CLOSED', { endsAt: session.endsAt });
    // rule DAY-7: on time within the grace, late after it.
    const outcome = checkInOutcome(minutes, session.startsAt, settings.staffLateGraceMinutes);
    const row = {
      id: newId(),
      school_id: school.id,
      date: today,
      session_id: session.id,
      user_id: actor.userId,
      version: 1,
      status: outcome.status,
      minutes_late: outcome.minutesLate,
      excused: null,
      reason: '',
      source: 'check_in',
      checked_in_at: nowIso,
      recorded_by: actor.userId,
      recorded_at: nowIso,
    };
    await trx.insertInto('staff_attendance').values(row).execute();
    await writeAudit(
      trx,
      auditor(ctx, actor, meta, school)('staffAttendance.checkIn', 'staff_attendance', row.id, null, {
        date: today,
        sessionId: session.id,
        status: row.status,
        minutesLate: row.minutes_late,
      }),
    );
    return { status: 201, body: toView((await inForce(trx, school.id, today, session.id, actor.userId))!) };
  });
}

/**
 * Writes 'absent' (without reason, until the school rules otherwise) for each rostered person and
 * session of `date` that has ended with no record. Running it again writes nothing new; a record
 * racing in at the same moment wins and the absence is skipped (ON CONFLICT DO NOTHING). For a
 * timer: call it after the last session of each school day (the integrator wires it in main.ts).
 */
export async function closeStaffAttendance(
  ctx: AppContext,
  schoolId: string,
  date: string,
  actor: Actor | null = null,
  meta: RequestMeta = { ip: null, locale: 'zh-CN' },
): Promise<{ date: string; written: number }> {
  return ctx.db.transaction().execute(async (trx) => {
    const school = await trx
      .selectFrom('schools')
      .select(['id', 'district_id as districtId'])
      .where('id', '=', schoolId)
      .executeTakeFirst();
    if (!school) throw new AppError('NOT_FOUND');
    const settings = await loadSettings(trx, school.id);
    const nowIso = ctx.now().toISOString();
    const today = localDate(nowIso, settings.timezone);
    const nowMinutes = localMinutesOn(nowIso, date, settings.timezone);
    if (date > today) return { date, written: 0 };
    const slots = (await staffStore.rosteredSlots(trx, school.id, date)).filter(
      (s) => date < today || nowMinutes > minutesOf(s.endsAt),
    );
    const kept = await staffStore.staffAttendanceOf(trx, school.id, date, date);
    const has = new Set(kept.map((k) => `${k.userId}|${k.sessionId}`));
    const rows = slots
      .filter((s) => !has.has(`${s.userId}|${s.sessionId}`))
      .map((s) => ({
        id: newId(),
        school_id: school.id,
        date,
        session_id: s.sessionId,
        user_id: s.userId,
        version: 1,
        status: 'absent',
        minutes_late: 0,
        excused: 0,
        reason: '',
        source: 'close',
        checked_in_at: null,
        recorded_by: actor?.userId ?? null,
        recorded_at: nowIso,
      }));
    let written = 0;
    const audit = auditor(ctx, actor, meta, school);
    for (const row of rows) {
      const inserted = await trx
        .insertInto('staff_attendance')
        .values(row)
        .onConflict((oc) => oc.columns(['date', 'session_id', 'user_id', 'version']).doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!inserted) continue;
      written++;
      await writeAudit(
        trx,
        audit('staffAttendance.absent', 'staff_attendance', row.id, null, {
          date,
          sessionId: row.session_id,
          userId: row.user_id,
          status: 'absent',
        }),
      );
    }
    return { date, written };
  });
}

export async function closeStaffAttendanceAsAdmin(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  date: string,
) {
  const { school } = await accessSchool(ctx.db, actor, schoolId, 'staffAttendance.write');
  return closeStaffAttendance(ctx, school.id, date, actor, meta);
}

export async function listStaffAttendance(
  ctx: AppContext,
  actor: Actor,
  schoolId: string,
  from: string,
  to: string,
): Promise<z.infer<typeof staffAttendanceList>> {
  const { school } = await accessSchool(ctx.db, actor, schoolId, 'staffAttendance.read');
  if (to < from) return { items: [] };
  return { items: (await staffStore.staffAttendanceOf(ctx.db, school.id, from, to)).map(toView) };
}

/** The school rules on a record: a new version, with the reason; an absence is excused or not. */
export async function ruleStaffAttendance(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  input: z.infer<typeof staffRulingInput>,
): Promise<View> {
  return ctx.db.transaction().execute(async (trx) => {
    const { school } = await accessSchool(trx, actor, schoolId, 'staffAttendance.write');
    const [session] = await staffStore.sessionTimes(trx, school.id, [input.sessionId]);
    if (!session) throw new AppError('NOT_FOUND');
    const user = await trx
      .selectFrom('role_grants')
      .select('user_id')
      .where('user_id', '=', input.userId)
      .where('school_id', '=', school.id)
      .executeTakeFirst();
    if (!user) throw new AppError('NOT_FOUND');
    const before = await inForce(trx, school.id, input.date, session.id, input.userId);
    const nowIso = ctx.now().toISOString();
    const row = {
      id: newId(),
      school_id: school.id,
      date: input.date,
      session_id: session.id,
      user_id: input.userId,
      version: (before?.version ?? 0) + 1,
      status: input.status,
      minutes_late: input.status === 'late' ? (before?.minutesLate ?? 0) : 0,
      excused: input.status === 'absent' ? (input.excused ? 1 : 0) : null,
      reason: input.reason,
      source: 'admin',
      checked_in_at: before?.checkedInAt ?? null,
      recorded_by: actor.userId,
      recorded_at: nowIso,
    };
    await trx.insertInto('staff_attendance').values(row).execute();
    await writeAudit(
      trx,
      auditor(ctx, actor, meta, school)(
        'staffAttendance.rule',
        'staff_attendance',
        row.id,
        before
          ? { version: before.version, status: before.status, excused: before.excused, reason: before.reason }
          : null,
        {
          date: row.date,
          sessionId: row.session_id,
          userId: row.user_id,
          version: row.version,
          status: row.status,
          excused: row.excused,
          reason: row.reason,
        },
      ),
    );
    return toView((await inForce(trx, school.id, input.date, session.id, input.userId))!);
  });
}
