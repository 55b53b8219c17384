// The school builds a survey (SURV-1, SURV-2): from a template or blank, edits it while a draft,
// opens it (the school's parents are told in their inbox) and closes it. Each step is audited.
import { accessSchool, auditor } from '../../../server/auth/access';
import type { Actor } from '../../../server/auth/policies';
import type { Executor } from '../../../server/context';
import { type AppContext, newId, type RequestMeta } from '../../../server/context';
import { AppError } from '../../../server/errors';
import { type IdempotentAnswer, runIdempotent } from '../../../server/idempotency';
import { writeAudit } from '../../audit/store';
import { parentUserIds, schoolName } from '../../billing/fund-store';
import { notification } from '../../notify/messages';
import { notify } from '../../notify/store';
import { termOf } from '../../programme/service/common';
import type { CreateSurveyInput, SurveyView, UpdateSurveyInput } from '../contract';
import {
  canTransition,
  checkQuestions,
  isEditable,
  normaliseQuestions,
  type Problem,
  type QuestionDraft,
  type SurveyStatus,
} from '../rules';
import * as store from '../store';
import { blankTemplate, demandTemplate, satisfactionTemplate } from '../templates';
import { callerIn, candidatesOf, invalid, questionViews, summaryOf, targetNames, todayAt } from './common';

/** The survey as its builder sees it (no respondent in it, only the count). */
export async function adminView(
  ctx: AppContext,
  db: Executor,
  actor: Actor,
  schoolId: string,
  surveyId: string,
) {
  const caller = await callerIn(db, actor, schoolId);
  const survey = await store.findSurvey(db, schoolId, surveyId);
  if (!survey) throw new AppError('NOT_FOUND');
  const questions = await store.questionsOf(db, [survey.id]);
  const counts = await store.responseCounts(db, [survey.id]);
  return {
    ...summaryOf(survey, questions.length, counts.get(survey.id) ?? 0, [], todayAt(ctx.now(), caller)),
    questions: await questionViews(db, caller, survey, questions),
    candidates: survey.status === 'draft' ? await candidatesOf(db, schoolId, survey.termId) : null,
  } satisfies SurveyView;
}

/**
 * Targets must be the school's staff (per-teacher) or the term's offerings (per-offering): looked up
 * once for all the questions, not once per question.
 */
async function checkTargets(db: Executor, schoolId: string, termId: string, questions: QuestionDraft[]) {
  const { teachers, offerings } = await targetNames(db, schoolId, termId, questions);
  const problems: Problem[] = [];
  for (const [i, q] of questions.entries()) {
    if (q.kind !== 'rating_teacher' && q.kind !== 'rating_offering') continue;
    const known = q.kind === 'rating_teacher' ? teachers : offerings;
    if (q.targets.some((t) => !known.has(t))) problems.push({ question: i, code: 'target_unknown' });
  }
  return problems;
}

export async function createSurvey(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  termId: string,
  input: CreateSurveyInput,
  idempotencyKey?: string,
): Promise<IdempotentAnswer<SurveyView>> {
  return runIdempotent(
    ctx,
    {
      userId: actor.userId,
      key: idempotencyKey,
      operation: 'createSurvey',
      input: { schoolId, termId, input },
    },
    async (trx) => {
      const { school } = await accessSchool(trx, actor, schoolId, 'survey.write');
      const term = await termOf(trx, school.id, termId);
      const names = await store.sessionAndClubNames(trx, term.id);
      const staffing = await store.termStaffing(trx, term.id);
      const context = {
        ...names,
        teacherIds: staffing.teacherIds,
        offeringIds: await store.allOfferingIds(trx, term.id),
      };
      const template =
        input.template === 'demand'
          ? demandTemplate(term.name, context)
          : input.template === 'satisfaction'
            ? satisfactionTemplate(term.name, context)
            : blankTemplate(input.kind ?? 'demand', term.name);
      const at = ctx.now().toISOString();
      const row = {
        id: newId(),
        school_id: school.id,
        term_id: term.id,
        kind: template.kind,
        title: input.title ?? template.title,
        intro: template.intro,
        per_child: template.perChild ? 1 : 0,
        status: 'draft',
        closes_on: null,
        created_by: actor.userId,
        created_at: at,
        updated_at: at,
        opened_at: null,
        closed_at: null,
      };
      await store.insertSurvey(trx, row);
      await store.replaceQuestions(trx, row.id, template.questions);
      await writeAudit(
        trx,
        auditor(ctx, actor, meta, school)('survey.create', 'survey', row.id, null, {
          ...row,
          template: input.template,
          questions: template.questions,
        }),
      );
      return { status: 201, body: await adminView(ctx, trx, actor, school.id, row.id) };
    },
  );
}

