// The school's controls over pickup: the "teacher hands over personally" flag (DAY-4 篇五) and
// lifting a code lock early (an unlock row; the failures stay as the log).
import { accessSchool, auditor } from '../../../server/auth/access';
import type { Actor } from '../../../server/auth/policies';
import { type AppContext, type Executor, newId, type RequestMeta } from '../../../server/context';
import { AppError } from '../../../server/errors';
import { writeAudit } from '../../audit/store';
import * as store from '../pickup-store';

async function studentOfSchool(db: Executor, schoolId: string, studentId: string) {
  const row = await db
    .selectFrom('students')
    .select('id')
    .where('id', '=', studentId)
    .where('school_id', '=', schoolId)
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

export async function setHandoverFlag(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  studentId: string,
  note: string | null,
) {
  return ctx.db.transaction().execute(async (trx) => {
    const { school } = await accessSchool(trx, actor, schoolId, 'pickup.flag');
    await studentOfSchool(trx, school.id, studentId);
    const before = (await store.handoverFlags(trx, [studentId])).get(studentId) ?? null;
    const at = ctx.now().toISOString();
    // A change ends the current flag and, unless clearing, starts a new one (history kept).
    await store.clearFlags(trx, studentId, actor.userId, at);
    if (note !== null)
      await store.insertFlag(trx, {
        id: newId(),
        school_id: school.id,
        student_id: studentId,
        note,
        set_by: actor.userId,
        set_at: at,
      });
    await writeAudit(
      trx,
      auditor(ctx, actor, meta, school)(
        note === null ? 'pickup.flag.clear' : 'pickup.flag.set',
        'student',
        studentId,
        before ? { note: before.note } : null,
        note === null ? null : { note },
      ),
    );
    return { studentId, note, setAt: note === null ? null : at };
  });
}

export async function unlockPickup(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  input: { studentId?: string | undefined; teacherId?: string | undefined },
) {
  return ctx.db.transaction().execute(async (trx) => {
    const { school } = await accessSchool(trx, actor, schoolId, 'pickup.unlock');
    if (input.studentId) await studentOfSchool(trx, school.id, input.studentId);
    if (input.teacherId) {
      const grant = await trx
        .selectFrom('role_grants')
        .select('id')
        .where('user_id', '=', input.teacherId)
        .where('school_id', '=', school.id)
        .executeTakeFirst();
      if (!grant) throw new AppError('NOT_FOUND');
    }
    const at = ctx.now().toISOString();
    const row = {
      id: newId(),
      school_id: school.id,
      student_id: input.studentId ?? null,
      teacher_id: input.teacherId ?? null,
      unlocked_by: actor.userId,
      at,
    };
    await store.insertUnlock(trx, row);
    await writeAudit(
      trx,
      auditor(ctx, actor, meta, school)(
        'pickup.unlock',
        input.studentId ? 'student' : 'user',
        (input.studentId ?? input.teacherId)!,
        null,
        { at },
      ),
    );
    return { unlocked: true as const, at };
  });
}
