// What the surveys' use cases share: who the caller is in the school (builder, reader of results,
// respondent), today's school-local date, the caller's own family slots, and the views.

import { type Actor, can, hasAnyGrantIn, type SchoolRef } from '../../../server/auth/policies';
import type { Executor } from '../../../server/context';
import { AppError } from '../../../server/errors';
import { findSchool } from '../../people/store';
import { localDate } from '../../programme/time';
import type { QuestionView, SurveySummary } from '../contract';
import {
  acceptsAnswers,
  familyKey,
  type Problem,
  type Question,
  type RatingScope,
  rateableTeachers,
} from '../rules';
import * as store from '../store';

export interface SurveyCaller {
  school: SchoolRef & { name: string; timezone: string };
  write: boolean;
  results: boolean;
  read: boolean;
  answer: boolean;
  ownScores: boolean;
}

/** The school as the caller sees it: NOT_FOUND without any grant there (another school's data). */
export async function callerIn(db: Executor, actor: Actor, schoolId: string): Promise<SurveyCaller> {
  const row = await findSchool(db, schoolId);
  if (!row) throw new AppError('NOT_FOUND');
  const school = { id: row.id, districtId: row.districtId, name: row.name, timezone: row.timezone };
  if (!hasAnyGrantIn(actor, school)) throw new AppError('NOT_FOUND');
  return {
    school,
    write: can(actor, 'survey.write', school),
    results: can(actor, 'survey.results', school),
    read: can(actor, 'survey.read', school),
    answer: can(actor, 'survey.answer', school),
    ownScores: can(actor, 'survey.ownScores', school),
  };
}

export function todayAt(now: Date, caller: SurveyCaller): string {
  return localDate(now.toISOString(), caller.school.timezone);
}

/** A survey the caller may see: drafts only for its builders; NOT_FOUND otherwise. */
export async function visibleSurvey(db: Executor, caller: SurveyCaller, surveyId: string) {
  if (!caller.read && !caller.results && !caller.write) throw new AppError('FORBIDDEN');
  const survey = await store.findSurvey(db, caller.school.id, surveyId);
  if (!survey) throw new AppError('NOT_FOUND');
  if (survey.status === 'draft' && !caller.write) throw new AppError('NOT_FOUND');
  return survey;
}

export type Slot = SurveySummary['mine'][number] & { key: string };

/**
 * The caller's own children as answering slots of a survey (one per child, or one per family).
 * `answered` holds the children a response answered for ("surveyId:studentId"): a family's slot is
 * answered once any of its children is, whichever parent answered.
 */
export function slotsOf(
  survey: Pick<store.SurveyRecord, 'id' | 'perChild'>,
  children: { id: string; name: string }[],
  answered: Set<string>,
): Slot[] {
  if (children.length === 0) return [];
  if (survey.perChild)
    return children.map((c) => ({
      studentId: c.id,
      name: c.name,
      answered: answered.has(`${survey.id}:${c.id}`),
      key: c.id,
    }));
  const key = familyKey(
    false,
    children.map((c) => c.id),
    null,
  );
  if (!key.ok) return [];
  return [
    {
      studentId: null,
      name: children.map((c) => c.name).join('、'),
      answered: children.some((c) => answered.has(`${survey.id}:${c.id}`)),
      key: key.key,
    },
  ];
}

export function summaryOf(
  survey: store.SurveyRecord,
  questionCount: number,
  responseCount: number | null,
  slots: Slot[],
  today: string,
): SurveySummary {
  const open = acceptsAnswers(survey, today);
  return {
    id: survey.id,
    termId: survey.termId,
    termName: survey.termName,
    kind: survey.kind,
    title: survey.title,
    intro: survey.intro,
    perChild: survey.perChild,
    status: survey.status,
    closesOn: survey.closesOn,
    openedAt: survey.openedAt,
    closedAt: survey.closedAt,
    questionCount,
    responseCount,
    mine: slots.map(({ key: _key, ...s }) => s),
    answerable: open && slots.some((s) => !s.answered),
  };
}

/**
 * The caller's children who answer a survey: all of them, but for a satisfaction survey (it feeds
 * teacher pay) only a family with a child enrolled in the survey's term answers, and per child
 * only the enrolled children. `enrolled` holds "termId:studentId" pairs.
 */
export function answeringChildren<C extends { id: string }>(
  survey: Pick<store.SurveyRecord, 'kind' | 'perChild' | 'termId'>,
  children: C[],
  enrolled: Set<string>,
): C[] {
  if (survey.kind !== 'satisfaction') return children;
  const inTerm = children.filter((c) => enrolled.has(`${survey.termId}:${c.id}`));
  return survey.perChild || inTerm.length === 0 ? inTerm : children;
}

/**
 * The names of the questions' targets, one query per kind: the school's staff a per-teacher question
 * rates and the term's offerings a per-offering one rates. A target missing from a map is unknown.
 */
export async function targetNames(
  db: Executor,
  schoolId: string,
  termId: string,
  questions: Pick<Question, 'kind' | 'targets'>[],
) {
  const ids = (kind: Question['kind']) => [
    ...new Set(questions.filter((q) => q.kind === kind).flatMap((q) => q.targets)),
  ];
  return {
    teachers: await store.staffNames(db, schoolId, ids('rating_teacher')),
    offerings: await store.offeringNames(db, termId, ids('rating_offering')),
  };
}

/**
 * Questions with their targets named; the targets relevant to the caller's children first. With a
 * `scope` (a family answering), a per-teacher question offers only the teachers it may rate.
 */
export async function questionViews(
  db: Executor,
  caller: SurveyCaller,
  survey: store.SurveyRecord,
  questions: Question[],
  relevant: Set<string> = new Set(),
  scope?: RatingScope,
): Promise<QuestionView[]> {
  if (scope)
    questions = questions.map((q) =>
      q.kind === 'rating_teacher' ? { ...q, targets: rateableTeachers(q.targets, scope) } : q,
    );
  const { teachers, offerings } = await targetNames(db, caller.school.id, survey.termId, questions);
  return questions.map((q) => {
    const names = q.kind === 'rating_teacher' ? teachers : offerings;
    const targets = q.targets.map((id, i) => ({
      id,
      name: names.get(id) ?? '—',
      relevant: relevant.has(id),
      i,
    }));
    targets.sort((a, b) => Number(b.relevant) - Number(a.relevant) || a.i - b.i);
    return {
      id: q.id,
      position: q.position,
      kind: q.kind,
      prompt: q.prompt,
      options: q.options,
      targets: targets.map(({ i: _i, ...t }) => t),
      required: q.required,
    };
  });
}

/** Rules' problems as a 400 with nothing written. */
export function invalid(
  code: 'SURVEY_QUESTIONS_INVALID' | 'SURVEY_ANSWERS_INVALID',
  problems: Problem[],
): never {
  throw new AppError(code, { count: problems.length }, { problems });
}

/** Everyone a per-teacher question may rate (the school's staff) and the term's offerings. */
export async function candidatesOf(db: Executor, schoolId: string, termId: string) {
  const byName = (m: Map<string, string>) =>
    [...m].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
  return {
    teachers: byName(await store.staffNames(db, schoolId)),
    offerings: byName(await store.offeringNames(db, termId)),
  };
}
