// Reading surveys: the school's list (its builders see drafts and response counts), a family's
// list of what to answer (per child or per family, answered or not), and one survey to answer.
import type { Actor } from '../../../server/auth/policies';
import type { AppContext } from '../../../server/context';
import { AppError } from '../../../server/errors';
import type { SurveyView } from '../contract';
import type { RatingScope } from '../rules';
import * as store from '../store';
import {
  answeringChildren,
  callerIn,
  candidatesOf,
  questionViews,
  slotsOf,
  summaryOf,
  todayAt,
  visibleSurvey,
} from './common';

export async function listSurveys(ctx: AppContext, actor: Actor, schoolId: string, termId?: string) {
  const db = ctx.db;
  const caller = await callerIn(db, actor, schoolId);
  if (!caller.read && !caller.results && !caller.write) throw new AppError('FORBIDDEN');
  const surveys = await store.listSurveys(db, caller.school.id, {
    termId,
    ...(caller.write ? {} : { statuses: ['open', 'closed'] }),
  });
  const ids = surveys.map((s) => s.id);
  const questionCounts = await store.questionCounts(db, ids);
  const counts = caller.write || caller.results ? await store.responseCounts(db, ids) : null;
  const children = caller.answer ? await store.childrenAt(db, caller.school.id, actor.userId) : [];
  const childIds = children.map((c) => c.id);
  const answered = await store.claimedChildren(db, ids, childIds);
  const enrolled = await store.enrolledTerms(db, childIds);
  const today = todayAt(ctx.now(), caller);
  return {
    items: surveys.map((s) =>
      summaryOf(
        s,
        questionCounts.get(s.id) ?? 0,
        counts ? (counts.get(s.id) ?? 0) : null,
        slotsOf(s, answeringChildren(s, children, enrolled), answered),
        today,
      ),
    ),
  };
}

/** One survey with its questions; for a family, the targets that concern its children come first. */
export async function getSurvey(
  ctx: AppContext,
  actor: Actor,
  schoolId: string,
  surveyId: string,
): Promise<SurveyView> {
  const db = ctx.db;
  const caller = await callerIn(db, actor, schoolId);
  const survey = await visibleSurvey(db, caller, surveyId);
  const questions = await store.questionsOf(db, [survey.id]);
  const children = caller.answer ? await store.childrenAt(db, caller.school.id, actor.userId) : [];
  const childIds = children.map((c) => c.id);
  const answered = await store.claimedChildren(db, [survey.id], childIds);
  const relevant = new Set<string>();
  let scope: RatingScope | undefined;
  if (children.length) {
    const mine = await store.termStaffing(db, survey.termId, childIds);
    for (const id of [...mine.teacherIds, ...mine.offeringIds]) if (id !== actor.userId) relevant.add(id);
    // A family answering (not the survey's builder, who edits the full list) is offered only the
    // teachers it may rate: the answer is refused for any other (see checkAnswers).
    if (!caller.write)
      scope = {
        self: actor.userId,
        teachers: survey.kind === 'satisfaction' ? new Set(mine.teacherIds) : null,
      };
  }
  const enrolled = await store.enrolledTerms(db, childIds);
  const counts = caller.write || caller.results ? await store.responseCounts(db, [survey.id]) : null;
  return {
    ...summaryOf(
      survey,
      questions.length,
      counts ? (counts.get(survey.id) ?? 0) : null,
      slotsOf(survey, answeringChildren(survey, children, enrolled), answered),
      todayAt(ctx.now(), caller),
    ),
    questions: await questionViews(db, caller, survey, questions, relevant, scope),
    candidates:
      caller.write && survey.status === 'draft'
        ? await candidatesOf(db, caller.school.id, survey.termId)
        : null,
  };
}
