// Consent to processing the child's personal information, asked apart from the agreement: a
// child under 14's data is sensitive personal information (PIPL art. 28, 31), so the family decides
// explicitly and may refuse. Each decision is a new row; refusing deletes nothing — it is recorded,
// and staff reading the application see it (SAFE-2).
import type { z } from 'zod';
import { accessSchool, auditor } from '../../../server/auth/access';
import type { Actor } from '../../../server/auth/policies';
import { type AppContext, type Executor, newId, type RequestMeta } from '../../../server/context';
import { type IdempotentAnswer, runIdempotent } from '../../../server/idempotency';
import { writeAudit } from '../../audit/store';
import * as agreementStore from '../agreement-store';
import type { consentInput, consentView } from '../contract';
import { loadStudent, loadTerm } from './common';

type ConsentView = z.infer<typeof consentView>;

export async function recordConsent(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  termId: string,
  studentId: string,
  input: z.infer<typeof consentInput>,
  idempotencyKey?: string,
): Promise<IdempotentAnswer<ConsentView>> {
  return runIdempotent(
    ctx,
    {
      userId: actor.userId,
      key: idempotencyKey,
      operation: 'recordConsent',
      input: { schoolId, termId, studentId, body: input },
    },
    async (trx) => {
      // The family's own decision: only a guardian of the child records it.
      const { school, scope } = await accessSchool(trx, actor, schoolId, 'application.apply');
      const term = await loadTerm(trx, school.id, termId);
      const student = await loadStudent(trx, school.id, studentId, scope);
      const row = {
        id: newId(),
        school_id: school.id,
        student_id: student.id,
        term_id: term.id,
        granted: input.granted ? 1 : 0,
        decided_by: actor.userId,
        decided_at: ctx.now().toISOString(),
      };
      await agreementStore.insertConsent(trx, row);
      await writeAudit(
        trx,
        auditor(ctx, actor, meta, school)(
          input.granted ? 'consent.grant' : 'consent.refuse',
          'student',
          student.id,
          null,
          { termId: term.id, granted: input.granted },
        ),
      );
      return { status: 201, body: await consentOf(trx, term.id, student.id) };
    },
  );
}

export async function getConsent(
  ctx: AppContext,
  actor: Actor,
  schoolId: string,
  termId: string,
  studentId: string,
): Promise<ConsentView> {
  const { school, scope } = await accessSchool(ctx.db, actor, schoolId, 'application.read');
  const term = await loadTerm(ctx.db, school.id, termId);
  const student = await loadStudent(ctx.db, school.id, studentId, scope);
  return consentOf(ctx.db, term.id, student.id);
}

async function consentOf(db: Executor, termId: string, studentId: string): Promise<ConsentView> {
  const rows = await agreementStore.consentHistory(db, termId, studentId);
  const history = rows.map((r) => ({
    granted: r.granted === 1,
    decidedAt: r.decidedAt,
    decidedByName: r.decidedByName,
  }));
  const latest = history[history.length - 1];
  return {
    state: latest ? (latest.granted ? 'granted' : 'refused') : 'unknown',
    decidedAt: latest?.decidedAt ?? null,
    history,
  };
}
