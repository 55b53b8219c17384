// DAY-6 看管记录 and DAY-8 活动记录表: one record per class per day, written by whoever stands for the
// class. It is complete when every required field is filled (rules.requiredCareLogFields), which
// later decides the session's pay points (PAY-3). A change is a new version, audited (SAFE-1).
import type { z } from 'zod';
import { auditor } from '../../../server/auth/access';
import type { Actor } from '../../../server/auth/policies';
import { type AppContext, newId, type RequestMeta } from '../../../server/context';
import { AppError } from '../../../server/errors';
import { writeAudit } from '../../audit/store';
import type { careLogInput, careLogView } from '../contract';
import * as records from '../record-store';
import { type HomeworkAnswer, missingCareLogFields, requiredCareLogFields } from '../rules';
import { openClassDay } from './common';

type CareLogRow = Awaited<ReturnType<typeof records.careLogsOn>>[number];

function toView(cls: { kind: string; id: string; name: string }, date: string, row: CareLogRow | undefined) {
  const kind = cls.kind;
  const log = {
    content: row?.content ?? '',
    topic: row?.topic ?? '',
    headCount: row?.head_count ?? null,
    startedAt: row?.started_at ?? null,
    endedAt: row?.ended_at ?? null,
    homework: (row?.homework ?? null) as HomeworkAnswer | null,
  };
  const missing = missingCareLogFields(kind, log);
  return {
    tempClassId: cls.id,
    className: cls.name,
    date,
    kind,
    version: row?.version ?? null,
    ...log,
    behaviour: row?.behaviour ?? '',
    notes: row?.notes ?? '',
    complete: row ? row.complete === 1 : false,
    missing,
    required: requiredCareLogFields(kind),
    writtenAt: row?.written_at ?? null,
  };
}

export async function getCareLog(
  ctx: AppContext,
  actor: Actor,
  schoolId: string,
  tempClassId: string,
  date: string,
): Promise<z.infer<typeof careLogView>> {
  const { cls } = await openClassDay(ctx, ctx.db, actor, schoolId, tempClassId, date, { write: false });
  const [row] = await records.careLogsOn(ctx.db, [cls.id], date);
  return toView(cls, date, row);
}

export async function saveCareLog(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  tempClassId: string,
  date: string,
  input: z.infer<typeof careLogInput>,
): Promise<z.infer<typeof careLogView>> {
  return ctx.db.transaction().execute(async (trx) => {
    const { school, cls } = await openClassDay(ctx, trx, actor, schoolId, tempClassId, date, {
      write: true,
      lock: true,
    });
    const [previous] = await records.careLogsOn(trx, [cls.id], date);
    const previousVersion = previous?.version ?? 0;
    if (input.baseVersion != null && input.baseVersion !== previousVersion)
      throw new AppError('CARE_LOG_CHANGED_MEANWHILE', { version: previousVersion });
    const fields = {
      content: input.content,
      topic: input.topic,
      headCount: input.headCount ?? null,
      startedAt: input.startedAt ?? null,
      endedAt: input.endedAt ?? null,
      homework: input.homework ?? null,
    };
    // rule DAY-8: complete when every required field is filled.
    const complete = missingCareLogFields(cls.kind, fields).length === 0;
    const row = {
      id: newId(),
      school_id: school.id,
      temp_class_id: cls.id,
      date,
      version: previousVersion + 1,
      content: fields.content,
      topic: fields.topic,
      head_count: fields.headCount,
      started_at: fields.startedAt,
      ended_at: fields.endedAt,
      homework: fields.homework,
      behaviour: input.behaviour,
      notes: input.notes,
      complete: complete ? 1 : 0,
      written_by: actor.userId,
      written_at: ctx.now().toISOString(),
    };
    await trx.insertInto('care_logs').values(row).execute();
    const audited = (r: typeof row | CareLogRow) => ({
      version: r.version,
      content: r.content,
      topic: r.topic,
      headCount: r.head_count,
      startedAt: r.started_at,
      endedAt: r.ended_at,
      homework: r.homework,
      behaviour: r.behaviour,
      notes: r.notes,
      complete: r.complete === 1,
    });
    await writeAudit(
      trx,
      auditor(ctx, actor, meta, school)(
        previous ? 'careLog.correct' : 'careLog.write',
        'care_log',
        row.id,
        previous ? audited(previous) : null,
        { tempClassId: cls.id, date, ...audited(row) },
      ),
    );
    return toView(cls, date, row);
  });
}
