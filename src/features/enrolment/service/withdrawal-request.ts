// ENR-6: a family asks in writing to leave, at least N days ahead (setting, default 7), for the
// whole application or one offering; the school decides (the decision, which frees the place to
// the waitlist, lives in withdrawal-decision.ts). One open request per application at a time.
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
import { assertWithdrawalNotice, localDate } from '../application-rules';
import type { WithdrawalView, withdrawalInput, withdrawalList, withdrawalListQuery } from '../contract';
import { statusLabel } from '../labels';
import { type ApplicationStatus, placeHolding } from '../rules';
import * as store from '../store';
import * as withdrawalStore from '../withdrawal-store';
import { applicationLink, loadApplication, loadTerm } from './common';

/** Statuses in which an application holds places (ENR-6 is about leaving a place). */
const holdingPlaces: readonly ApplicationStatus[] = ['offered', 'agreed', 'enrolled'];

export async function requestWithdrawal(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  applicationId: string,
  input: z.infer<typeof withdrawalInput>,
  idempotencyKey?: string,
): Promise<IdempotentAnswer<WithdrawalView>> {
  return runIdempotent(
    ctx,
    {
      userId: actor.userId,
      key: idempotencyKey,
      operation: 'requestWithdrawal',
      input: { schoolId, applicationId, body: input },
    },
    async (trx) => {
      const { school, scope } = await accessSchool(trx, actor, schoolId, 'withdrawal.request');
      // Locked: two requests at once cannot both find "no open request".
      const application = await loadApplication(trx, ctx, school.id, applicationId, scope, { lock: true });
      if (!holdingPlaces.includes(application.status))
        throw new AppError('WITHDRAWAL_NOT_ALLOWED', {
          status: statusLabel(application.status, meta.locale),
        });
      const lines = await store.linesOf(trx, [application.id]);
      const line = input.lineId ? lines.find((l) => l.id === input.lineId) : undefined;
      if (input.lineId && !line) throw new AppError('NOT_FOUND');
      if (line && !placeHolding.includes(line.status))
        throw new AppError('WITHDRAWAL_LINE_NOT_HELD', { offering: line.offeringName });
      const open = (await withdrawalStore.withdrawalsOf(trx, [application.id])).find(
        (w) => w.status === 'requested',
      );
      if (open) throw new AppError('WITHDRAWAL_PENDING', { effectiveOn: open.effectiveOn });
      // rule ENR-6: at least `withdrawalNoticeDays` after today, in the school's time zone.
      const settings = await loadSettings(trx, school.id);
      const now = ctx.now();
      assertWithdrawalNotice(
        input.effectiveOn,
        localDate(now, settings.timezone),
        settings.withdrawalNoticeDays,
      );
      const at = now.toISOString();
      const row = {
        id: newId(),
        school_id: school.id,
        application_id: application.id,
        line_id: line?.id ?? null,
        reason: input.reason,
        effective_on: input.effectiveOn,
        status: 'requested',
        requested_by: actor.userId,
        requested_at: at,
        decided_by: null,
        decided_at: null,
        decision_note: null,
      };
      await withdrawalStore.insertWithdrawal(trx, row);
      await writeAudit(
        trx,
        auditor(ctx, actor, meta, school)('withdrawal.request', 'withdrawal', row.id, null, {
          status: 'requested',
          applicationId: application.id,
          lineId: row.line_id,
          effectiveOn: row.effective_on,
          reason: row.reason,
        }),
      );
      const [term, students, admins] = await Promise.all([
        loadTerm(trx, school.id, application.termId),
        store.studentsOf(trx, [application.studentId]),
        store.schoolAdminIds(trx, school.id),
      ]);
      const student = students.get(application.studentId)?.name ?? '';
      const item = line ? line.offeringName : term.name;
      await notify(
        trx,
        at,
        admins.map((userId) =>
          notification(
            'withdrawal.requested',
            { userId, schoolId: school.id },
            { student, item, effectiveOn: row.effective_on },
            applicationLink(application.id),
          ),
        ),
      );
      const view = (await withdrawalStore.withdrawalsOf(trx, [application.id])).find((w) => w.id === row.id)!;
      return { status: 201, body: view };
    },
  );
}

export async function listWithdrawals(
  ctx: AppContext,
  actor: Actor,
  schoolId: string,
  query: z.infer<typeof withdrawalListQuery>,
): Promise<z.infer<typeof withdrawalList>> {
  // The school decides withdrawals, so the school reads the queue.
  const { school } = await accessSchool(ctx.db, actor, schoolId, 'withdrawal.decide');
  return withdrawalStore.listWithdrawals(ctx.db, school.id, {
    status: query.status,
    termId: query.termId,
    offset: (query.page - 1) * query.pageSize,
    limit: query.pageSize,
  });
}
