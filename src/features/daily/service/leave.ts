// DAY-3 请假: a parent reports that a child will be absent for a day or a range, for one session or
// all of them; the class teacher or the school may enter it for the family (audited, and the family
// is told). It may be cancelled before its first day. The care teacher sees it on the roll sheet.
import type { z } from 'zod';
import { accessSchool, auditor } from '../../../server/auth/access';
import type { Actor } from '../../../server/auth/policies';
import { type AppContext, newId, type RequestMeta } from '../../../server/context';
import { AppError } from '../../../server/errors';
import { writeAudit } from '../../audit/store';
import { notification } from '../../notify/messages';
import { notify } from '../../notify/store';
import { findStudent, guardiansOf } from '../../people/store';
import { localDate, schoolDays, type TermDay } from '../../programme/rules';
import { loadSettings } from '../../programme/settings';
import type { leaveInput, leaveList, leaveListQuery, leaveView } from '../contract';
import * as leaveStore from '../leave-store';
import { canCancelLeave, checkLeaveDates, parseWeekdays } from '../rules';

type LeaveRow = Awaited<ReturnType<typeof leaveStore.listLeave>>[number];

function toView(r: LeaveRow): z.infer<typeof leaveView> {
  return {
    id: r.id,
    studentId: r.studentId,
    studentName: r.studentName,
    fromDate: r.fromDate,
    toDate: r.toDate,
    sessionId: r.sessionId,
    sessionName: r.sessionName,
    reason: r.reason,
    status: r.status as 'reported' | 'cancelled',
    reportedBy: r.reportedBy,
    reportedAt: r.reportedAt,
    onBehalf: r.onBehalf,
  };
}

export async function reportLeave(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  input: z.infer<typeof leaveInput>,
): Promise<z.infer<typeof leaveView>> {
  return ctx.db.transaction().execute(async (trx) => {
    const { school, scope } = await accessSchool(trx, actor, schoolId, 'leave.report');
    const student = await findStudent(trx, school.id, input.studentId, scope);
    if (!student) throw new AppError('NOT_FOUND');
    const settings = await loadSettings(trx, school.id);
    const today = localDate(ctx.now().toISOString(), settings.timezone);
    const term = await leaveStore.termFor(trx, school.id, input.fromDate);
    if (!term) throw new AppError('LEAVE_NO_SCHOOL_DAY');
    // rule DAY-3: within the term, not in the past.
    checkLeaveDates(input, term, today);
    const session = input.sessionId
      ? await leaveStore.sessionOf(trx, school.id, term.id, input.sessionId)
      : null;
    if (input.sessionId && !session) throw new AppError('NOT_FOUND');
    const calendar = (await leaveStore.termDaysBetween(
      trx,
      term.id,
      input.fromDate,
      input.toDate,
    )) as TermDay[];
    const days = schoolDays({ startsOn: input.fromDate, endsOn: input.toDate }, calendar);
    const weekdays = session ? parseWeekdays(session.weekdays) : null;
    if (!days.some((d) => !weekdays || weekdays.includes(d.timetableWeekday)))
      throw new AppError('LEAVE_NO_SCHOOL_DAY');
    const at = ctx.now().toISOString();
    const row = {
      id: newId(),
      school_id: school.id,
      student_id: student.id,
      from_date: input.fromDate,
      to_date: input.toDate,
      session_id: session?.id ?? null,
      reason: input.reason,
      status: 'reported',
      reported_by: actor.userId,
      reported_at: at,
      cancelled_by: null,
      cancelled_at: null,
    };
    await trx.insertInto('leave_requests').values(row).execute();
    const [view] = await leaveStore.listLeave(trx, school.id, { all: true }, { ids: [row.id] });
    await writeAudit(
      trx,
      auditor(ctx, actor, meta, school)('leave.report', 'leave_request', row.id, null, {
        studentId: student.id,
        fromDate: row.from_date,
        toDate: row.to_date,
        sessionId: row.session_id,
        reason: row.reason,
        onBehalf: view!.onBehalf,
      }),
    );
    // rule DAY-3: leave reported on the day itself reaches the care teacher before the roll call.
    if (row.from_date <= today && today <= row.to_date) {
      const teachers = (await leaveStore.careTeachersOn(trx, school.id, student.id, today)).filter(
        (c) => row.session_id === null || c.sessionId === row.session_id,
      );
      await notify(
        trx,
        at,
        teachers.map((c) =>
          notification(
            'leave.today',
            { userId: c.userId, schoolId: school.id },
            { student: student.name, className: c.className, date: today, reason: row.reason },
            '/daily',
          ),
        ),
      );
    }
    if (view!.onBehalf) {
      // The family learns of leave the school entered for them.
      const guardians = (await guardiansOf(trx, [student.id])).filter((g) => g.userId);
      await notify(
        trx,
        at,
        guardians.map((g) =>
          notification(
            'leave.enteredForFamily',
            { userId: g.userId!, schoolId: school.id },
            {
              student: student.name,
              fromDate: row.from_date,
              toDate: row.to_date,
              reason: row.reason,
              by: actor.displayName,
            },
            '/daily/leave',
          ),
        ),
      );
    }
    return toView(view!);
  });
}

export async function listLeave(
  ctx: AppContext,
  actor: Actor,
  schoolId: string,
  query: z.infer<typeof leaveListQuery>,
): Promise<z.infer<typeof leaveList>> {
  const { school, scope } = await accessSchool(ctx.db, actor, schoolId, 'leave.read');
  const rows = await leaveStore.listLeave(ctx.db, school.id, scope, query);
  return { items: rows.map(toView) };
}

export async function cancelLeave(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  leaveId: string,
): Promise<z.infer<typeof leaveView>> {
  return ctx.db.transaction().execute(async (trx) => {
    const { school, scope } = await accessSchool(trx, actor, schoolId, 'leave.report');
    const [leave] = await leaveStore.listLeave(trx, school.id, scope, { ids: [leaveId] });
    if (!leave) throw new AppError('NOT_FOUND');
    const settings = await loadSettings(trx, school.id);
    const today = localDate(ctx.now().toISOString(), settings.timezone);
    // rule DAY-3: cancelled only before its first day (a started leave is history for the roll).
    if (!canCancelLeave(leave, today)) throw new AppError('LEAVE_NOT_CANCELLABLE');
    const at = ctx.now().toISOString();
    const changed = await trx
      .updateTable('leave_requests')
      .set({ status: 'cancelled', cancelled_by: actor.userId, cancelled_at: at })
      .where('id', '=', leave.id)
      .where('status', '=', 'reported')
      .executeTakeFirst();
    if (Number(changed.numUpdatedRows) !== 1) throw new AppError('LEAVE_NOT_CANCELLABLE');
    await writeAudit(
      trx,
      auditor(ctx, actor, meta, school)(
        'leave.cancel',
        'leave_request',
        leave.id,
        { status: 'reported' },
        { status: 'cancelled' },
      ),
    );
    return toView({ ...leave, status: 'cancelled' });
  });
}
