// STAFF-5: swapping a duty (换班). A teacher asks a colleague to take one of their published duties;
// the colleague accepts or declines; the school approves (the duty's person changes, audited
// before/after) or rejects. The swap row keeps the history; its status changes only through
// swapTransition (duty-rules.ts).
import type { z } from 'zod';
import { accessSchool, auditor } from '../../../server/auth/access';
import { type Actor, can } from '../../../server/auth/policies';
import { type AppContext, type Executor, newId, type RequestMeta } from '../../../server/context';
import { AppError } from '../../../server/errors';
import { type IdempotentAnswer, runIdempotent } from '../../../server/idempotency';
import { writeAudit } from '../../audit/store';
import { schoolAdminIds } from '../../enrolment/store';
import { notification } from '../../notify/messages';
import { notify } from '../../notify/store';
import { loadSettings } from '../../programme/settings';
import { type SwapStatus, swapActor, swapTransition } from '../duty-rules';
import * as swapStore from '../duty-store';
import type { SwapView, swapCandidates, swapEventInput, swapInput, swapList } from '../roster-contract';
import * as store from '../roster-store';
import { assertTaker, takerContext, takerProblem } from './duty-swap-check';
import { loadTermOf, todayOf } from './roster-common';

const link = '/duty/swaps';

async function loadPublishedDuty(db: Executor, schoolId: string, assignmentId: string) {
  const duty = await store.findDuty(db, schoolId, assignmentId);
  // Only a duty in force can be swapped; a draft's or a superseded version's does not exist here.
  if (duty?.rosterStatus !== 'published') throw new AppError('NOT_FOUND');
  return duty;
}

async function viewOf(db: Executor, schoolId: string, swapId: string): Promise<SwapView> {
  const [row] = await swapStore.listSwaps(db, schoolId, { ids: [swapId] });
  return row as SwapView;
}

export async function requestSwap(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  input: z.infer<typeof swapInput>,
  idempotencyKey?: string,
): Promise<IdempotentAnswer<SwapView>> {
  return runIdempotent(
    ctx,
    {
      userId: actor.userId,
      key: idempotencyKey,
      operation: 'requestDutySwap',
      input: { schoolId, body: input },
    },
    async (trx) => {
      const { school } = await accessSchool(trx, actor, schoolId, 'duty.swap');
      // Locked: two requests at once for one duty cannot both find no open swap.
      await store.lockDuty(trx, ctx.dialect, input.assignmentId);
      const duty = await loadPublishedDuty(trx, school.id, input.assignmentId);
      if (duty.userId !== actor.userId) throw new AppError('DUTY_NOT_YOURS');
      const settings = await loadSettings(trx, school.id);
      if (duty.date < todayOf(ctx.now(), settings)) throw new AppError('DUTY_IN_PAST', { date: duty.date });
      if (input.toUserId === actor.userId) throw new AppError('SWAP_SAME_PERSON');
      if (await swapStore.openSwapOf(trx, duty.id)) throw new AppError('SWAP_PENDING');
      const term = await loadTermOf(trx, school.id, duty.termId);
      const context = await takerContext(trx, school.id, term, duty, settings);
      await assertTaker(trx, context, duty, input.toUserId, meta.locale);
      const at = ctx.now().toISOString();
      const row = {
        id: newId(),
        school_id: school.id,
        assignment_id: duty.id,
        from_user_id: actor.userId,
        to_user_id: input.toUserId,
        status: 'requested',
        reason: input.reason,
        requested_at: at,
        decided_by: null,
        decided_at: null,
        decision_note: null,
        accepted_at: null,
      };
      await swapStore.insertSwap(trx, row);
      await writeAudit(
        trx,
        auditor(ctx, actor, meta, school)('swap.request', 'duty_swap', row.id, null, {
          status: 'requested',
          assignmentId: duty.id,
          toUserId: input.toUserId,
          reason: input.reason,
        }),
      );
      const view = await viewOf(trx, school.id, row.id);
      await notify(trx, at, [
        notification(
          'swap.requested',
          { userId: input.toUserId, schoolId: school.id },
          { from: view.fromName, date: view.date, session: view.sessionName },
          link,
        ),
      ]);
      return { status: 201, body: view };
    },
  );
}

