// STAFF-1, STAFF-3: the school moves a student to another class of the same offering. The target's
// cap is checked under a lock; the old membership is ended and a new one started (history kept);
// the family is told which class the child is in now.
import type { z } from 'zod';
import { accessSchool, auditor } from '../../../server/auth/access';
import type { Actor } from '../../../server/auth/policies';
import { type AppContext, newId, type RequestMeta } from '../../../server/context';
import { AppError } from '../../../server/errors';
import { type IdempotentAnswer, runIdempotent } from '../../../server/idempotency';
import { writeAudit } from '../../audit/store';
import { notification } from '../../notify/messages';
import { notify } from '../../notify/store';
import { loadSettings } from '../../programme/settings';
import type { classDetail, moveInput, moveResult, seatInput } from '../contract';
import * as lookup from '../lookup-store';
import { checkRoom, freeSeat, moveSeat } from '../membership-rules';
import * as store from '../store';
import { capOfClass, classLink, loadClass } from './common';
import { readClassDetail } from './read';

export async function moveStudent(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  fromClassId: string,
  input: z.infer<typeof moveInput>,
  idempotencyKey?: string,
): Promise<IdempotentAnswer<z.infer<typeof moveResult>>> {
  // A retried move (a double tap, a lost answer) replays the first answer instead of failing with
  // "not in this class" once the first attempt has moved the student.
  return runIdempotent(
    ctx,
    {
      userId: actor.userId,
      key: idempotencyKey,
      operation: 'moveTempClassStudent',
      input: { schoolId, fromClassId, body: input },
    },
    async (trx) => {
      const { school } = await accessSchool(trx, actor, schoolId, 'tempClass.write');
      const from = await loadClass(trx, school.id, fromClassId);
      const to = await loadClass(trx, school.id, input.toClassId);
      if (to.offeringId !== from.offeringId || to.id === from.id)
        throw new AppError('TEMP_CLASS_OTHER_OFFERING');
      await store.lockClasses(trx, ctx.dialect, [from.id, to.id]);
      const members = await store.currentMembers(trx, [from.id, to.id]);
      const me = members.find((m) => m.tempClassId === from.id && m.studentId === input.studentId);
      if (!me) throw new AppError('TEMP_CLASS_NOT_MEMBER');
      const settings = await loadSettings(trx, school.id);
      const inTarget = members.filter((m) => m.tempClassId === to.id);
      // rule STAFF-1: the cap (kind, lowered by the venue) of the target class.
      checkRoom({ name: to.name, count: inTarget.length, cap: capOfClass(to, settings) });
      const at = ctx.now().toISOString();
      await store.endMemberships(trx, [me.id], at, actor.userId);
      const row = {
        id: newId(),
        temp_class_id: to.id,
        offering_id: to.offeringId,
        student_id: me.studentId,
        seat_no: freeSeat(inTarget.map((m) => m.seatNo)),
        joined_at: at,
        left_at: null,
        changed_by: actor.userId,
      };
      await store.insertMembers(trx, [row]);
      await writeAudit(trx, [
        auditor(ctx, actor, meta, school)(
          'tempClass.move',
          'student',
          me.studentId,
          { classId: from.id, className: from.name, seatNo: me.seatNo },
          { classId: to.id, className: to.name, seatNo: row.seat_no },
        ),
      ]);
      const [student, parents] = await Promise.all([
        lookup.studentBrief(trx, school.id, me.studentId),
        lookup.guardianUserIds(trx, me.studentId),
      ]);
      await notify(
        trx,
        at,
        parents.map((userId) =>
          notification(
            'tempClass.moved',
            { userId, schoolId: school.id },
            { student: student?.name ?? '', offering: to.offeringName, className: to.name },
            classLink(to.termId),
          ),
        ),
      );
      return {
        status: 200,
        body: {
          studentId: me.studentId,
          fromClassId: from.id,
          toClassId: to.id,
          toClassName: to.name,
          seatNo: row.seat_no,
          count: inTarget.length + 1,
          cap: capOfClass(to, settings),
        },
      };
    },
  );
}

/** The seat plan (座位表): a student takes a seat; whoever sat there takes theirs (a swap). */
export async function setSeat(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  classId: string,
  input: z.infer<typeof seatInput>,
): Promise<z.infer<typeof classDetail>> {
  await ctx.db.transaction().execute(async (trx) => {
    const { school } = await accessSchool(trx, actor, schoolId, 'tempClass.write');
    const cls = await loadClass(trx, school.id, classId);
    await store.lockClasses(trx, ctx.dialect, [cls.id]);
    const settings = await loadSettings(trx, school.id);
    const members = await store.currentMembers(trx, [cls.id]);
    const changes = moveSeat(members, input.studentId, input.seatNo, capOfClass(cls, settings));
    const byStudent = new Map(members.map((m) => [m.studentId, m]));
    for (const change of changes)
      await store.setSeat(trx, byStudent.get(change.studentId)!.id, change.seatNo);
    if (changes.length)
      await writeAudit(trx, [
        auditor(ctx, actor, meta, school)(
          'tempClass.seat',
          'temp_class',
          cls.id,
          changes.map((c) => ({ studentId: c.studentId, seatNo: byStudent.get(c.studentId)!.seatNo })),
          changes,
        ),
      ]);
  });
  return readClassDetail(ctx, actor, schoolId, classId);
}
