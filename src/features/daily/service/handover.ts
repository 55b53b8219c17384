// DAY-2 交接: at the start the last-period teacher (科任老师, who may have no account, so a name)
// hands the staying children to the care teacher with the leave news; at the end the care teacher
// hands the remaining children to the session's duty teacher (导护值班教师). Each handover records
// the count; one that differs from what the roll expects is flagged on the record and sent at once
// to the day's duty leaders (值班领导), or the school's administrators when the roster names none.
import type { z } from 'zod';
import { auditor } from '../../../server/auth/access';
import type { Actor } from '../../../server/auth/policies';
import { type AppContext, newId, type RequestMeta } from '../../../server/context';
import { AppError } from '../../../server/errors';
import { writeAudit } from '../../audit/store';
import { notification } from '../../notify/messages';
import { notify } from '../../notify/store';
import type { handoverInput, handoverList, handoverView } from '../contract';
import * as records from '../record-store';
import { type HandoverStage, handoverMismatch } from '../rules';
import * as store from '../store';
import { openClassDay } from './common';

type HandoverRow = Awaited<ReturnType<typeof records.handoversOf>>[number];

export function toHandoverView(r: HandoverRow): z.infer<typeof handoverView> {
  return {
    id: r.id,
    tempClassId: r.temp_class_id,
    date: r.date,
    stage: r.stage as HandoverStage,
    fromUserId: r.from_user_id,
    fromName: r.from_name,
    toUserId: r.to_user_id,
    toName: r.to_name,
    handedAt: r.handed_at,
    headCount: r.head_count,
    expectedCount: r.expected_count,
    mismatch: r.mismatch === 1,
    leaveNote: r.leave_note,
    note: r.note,
    recordedAt: r.recorded_at,
  };
}

const stageLabel: Record<HandoverStage, { zh: string; en: string }> = {
  last_period_to_care: {
    zh: '末节交接（任课教师→看护教师）',
    en: 'first handover (last-period teacher to care teacher)',
  },
  care_to_duty: { zh: '结束交接（看护教师→值班教师）', en: 'last handover (care teacher to duty teacher)' },
};

export async function listHandovers(
  ctx: AppContext,
  actor: Actor,
  schoolId: string,
  tempClassId: string,
  date: string,
): Promise<z.infer<typeof handoverList>> {
  const { cls } = await openClassDay(ctx, ctx.db, actor, schoolId, tempClassId, date, { write: false });
  return { items: (await records.handoversOf(ctx.db, [cls.id], date)).map(toHandoverView) };
}

export async function recordHandover(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  tempClassId: string,
  date: string,
  input: z.infer<typeof handoverInput>,
): Promise<z.infer<typeof handoverView>> {
  return ctx.db.transaction().execute(async (trx) => {
    const { school, cls } = await openClassDay(ctx, trx, actor, schoolId, tempClassId, date, { write: true });
    // Who gives and who receives. First stage: from the named last-period teacher to the caller
    // (the care teacher receiving the class). Last stage: from the caller to the duty teacher the
    // roster names for the session, unless the caller names who received the children.
    let fromUserId: string | null;
    let toUserId: string | null;
    if (input.stage === 'last_period_to_care') {
      fromUserId = input.fromUserId ?? null;
      toUserId = input.toUserId ?? actor.userId;
      if (!fromUserId && !input.fromName?.trim()) throw new AppError('HANDOVER_PARTY_MISSING');
    } else {
      fromUserId = input.fromUserId ?? actor.userId;
      const duty = await store.rosteredOn(trx, school.id, date, 'duty', cls.sessionId);
      toUserId = input.toUserId ?? duty[0]?.userId ?? null;
      if (!toUserId) throw new AppError('HANDOVER_PARTY_MISSING');
    }
    const names = await store.staffNames(
      trx,
      school.id,
      [fromUserId, toUserId].filter((x): x is string => x !== null),
    );
    if ((fromUserId && !names.has(fromUserId)) || (toUserId && !names.has(toUserId)))
      throw new AppError('NOT_FOUND');
    const expected = await store.expectedHeadCount(trx, cls.id, date, input.stage, cls.sessionId);
    // rule DAY-2: a count that differs from the roll is flagged.
    const mismatch = handoverMismatch(input.headCount, expected);
    const at = ctx.now().toISOString();
    const row = {
      id: newId(),
      school_id: school.id,
      temp_class_id: cls.id,
      date,
      stage: input.stage,
      from_user_id: fromUserId,
      from_name: fromUserId ? names.get(fromUserId)! : input.fromName!.trim(),
      to_user_id: toUserId,
      to_name: toUserId ? names.get(toUserId)! : '',
      handed_at: input.handedAt,
      head_count: input.headCount,
      expected_count: expected,
      mismatch: mismatch ? 1 : 0,
      leave_note: input.leaveNote,
      note: input.note,
      recorded_by: actor.userId,
      recorded_at: at,
    };
    await trx.insertInto('handovers').values(row).execute();
    await writeAudit(
      trx,
      auditor(ctx, actor, meta, school)('handover.record', 'handover', row.id, null, {
        tempClassId: cls.id,
        date,
        stage: row.stage,
        from: row.from_name,
        to: row.to_name,
        headCount: row.head_count,
        expectedCount: expected,
        mismatch,
      }),
    );
    if (mismatch) {
      const leaders = await store.rosteredOn(trx, school.id, date, 'leader');
      const to = leaders.length ? leaders : await store.schoolAdmins(trx, school.id);
      const by = (await store.userNames(trx, [actor.userId])).get(actor.userId) ?? '';
      await notify(
        trx,
        at,
        [...new Set(to.map((u) => u.userId))].map((userId) =>
          notification(
            'handover.mismatch',
            { userId, schoolId: school.id },
            {
              className: cls.name,
              stage: stageLabel[input.stage][meta.locale === 'en' ? 'en' : 'zh'],
              date,
              headCount: input.headCount,
              expected: expected ?? '',
              by,
            },
            `/daily/classes/${cls.id}/${date}/roll`,
          ),
        ),
      );
    }
    return toHandoverView(row);
  });
}
