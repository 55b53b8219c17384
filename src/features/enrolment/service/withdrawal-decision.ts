// The school decides a family's written withdrawal request (退出申请, rule ENR-6). Approval takes
// the line (or, for the whole application, every line still active) out and offers each freed
// place to the waitlist in the same transaction; a refusal says why. The family is told either way.
import { accessSchool, auditor } from '../../../server/auth/access';
import type { Actor } from '../../../server/auth/policies';
import type { AppContext, RequestMeta } from '../../../server/context';
import { AppError } from '../../../server/errors';
import { type AuditEntry, writeAudit } from '../../audit/store';
import { notification } from '../../notify/messages';
import { notify } from '../../notify/store';
import type { WithdrawalDecisionInput, WithdrawalDecisionView } from '../draw-contract';
import * as store from '../draw-store';
import {
  type ApplicationStatus,
  canTransition,
  type LineStatus,
  lineTransition,
  lineTransitions,
  placeHolding,
  transition,
  type WithdrawalStatus,
  withdrawalTransition,
} from '../rules';
import { offerFreedPlaces, settleApplication } from './waitlist';

const canLeave = (status: string) => lineTransitions[status as LineStatus]?.withdraw !== undefined;

export async function decideWithdrawal(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  withdrawalId: string,
  input: WithdrawalDecisionInput,
): Promise<WithdrawalDecisionView> {
  return ctx.db.transaction().execute(async (trx) => {
    const access = await accessSchool(trx, actor, schoolId, 'withdrawal.decide');
    // Locked first: two admins deciding the same request queue here (lock order: request, offerings).
    const request = await store.findWithdrawal(trx, ctx.dialect, access.school.id, withdrawalId);
    if (!request) throw new AppError('NOT_FOUND');
    const to = withdrawalTransition(request.status as WithdrawalStatus, input.decision);
    const at = ctx.now().toISOString();
    const audit = auditor(ctx, actor, meta, access.school);
    const app = await store.applicationOf(trx, request.application_id);
    let applicationStatus = app.status as ApplicationStatus;
    let withdrawnLines = 0;
    let offersMade = 0;
    const entries: AuditEntry[] = [];
    const named = request.line_id ? await store.findLine(trx, access.school.id, request.line_id) : null;
    if (request.line_id && !named) throw new AppError('NOT_FOUND');
    const offeringName = named?.offeringName ?? '';

    if (input.decision === 'approve') {
      const whole = request.line_id === null;
      const before = await store.lineStatusesOf(trx, app.id);
      const leaving = whole ? before : before.filter((l) => l.id === request.line_id);
      // Offerings locked in one order (by id), so two decisions never wait on each other in a circle.
      const offerings = [...new Set(leaving.map((l) => l.offeringId))].sort();
      for (const id of offerings) await store.lockOffering(trx, ctx.dialect, id);
      // Read again under the locks: an offer may have been accepted, lapsed or made meanwhile.
      const lines = (await store.lineStatusesOf(trx, app.id)).filter((l) =>
        leaving.some((n) => n.id === l.id),
      );
      applicationStatus = (await store.applicationOf(trx, app.id)).status as ApplicationStatus;
      // A single named line must be able to leave; for the whole application, lines already gone stay so.
      if (!whole) lineTransition(lines[0]!.status as LineStatus, 'withdraw');
      const freed = new Set<string>();
      for (const line of lines.filter((l) => canLeave(l.status))) {
        const next = lineTransition(line.status as LineStatus, 'withdraw');
        if ((await store.setLineStatus(trx, [line.id], line.status as LineStatus, next, at)) !== 1)
          throw new AppError('CONFLICT');
        entries.push(
          audit('line.withdraw', 'application_line', line.id, { status: line.status }, { status: next }),
        );
        if (placeHolding.includes(line.status as LineStatus)) freed.add(line.offeringId);
        withdrawnLines++;
      }
      await writeAudit(trx, entries.splice(0));
      if (whole && canTransition(applicationStatus, 'withdraw')) {
        const next = transition(applicationStatus, 'withdraw');
        if ((await store.setApplicationStatus(trx, [app.id], applicationStatus, next, at)) !== 1)
          throw new AppError('CONFLICT');
        entries.push(
          audit(
            'application.withdraw',
            'application',
            app.id,
            { status: applicationStatus },
            {
              status: next,
              withdrawalId: request.id,
            },
          ),
        );
        applicationStatus = next;
      } else if (!whole) {
        applicationStatus = await settleApplication(trx, app.id, at, audit, 'withdrawal');
      }
      for (const offeringId of [...freed].sort()) {
        offersMade += (await offerFreedPlaces(trx, ctx, offeringId, at, audit)).length;
      }
    }

    const note = input.note?.trim() || null;
    const decided = await trx
      .updateTable('withdrawals')
      .set({ status: to, decided_by: actor.userId, decided_at: at, decision_note: note })
      .where('id', '=', request.id)
      .where('status', '=', request.status)
      .executeTakeFirst();
    if (Number(decided.numUpdatedRows) !== 1) throw new AppError('CONFLICT');
    entries.push(
      audit(
        `withdrawal.${input.decision}`,
        'withdrawal',
        request.id,
        { status: request.status },
        {
          status: to,
          note,
          withdrawnLines,
          offersMade,
        },
      ),
    );
    await writeAudit(trx, entries);
    // The inbox texts name what is left ("item": an offering, or the whole term) and why not.
    const recipient = { userId: request.requested_by, schoolId: access.school.id };
    const link = `/enrolment/applications/${app.id}`;
    const item = offeringName || app.termName;
    await notify(trx, at, [
      input.decision === 'approve'
        ? notification(
            'withdrawal.approved',
            recipient,
            { student: app.studentName, item, effectiveOn: request.effective_on },
            link,
          )
        : notification(
            'withdrawal.rejected',
            recipient,
            { student: app.studentName, item, reason: note ?? '' },
            link,
          ),
    ]);
    return {
      id: request.id,
      applicationId: app.id,
      lineId: request.line_id,
      status: to,
      decidedAt: at,
      decisionNote: note,
      applicationStatus,
      withdrawnLines,
      offersMade,
    };
  });
}
