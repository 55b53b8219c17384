// ENR-2's two reviews, in batches: the class teacher's pre-review (班级初审) of their own class,
// and the school's approval (学校核准). Each item succeeds or fails on its own; every move is
// audited with before/after status and the reason, and the family is told in the inbox.
import type { z } from 'zod';
import { accessSchool } from '../../../server/auth/access';
import type { Action, Actor } from '../../../server/auth/policies';
import type { AppContext, RequestMeta } from '../../../server/context';
import { messageFor } from '../../../server/errors';
import { runIdempotent } from '../../../server/idempotency';
import type { BatchResult, decideInput, preReviewInput } from '../contract';
import { eventLabel, statusLabel } from '../labels';
import type { ApplicationEvent } from '../rules';
import * as store from '../store';
import { notifyApplicants } from './common';
import { moveApplications } from './transition';

interface Review {
  operation: string;
  action: Action;
  event: ApplicationEvent;
  kind: 'application.preApproved' | 'application.returned' | 'application.approved' | 'application.rejected';
  /** A refused application's lines are released (rules: `withdrawn` also covers a rejection). */
  releasesLines: boolean;
}

async function review(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  ids: string[],
  reason: string | undefined,
  step: Review,
  idempotencyKey: string | undefined,
): Promise<BatchResult> {
  const answer = await runIdempotent(
    ctx,
    {
      userId: actor.userId,
      key: idempotencyKey,
      operation: step.operation,
      input: { schoolId, ids, reason, event: step.event },
    },
    async (trx) => {
      const { school, scope } = await accessSchool(trx, actor, schoolId, step.action);
      const unique = [...new Set(ids)];
      // Out of scope (another class, another school) reads as not found, item by item.
      const found = await store.findApplications(trx, ctx.dialect, school.id, unique, scope, { lock: true });
      const { moved, refused } = await moveApplications(
        trx,
        ctx,
        { actor, meta, school },
        found,
        step.event,
        {
          reason: reason ?? null,
          ...(step.releasesLines ? { lineEvent: 'withdraw' as const } : {}),
          ...(reason ? { extra: { review_note: reason } } : {}),
        },
      );
      await notifyApplicants(trx, ctx.now().toISOString(), moved, step.kind, () => ({
        reason: reason ?? '',
      }));
      const movedIds = new Map(moved.map((a) => [a.id, a.status]));
      const refusedFrom = new Map(refused.map((r) => [r.application.id, r.from]));
      const items = unique.map((id) => {
        const status = movedIds.get(id);
        if (status) return { id, ok: true, status };
        const from = refusedFrom.get(id);
        if (from) {
          const params = { from: statusLabel(from, meta.locale), event: eventLabel(step.event, meta.locale) };
          return {
            id,
            ok: false,
            status: from,
            code: 'INVALID_TRANSITION',
            message: messageFor('INVALID_TRANSITION', params, meta.locale),
          };
        }
        return { id, ok: false, code: 'NOT_FOUND', message: messageFor('NOT_FOUND', {}, meta.locale) };
      });
      return { status: 200, body: { items } };
    },
  );
  return answer.body;
}

/** rule ENR-2: 班级初审 — pass, or return with a reason. A class teacher reaches only their class. */
export async function preReviewApplications(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  input: z.infer<typeof preReviewInput>,
  idempotencyKey?: string,
): Promise<BatchResult> {
  const pass = input.decision === 'pass';
  return review(
    ctx,
    actor,
    meta,
    schoolId,
    input.ids,
    input.reason,
    {
      operation: 'preReviewApplications',
      action: 'application.preReview',
      event: pass ? 'preApprove' : 'preReject',
      kind: pass ? 'application.preApproved' : 'application.returned',
      releasesLines: !pass,
    },
    idempotencyKey,
  );
}

/** rule ENR-2: 学校核准 — approve, or reject with a reason. */
export async function decideApplications(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  input: z.infer<typeof decideInput>,
  idempotencyKey?: string,
): Promise<BatchResult> {
  const approve = input.decision === 'approve';
  return review(
    ctx,
    actor,
    meta,
    schoolId,
    input.ids,
    input.reason,
    {
      operation: 'decideApplications',
      action: 'application.decide',
      event: approve ? 'approve' : 'reject',
      kind: approve ? 'application.approved' : 'application.rejected',
      releasesLines: !approve,
    },
    idempotencyKey,
  );
}
