// DAY-1 点名: the care teacher marks the whole class in one save. Version 1 is the roll call; any
// later save is a correction kept as a new version (never an overwrite, SAFE-1), audited with the
// marks before and after. An Idempotency-Key makes a retry from a phone with a bad connection, or
// the offline queue sending again, return the first answer instead of a second version.
import type { z } from 'zod';
import { insertInChunks } from '../../../db/batch';
import { auditor } from '../../../server/auth/access';
import type { Actor } from '../../../server/auth/policies';
import { type AppContext, newId, type RequestMeta } from '../../../server/context';
import { AppError } from '../../../server/errors';
import { type IdempotentAnswer, runIdempotent } from '../../../server/idempotency';
import { writeAudit } from '../../audit/store';
import type { rollSaved, rollSaveInput, rollSheet } from '../contract';
import { rollsInForce } from '../roll-read';
import {
  checkRollMarks,
  countMarks,
  leaveCovers,
  onSiteCount,
  prefillStatus,
  type RollStatus,
} from '../rules';
import * as store from '../store';
import { openClassDay } from './common';

export async function getRollSheet(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  tempClassId: string,
  date: string,
  print = false,
): Promise<z.infer<typeof rollSheet>> {
  const { school, cls, role } = await openClassDay(ctx, ctx.db, actor, schoolId, tempClassId, date, {
    write: false,
  });
  // SAFE-2: a class list on paper leaves the system, so printing it is recorded like a roster.
  if (print)
    await writeAudit(
      ctx.db,
      auditor(ctx, actor, meta, school)('rollCall.print', 'temp_class', cls.id, null, { date, as: role }),
    );
  const members = await store.membersOf(ctx.db, cls.id);
  const [leave, rolls] = await Promise.all([
    store.leaveOn(
      ctx.db,
      members.map((m) => m.studentId),
      date,
    ),
    rollsInForce(ctx.db, [cls.id], date),
  ]);
  const roll = rolls.get(cls.id);
  const marks = new Map(roll?.marks.map((m) => [m.studentId, m]));
  const takenBy = roll ? (await store.userNames(ctx.db, [roll.takenBy])).get(roll.takenBy) : null;
  const rows = members.map((m) => {
    // rule DAY-3: the care teacher sees the leave before the roll call.
    const onLeave = leave.find((l) => l.studentId === m.studentId && leaveCovers(l, date, cls.sessionId));
    const mark = marks.get(m.studentId);
    return {
      ...m,
      status: prefillStatus(mark?.status, onLeave),
      note: mark?.note ?? '',
      leave: onLeave ? { id: onLeave.id, reason: onLeave.reason } : null,
    };
  });
  return {
    tempClassId: cls.id,
    className: cls.name,
    date,
    version: roll?.version ?? null,
    takenBy: takenBy ?? null,
    markedAt: roll?.markedAt ?? null,
    members: rows,
    counts: countMarks(rows),
  };
}

export async function saveRollCall(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  tempClassId: string,
  date: string,
  input: z.infer<typeof rollSaveInput>,
  idempotencyKey?: string,
): Promise<IdempotentAnswer<z.infer<typeof rollSaved>>> {
  // Who may save, and whether the date may be recorded, read before the write transaction: on
  // SQLite the one connection is then held only for the writes and what they depend on, which is
  // what bounds how many classes can save per second (the bench's 50 teachers at the bell).
  const { school, cls } = await openClassDay(ctx, ctx.db, actor, schoolId, tempClassId, date, {
    write: true,
  });
  return runIdempotent(
    ctx,
    {
      userId: actor.userId,
      key: idempotencyKey,
      operation: 'saveRollCall',
      input: { schoolId, tempClassId, date, body: input },
    },
    async (trx) => {
      // Locked: two teachers correcting at once get versions one after the other.
      await store.lockClass(trx, ctx.dialect, school.id, cls.id);
      const memberIds = await store.memberIdsOf(trx, cls.id);
      // rule DAY-1: every current member exactly once.
      checkRollMarks(memberIds, input.marks);
      const [before, leave] = await Promise.all([
        store.latestRoll(trx, cls.id, date),
        store.leaveOn(
          trx,
          input.marks.filter((m) => m.status === 'leave').map((m) => m.studentId),
          date,
        ),
      ]);
      const previousVersion = before?.version ?? 0;
      if (input.baseVersion != null && input.baseVersion !== previousVersion)
        throw new AppError('ROLL_CHANGED_MEANWHILE', { version: previousVersion });
      const savedAt = ctx.now().toISOString();
      const roll = {
        id: newId(),
        school_id: school.id,
        temp_class_id: cls.id,
        date,
        version: previousVersion + 1,
        taken_by: actor.userId,
        marked_at: input.markedAt,
        saved_at: savedAt,
        // On site: present or late, the count handovers compare with (DAY-2).
        present_count: onSiteCount(input.marks),
        note: input.note,
      };
      await trx.insertInto('roll_calls').values(roll).execute();
      const leaveOf = new Map(
        leave.filter((l) => leaveCovers(l, date, cls.sessionId)).map((l) => [l.studentId, l.id]),
      );
      await insertInChunks(
        trx,
        'roll_call_marks',
        input.marks.map((m) => ({
          roll_call_id: roll.id,
          student_id: m.studentId,
          status: m.status,
          leave_request_id: m.status === 'leave' ? (leaveOf.get(m.studentId) ?? null) : null,
          note: m.note,
        })),
      );
      const summary = (marks: readonly { studentId: string; status: RollStatus; note: string }[]) =>
        Object.fromEntries(marks.map((m) => [m.studentId, m.note ? `${m.status}: ${m.note}` : m.status]));
      await writeAudit(
        trx,
        auditor(ctx, actor, meta, school)(
          before ? 'rollCall.correct' : 'rollCall.take',
          'roll_call',
          roll.id,
          before ? { version: before.version, marks: summary(before.marks) } : null,
          {
            tempClassId: cls.id,
            date,
            version: roll.version,
            markedAt: roll.marked_at,
            marks: summary(input.marks),
          },
        ),
      );
      return {
        status: 201,
        body: {
          id: roll.id,
          tempClassId: cls.id,
          date,
          version: roll.version,
          markedAt: roll.marked_at,
          savedAt,
          presentCount: roll.present_count,
          counts: countMarks(input.marks),
        },
      };
    },
  );
}
