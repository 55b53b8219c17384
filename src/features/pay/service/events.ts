// PAY-4, PAY-5: the school enters a dereliction, a safety incident or an ethics breach against a
// teacher; append-only: a mistake is withdrawn by a new row with the reason. Audited.
import { isUniqueViolation } from '../../../db/dialect';
import { accessSchool, auditor } from '../../../server/auth/access';
import type { Actor } from '../../../server/auth/policies';
import { type AppContext, newId, type RequestMeta } from '../../../server/context';
import { AppError } from '../../../server/errors';
import { writeAudit } from '../../audit/store';
import { termOf } from '../../programme/service/common';
import type { PayEventInput, PayEventView } from '../contract';
import * as store from '../store';

const staffRoles = ['school_admin', 'class_teacher', 'care_teacher', 'finance', 'outside_staff'];

async function eventView(
  ctx: AppContext,
  schoolId: string,
  termId: string,
  id: string,
): Promise<PayEventView> {
  const items = await store.listEvents(ctx.db, schoolId, termId);
  return items.find((e) => e.id === id)!;
}

export async function listPayEvents(ctx: AppContext, actor: Actor, schoolId: string, termId: string) {
  const { school } = await accessSchool(ctx.db, actor, schoolId, 'pay.read');
  const term = await termOf(ctx.db, school.id, termId);
  return { items: await store.listEvents(ctx.db, school.id, term.id) };
}

export async function recordPayEvent(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  input: PayEventInput,
): Promise<PayEventView> {
  const id = await ctx.db.transaction().execute(async (trx) => {
    const { school } = await accessSchool(trx, actor, schoolId, 'pay.event.write');
    const term = await termOf(trx, school.id, input.termId);
    if (input.date < term.startsOn || input.date > term.endsOn)
      throw new AppError('PAY_EVENT_NOT_IN_TERM', { date: input.date });
    const staff = await trx
      .selectFrom('role_grants')
      .select('id')
      .where('user_id', '=', input.userId)
      .where('school_id', '=', school.id)
      .where('role', 'in', staffRoles)
      .executeTakeFirst();
    if (!staff) throw new AppError('PAY_EVENT_NOT_STAFF');
    const row = {
      id: newId(),
      school_id: school.id,
      term_id: term.id,
      user_id: input.userId,
      kind: input.kind,
      date: input.date,
      note: input.note,
      withdraws_id: null,
      recorded_by: actor.userId,
      recorded_at: ctx.now().toISOString(),
    };
    await store.insertEvent(trx, row);
    await writeAudit(
      trx,
      auditor(ctx, actor, meta, school)('pay.event.record', 'pay_event', row.id, null, row),
    );
    return row.id;
  });
  return eventView(ctx, schoolId, input.termId, id);
}

export async function withdrawPayEvent(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  eventId: string,
  reason: string,
): Promise<PayEventView> {
  const termId = await ctx.db.transaction().execute(async (trx) => {
    const { school } = await accessSchool(trx, actor, schoolId, 'pay.event.write');
    const event = await store.findEvent(trx, school.id, eventId);
    if (!event || event.kind === 'withdrawal') throw new AppError('NOT_FOUND');
    if (await store.withdrawalOf(trx, event.id)) throw new AppError('PAY_EVENT_WITHDRAWN');
    const row = {
      id: newId(),
      school_id: school.id,
      term_id: event.term_id,
      user_id: event.user_id,
      kind: 'withdrawal',
      date: event.date,
      note: reason,
      withdraws_id: event.id,
      recorded_by: actor.userId,
      recorded_at: ctx.now().toISOString(),
    };
    // The unique withdraws_id settles two withdrawals racing: the loser is told it is withdrawn.
    try {
      await store.insertEvent(trx, row);
    } catch (err) {
      if (isUniqueViolation(err)) throw new AppError('PAY_EVENT_WITHDRAWN');
      throw err;
    }
    await writeAudit(
      trx,
      auditor(ctx, actor, meta, school)('pay.event.withdraw', 'pay_event', event.id, event, row),
    );
    return event.term_id;
  });
  return eventView(ctx, schoolId, termId, eventId);
}