export async function updateSurvey(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  surveyId: string,
  input: UpdateSurveyInput,
  idempotencyKey?: string,
): Promise<IdempotentAnswer<SurveyView>> {
  return runIdempotent(
    ctx,
    {
      userId: actor.userId,
      key: idempotencyKey,
      operation: 'updateSurvey',
      input: { schoolId, surveyId, input },
    },
    async (trx) => {
      const { school } = await accessSchool(trx, actor, schoolId, 'survey.write');
      const survey = await store.findSurvey(trx, school.id, surveyId);
      if (!survey) throw new AppError('NOT_FOUND');
      if (!isEditable(survey.status)) throw new AppError('SURVEY_NOT_DRAFT');
      const before = await adminView(ctx, trx, actor, school.id, survey.id);
      if (input.questions) {
        const problems = checkQuestions(input.questions);
        if (problems.length) invalid('SURVEY_QUESTIONS_INVALID', problems);
        const questions = normaliseQuestions(input.questions);
        const unknown = await checkTargets(trx, school.id, survey.termId, questions);
        if (unknown.length) invalid('SURVEY_QUESTIONS_INVALID', unknown);
        await store.replaceQuestions(trx, survey.id, questions);
      }
      await store.updateSurvey(trx, survey.id, {
        ...(input.title !== undefined ? { title: input.title } : {}),
        ...(input.intro !== undefined ? { intro: input.intro } : {}),
        ...(input.perChild !== undefined ? { per_child: input.perChild ? 1 : 0 } : {}),
        ...(input.closesOn !== undefined ? { closes_on: input.closesOn } : {}),
        updated_at: ctx.now().toISOString(),
      });
      const after = await adminView(ctx, trx, actor, school.id, survey.id);
      await writeAudit(
        trx,
        auditor(ctx, actor, meta, school)('survey.update', 'survey', survey.id, before, after),
      );
      return { status: 200, body: after };
    },
  );
}

async function transition(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  surveyId: string,
  to: SurveyStatus,
  idempotencyKey?: string,
): Promise<IdempotentAnswer<SurveyView>> {
  const operation = to === 'open' ? 'openSurvey' : 'closeSurvey';
  return runIdempotent(
    ctx,
    { userId: actor.userId, key: idempotencyKey, operation, input: { schoolId, surveyId } },
    async (trx) => {
      const { school } = await accessSchool(trx, actor, schoolId, 'survey.write');
      const survey = await store.findSurvey(trx, school.id, surveyId);
      if (!survey) throw new AppError('NOT_FOUND');
      if (!canTransition(survey.status, to))
        throw new AppError('SURVEY_STATUS_CHANGE', { from: survey.status, to });
      const at = ctx.now().toISOString();
      if (to === 'open') {
        const questions = await store.questionsOf(trx, [survey.id]);
        const problems = checkQuestions(questions);
        if (problems.length) invalid('SURVEY_QUESTIONS_INVALID', problems);
      }
      // The status guard in the update makes a concurrent second open or close change nothing.
      const changed = await trx
        .updateTable('surveys')
        .set({ status: to, updated_at: at, ...(to === 'open' ? { opened_at: at } : { closed_at: at }) })
        .where('id', '=', survey.id)
        .where('status', '=', survey.status)
        .executeTakeFirst();
      if (Number(changed.numUpdatedRows) !== 1)
        throw new AppError('SURVEY_STATUS_CHANGE', { from: survey.status, to });
      await writeAudit(
        trx,
        auditor(ctx, actor, meta, school)(
          `survey.${to}`,
          'survey',
          survey.id,
          { status: survey.status },
          { status: to },
        ),
      );
      if (to === 'open') {
        const parents = await parentUserIds(trx, school.id);
        const name = await schoolName(trx, school.id);
        await notify(
          trx,
          at,
          parents.map((userId) =>
            notification(
              'survey.opened',
              { userId, schoolId: school.id },
              { school: name, title: survey.title },
              `/surveys/answer/${survey.id}`,
            ),
          ),
        );
      }
      return { status: 200, body: await adminView(ctx, trx, actor, school.id, survey.id) };
    },
  );
}

export const openSurvey = (
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  surveyId: string,
  key?: string,
) => transition(ctx, actor, meta, schoolId, surveyId, 'open', key);

export const closeSurvey = (
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  surveyId: string,
  key?: string,
) => transition(ctx, actor, meta, schoolId, surveyId, 'closed', key);
