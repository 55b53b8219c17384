// A family answers a survey (SURV-2: once per family, or once per child when the survey asks per
// child). The response, the children it answers for and its answers are written in one transaction
// with an audit row; the unique indexes (survey_id, family_key) and (survey_id, student_id) of the
// claimed children decide when two parents of one family answer at once.
import { isUniqueViolation } from '../../../db/dialect';
import { accessSchool, auditor } from '../../../server/auth/access';
import type { Actor } from '../../../server/auth/policies';
import { type AppContext, newId, type RequestMeta } from '../../../server/context';
import { AppError } from '../../../server/errors';
import { type IdempotentAnswer, runIdempotent } from '../../../server/idempotency';
import { writeAudit } from '../../audit/store';
import { findSchool } from '../../people/store';
import { localDate } from '../../programme/time';
import type { SubmitResponseInput } from '../contract';
import { acceptsAnswers, checkAnswers, familyKey } from '../rules';
import * as store from '../store';
import { invalid } from './common';

export interface ResponseReceipt {
  surveyId: string;
  studentId: string | null;
  submittedAt: string;
  answers: number;
}

export async function submitSurveyResponse(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  surveyId: string,
  input: SubmitResponseInput,
  idempotencyKey?: string,
): Promise<IdempotentAnswer<ResponseReceipt>> {
  return runIdempotent(
    ctx,
    {
      userId: actor.userId,
      key: idempotencyKey,
      operation: 'submitSurveyResponse',
      input: { schoolId, surveyId, input },
    },
    async (trx) => {
      const { school } = await accessSchool(trx, actor, schoolId, 'survey.answer');
      const survey = await store.findSurvey(trx, school.id, surveyId);
      if (!survey || survey.status === 'draft') throw new AppError('NOT_FOUND');
      const timezone = (await findSchool(trx, school.id))?.timezone ?? 'Asia/Shanghai';
      const today = localDate(ctx.now().toISOString(), timezone);
      if (!acceptsAnswers(survey, today)) throw new AppError('SURVEY_NOT_OPEN');
      const children = await store.childrenAt(trx, school.id, actor.userId);
      if (survey.perChild && !input.studentId) throw new AppError('SURVEY_CHILD_REQUIRED');
      const key = familyKey(
        survey.perChild,
        children.map((c) => c.id),
        input.studentId,
      );
      // Another family's child, or no child at this school: nothing to answer for.
      if (!key.ok) throw new AppError('NOT_FOUND');
      const childIds = children.map((c) => c.id);
      // A per-family response answers for every child of the parent at the school (a per-child one
      // for its child).
      const claimed = key.studentId ? [key.studentId] : childIds;
      // A satisfaction survey feeds teacher pay (PAY-7): only a family with a child enrolled in the
      // term answers it, and rates only the teachers of its children that term, never the parent
      // themself (a teacher who is also a parent of the school).
      let teachers: Set<string> | null = null;
      if (survey.kind === 'satisfaction') {
        const enrolled = await store.enrolledTerms(trx, claimed);
        if (![...enrolled].some((k) => k.startsWith(`${survey.termId}:`)))
          throw new AppError('SURVEY_NOT_ENROLLED');
        teachers = new Set((await store.termStaffing(trx, survey.termId, childIds)).teacherIds);
      }
      const questions = await store.questionsOf(trx, [survey.id]);
      const { problems, rows } = checkAnswers(questions, input.answers, { self: actor.userId, teachers });
      if (problems.length) invalid('SURVEY_ANSWERS_INVALID', problems);
      // If another parent already answered for any of the claimed children, the family has answered.
      if (await store.hasResponse(trx, survey.id, key.key, claimed))
        throw new AppError('SURVEY_ALREADY_ANSWERED');
      const at = ctx.now().toISOString();
      const response = {
        id: newId(),
        survey_id: survey.id,
        school_id: school.id,
        family_key: key.key,
        student_id: key.studentId,
        submitted_by: actor.userId,
        submitted_at: at,
      };
      try {
        await store.insertResponse(trx, response, rows, claimed);
      } catch (err) {
        // The other parent of the family answered a moment earlier: a unique index decided.
        if (isUniqueViolation(err)) throw new AppError('SURVEY_ALREADY_ANSWERED');
        throw err;
      }
      // The audit row records that a response came in (SAFE-1) but not from whom: no actor, no IP,
      // no child, so not even the audit log (read by the school's leaders) names a respondent.
      await writeAudit(
        trx,
        auditor(ctx, null, { ...meta, ip: null }, school)('survey.answer', 'survey', survey.id, null, {
          perChild: survey.perChild,
          answers: rows.length,
        }),
      );
      return {
        status: 201,
        body: { surveyId: survey.id, studentId: key.studentId, submittedAt: at, answers: rows.length },
      };
    },
  );
}