export async function answerSwap(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  swapId: string,
  input: z.infer<typeof swapEventInput>,
): Promise<SwapView> {
  return ctx.db.transaction().execute(async (trx) => {
    const { school } = await accessSchool(trx, actor, schoolId, 'duty.swap');
    const swap = await swapStore.lockSwap(trx, ctx.dialect, school.id, swapId);
    const isSchool = can(actor, 'duty.write', school);
    if (!swap || (!isSchool && swap.from_user_id !== actor.userId && swap.to_user_id !== actor.userId))
      throw new AppError('NOT_FOUND');
    const party = swapActor(input.event);
    const allowed =
      party === 'school'
        ? isSchool
        : party === 'from'
          ? swap.from_user_id === actor.userId
          : swap.to_user_id === actor.userId;
    if (!allowed) throw new AppError('SWAP_NOT_PARTY');
    const to = swapTransition(swap.status as SwapStatus, input.event);
    const at = ctx.now().toISOString();
    const audit = auditor(ctx, actor, meta, school);
    if (to === 'approved') {
      // Checked again: the roster may have changed since the colleague accepted.
      const duty = await loadPublishedDuty(trx, school.id, swap.assignment_id);
      if (duty.userId !== swap.from_user_id) throw new AppError('CONFLICT');
      const settings = await loadSettings(trx, school.id);
      if (duty.date < todayOf(ctx.now(), settings)) throw new AppError('DUTY_IN_PAST', { date: duty.date });
      const term = await loadTermOf(trx, school.id, duty.termId);
      const context = await takerContext(trx, school.id, term, duty, settings);
      const taker = await assertTaker(trx, context, duty, swap.to_user_id, meta.locale);
      await store.reassignDuty(trx, duty.id, taker.userId, taker.outsideStaffId);
      await writeAudit(
        trx,
        audit(
          'duty.reassign',
          'duty_assignment',
          duty.id,
          { userId: duty.userId, outsideStaffId: duty.outsideStaffId },
          { userId: taker.userId, outsideStaffId: taker.outsideStaffId, swapId: swap.id },
        ),
      );
    }
    const changes = {
      status: to,
      ...(input.event === 'accept' ? { accepted_at: at } : {}),
      ...(to === 'approved' || to === 'rejected' || to === 'cancelled'
        ? { decided_by: actor.userId, decided_at: at, decision_note: input.note || null }
        : {}),
    };
    await swapStore.updateSwap(trx, swap.id, changes);
    await writeAudit(
      trx,
      audit(
        `swap.${input.event}`,
        'duty_swap',
        swap.id,
        { status: swap.status },
        { status: to, note: input.note },
      ),
    );
    const view = await viewOf(trx, school.id, swap.id);
    const params = { date: view.date, session: view.sessionName };
    if (to === 'accepted') {
      const admins = await schoolAdminIds(trx, school.id);
      await notify(
        trx,
        at,
        admins.map((userId) =>
          notification(
            'swap.accepted',
            { userId, schoolId: school.id },
            { ...params, from: view.fromName, to: view.toName },
            link,
          ),
        ),
      );
    } else if (to === 'approved') {
      await notify(
        trx,
        at,
        [swap.from_user_id, swap.to_user_id].map((userId) =>
          notification(
            'swap.approved',
            { userId, schoolId: school.id },
            { ...params, to: view.toName },
            link,
          ),
        ),
      );
    } else if (to === 'rejected') {
      const tell = [swap.from_user_id, swap.to_user_id].filter((u) => u !== actor.userId);
      await notify(
        trx,
        at,
        tell.map((userId) =>
          notification(
            'swap.rejected',
            { userId, schoolId: school.id },
            { ...params, note: input.note },
            link,
          ),
        ),
      );
    }
    return view;
  });
}

/** The school sees every swap; a teacher the ones they asked or were asked. */
export async function listSwaps(
  ctx: AppContext,
  actor: Actor,
  schoolId: string,
  status?: SwapStatus,
): Promise<z.infer<typeof swapList>> {
  const { school } = await accessSchool(ctx.db, actor, schoolId, 'duty.swap');
  const items = await swapStore.listSwaps(ctx.db, school.id, {
    status,
    involving: can(actor, 'duty.write', school) ? undefined : actor.userId,
  });
  return { items: items as SwapView[] };
}

/** Colleagues who could take this duty now (the owner or the school asks). */
export async function listSwapCandidates(
  ctx: AppContext,
  actor: Actor,
  schoolId: string,
  assignmentId: string,
): Promise<z.infer<typeof swapCandidates>> {
  const { school } = await accessSchool(ctx.db, actor, schoolId, 'duty.swap');
  const duty = await loadPublishedDuty(ctx.db, school.id, assignmentId);
  if (duty.userId !== actor.userId && !can(actor, 'duty.write', school)) throw new AppError('NOT_FOUND');
  const settings = await loadSettings(ctx.db, school.id);
  const term = await loadTermOf(ctx.db, school.id, duty.termId);
  const context = await takerContext(ctx.db, school.id, term, duty, settings);
  const items: z.infer<typeof swapCandidates>['items'] = [];
  for (const p of context.people) {
    if (p.userId === duty.userId) continue;
    if ((await takerProblem(ctx.db, context, duty, p.userId)) === null)
      items.push({ userId: p.userId, name: p.name, subject: p.subject });
  }
  return { items };
}
