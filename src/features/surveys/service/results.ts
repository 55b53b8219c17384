// Results of a survey for the school and the district (survey.results): counts, means,
// distributions, per-teacher and per-offering tables, free texts WITHOUT who wrote them, and the
// response rate. A teacher's own scores (survey.ownScores): only their own figures, never who.

import { auditor } from '../../../server/auth/access';
import type { Actor } from '../../../server/auth/policies';
import type { AppContext, RequestMeta } from '../../../server/context';
import { AppError } from '../../../server/errors';
import { writeAudit } from '../../audit/store';
import type { MyScores, SurveyResults } from '../contract';
import { aggregate, countFamilies, summarise } from '../rules';
import * as store from '../store';
import { answeringChildren, callerIn, type SurveyCaller, summaryOf, targetNames, todayAt } from './common';

export async function getSurveyResults(
  ctx: AppContext,
  actor: Actor,
  schoolId: string,
  surveyId: string,
): Promise<SurveyResults> {
  return resultsFor(ctx, await readerIn(ctx, actor, schoolId), surveyId);
}

/** The caller in the school, who must read results (survey.results). */
async function readerIn(ctx: AppContext, actor: Actor, schoolId: string) {
  const caller = await callerIn(ctx.db, actor, schoolId);
  if (!caller.results) throw new AppError('FORBIDDEN');
  return caller;
}

async function resultsFor(ctx: AppContext, caller: SurveyCaller, surveyId: string): Promise<SurveyResults> {
  const db = ctx.db;
  const survey = await store.findSurvey(db, caller.school.id, surveyId);
  if (!survey) throw new AppError('NOT_FOUND');
  const questions = await store.questionsOf(db, [survey.id]);
  const answers = await store.answersOf(db, survey.id);
  const responses = (await store.responseCounts(db, [survey.id])).get(survey.id) ?? 0;
  // Who could answer: each child with a parent account, or each family (parents sharing a child).
  const childrenByParent = await store.childrenByParent(db, caller.school.id);
  // A satisfaction survey is answered only by families with a child enrolled in its term.
  const enrolled =
    survey.kind === 'satisfaction'
      ? await store.enrolledTerms(db, [...new Set([...childrenByParent.values()].flat())])
      : new Set<string>();
  const answering = [...childrenByParent.values()].map((all) =>
    answeringChildren(
      survey,
      all.map((id) => ({ id })),
      enrolled,
    ).map((c) => c.id),
  );
  const eligible = survey.perChild
    ? new Set(answering.flat()).size
    : countFamilies(answering.filter((children) => children.length > 0));
  const { teachers, offerings } = await targetNames(db, caller.school.id, survey.termId, questions);
  const results = aggregate(questions, answers);
  return {
    survey: summaryOf(survey, questions.length, responses, [], todayAt(ctx.now(), caller)),
    responses,
    eligible,
    ratePercent: eligible ? Math.round((responses * 100) / eligible) : 0,
    questions: results.map((r, i) => {
      const q = questions[i]!;
      const names = q.kind === 'rating_teacher' ? teachers : offerings;
      return {
        questionId: q.id,
        position: q.position,
        kind: q.kind,
        prompt: q.prompt,
        options: q.options,
        answered: r.answered,
        counts: 'counts' in r ? r.counts : null,
        rating: 'rating' in r ? r.rating : null,
        targets: 'targets' in r ? r.targets.map((t) => ({ ...t, name: names.get(t.targetId) ?? '—' })) : null,
        texts: 'texts' in r ? r.texts : null,
      };
    }),
  };
}

/**
 * The results for an Excel export, recorded in the audit log (SAFE-2: exports are recorded; free
 * texts can name children): who exported which survey, and how much it held — never who answered.
 */
export async function exportSurveyResults(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  surveyId: string,
): Promise<SurveyResults> {
  const caller = await readerIn(ctx, actor, schoolId);
  const results = await resultsFor(ctx, caller, surveyId);
  await writeAudit(
    ctx.db,
    auditor(ctx, actor, meta, caller.school)('survey.export', 'survey', results.survey.id, null, {
      responses: results.responses,
      questions: results.questions.length,
    }),
  );
  return results;
}

/**
 * The caller's own ratings in each closed satisfaction survey (of a term, or all): the mean, the
 * count and the distribution. Nothing about other teachers, and nothing about who rated.
 */
export async function getMyTeacherScores(
  ctx: AppContext,
  actor: Actor,
  schoolId: string,
  termId?: string,
): Promise<MyScores> {
  const db = ctx.db;
  const caller = await callerIn(db, actor, schoolId);
  if (!caller.ownScores) throw new AppError('FORBIDDEN');
  const surveys = await store.listSurveys(db, caller.school.id, { termId, statuses: ['closed'] });
  const satisfaction = surveys.filter((x) => x.kind === 'satisfaction');
  // One query for all the surveys' ratings, not one per survey.
  const ratings = await store.ratingsOfTeacher(
    db,
    satisfaction.map((s) => s.id),
    actor.userId,
  );
  const items: MyScores['items'] = satisfaction.map((s) => {
    const summary = summarise(ratings.get(s.id) ?? []);
    return {
      surveyId: s.id,
      surveyTitle: s.title,
      termId: s.termId,
      termName: s.termName,
      closedAt: s.closedAt,
      count: summary.count,
      meanHundredths: summary.meanHundredths,
      distribution: summary.distribution,
    };
  });
  return { items };
}
