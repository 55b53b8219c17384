// Surveys' queries (Kysely only). Response rows are read here for counting and for the family's own
// "answered?" only; no function returns a response's submitter or family key to a caller's view.
import { sql } from 'kysely';
import { insertInChunks } from '../../db/batch';
import type { DB } from '../../db/schema';
import { type Executor, newId } from '../../server/context';
import type { AnswerRow, Question, QuestionDraft, QuestionKind, SurveyKind, SurveyStatus } from './rules';

export interface SurveyRecord {
  id: string;
  schoolId: string;
  termId: string;
  termName: string;
  kind: SurveyKind;
  title: string;
  intro: string;
  perChild: boolean;
  status: SurveyStatus;
  closesOn: string | null;
  createdAt: string;
  openedAt: string | null;
  closedAt: string | null;
}

const surveyColumns = [
  's.id',
  's.school_id',
  's.term_id',
  't.name as term_name',
  's.kind',
  's.title',
  's.intro',
  's.per_child',
  's.status',
  's.closes_on',
  's.created_at',
  's.opened_at',
  's.closed_at',
] as const;

type SurveyRow = {
  id: string;
  school_id: string;
  term_id: string;
  term_name: string;
  kind: string;
  title: string;
  intro: string;
  per_child: number;
  status: string;
  closes_on: string | null;
  created_at: string;
  opened_at: string | null;
  closed_at: string | null;
};

const toSurvey = (r: SurveyRow): SurveyRecord => ({
  id: r.id,
  schoolId: r.school_id,
  termId: r.term_id,
  termName: r.term_name,
  kind: r.kind as SurveyKind,
  title: r.title,
  intro: r.intro,
  perChild: Number(r.per_child) === 1,
  status: r.status as SurveyStatus,
  closesOn: r.closes_on,
  createdAt: r.created_at,
  openedAt: r.opened_at,
  closedAt: r.closed_at,
});

export async function findSurvey(db: Executor, schoolId: string, surveyId: string) {
  const row = await db
    .selectFrom('surveys as s')
    .innerJoin('terms as t', 't.id', 's.term_id')
    .select(surveyColumns)
    .where('s.school_id', '=', schoolId)
    .where('s.id', '=', surveyId)
    .executeTakeFirst();
  return row ? toSurvey(row) : undefined;
}

export async function listSurveys(
  db: Executor,
  schoolId: string,
  options: { termId?: string | undefined; statuses?: SurveyStatus[] },
) {
  let q = db
    .selectFrom('surveys as s')
    .innerJoin('terms as t', 't.id', 's.term_id')
    .select(surveyColumns)
    .where('s.school_id', '=', schoolId);
  if (options.termId) q = q.where('s.term_id', '=', options.termId);
  if (options.statuses) q = q.where('s.status', 'in', options.statuses);
  const rows = await q.orderBy('s.created_at', 'desc').orderBy('s.id', 'desc').execute();
  return rows.map(toSurvey);
}

export async function insertSurvey(db: Executor, row: DB['surveys']): Promise<void> {
  await db.insertInto('surveys').values(row).execute();
}

export async function updateSurvey(
  db: Executor,
  surveyId: string,
  set: Partial<Omit<DB['surveys'], 'id' | 'school_id' | 'term_id'>>,
): Promise<void> {
  await db.updateTable('surveys').set(set).where('id', '=', surveyId).execute();
}

export async function questionsOf(
  db: Executor,
  surveyIds: string[],
): Promise<(Question & { surveyId: string })[]> {
  if (surveyIds.length === 0) return [];
  const rows = await db
    .selectFrom('survey_questions')
    .selectAll()
    .where('survey_id', 'in', surveyIds)
    .orderBy('survey_id')
    .orderBy('position')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    surveyId: r.survey_id,
    position: Number(r.position),
    kind: r.kind as QuestionKind,
    prompt: r.prompt,
    options: JSON.parse(r.options) as string[],
    targets: JSON.parse(r.targets) as string[],
    required: Number(r.required) === 1,
  }));
}

/** How many questions each of these surveys has (a list shows the count, not the questions). */
export async function questionCounts(db: Executor, surveyIds: string[]): Promise<Map<string, number>> {
  if (surveyIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('survey_questions')
    .select(['survey_id', sql<number>`cast(count(*) as integer)`.as('n')])
    .where('survey_id', 'in', surveyIds)
    .groupBy('survey_id')
    .execute();
  return new Map(rows.map((r) => [r.survey_id, Number(r.n)]));
}

/** Replaces the questions of a draft (nothing has answered a draft, so no answer points at them). */
export async function replaceQuestions(db: Executor, surveyId: string, questions: QuestionDraft[]) {
  await db.deleteFrom('survey_questions').where('survey_id', '=', surveyId).execute();
  await insertInChunks(
    db,
    'survey_questions',
    questions.map((q, i) => ({
      id: newId(),
      survey_id: surveyId,
      position: i + 1,
      kind: q.kind,
      prompt: q.prompt,
      options: JSON.stringify(q.options),
      targets: JSON.stringify(q.targets),
      required: q.required ? 1 : 0,
    })),
  );
}

export async function responseCounts(db: Executor, surveyIds: string[]): Promise<Map<string, number>> {
  if (surveyIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('survey_responses')
    .select(['survey_id', sql<number>`cast(count(*) as integer)`.as('n')])
    .where('survey_id', 'in', surveyIds)
    .groupBy('survey_id')
    .execute();
  return new Map(rows.map((r) => [r.survey_id, Number(r.n)]));
}

/** Which of these children a response of which survey answered for ("surveyId:studentId"). */
export async function claimedChildren(db: Executor, surveyIds: string[], studentIds: string[]) {
  if (surveyIds.length === 0 || studentIds.length === 0) return new Set<string>();
  const rows = await db
    .selectFrom('survey_claims')
    .select(['survey_id', 'student_id'])
    .where('survey_id', 'in', surveyIds)
    .where('student_id', 'in', studentIds)
    .execute();
  return new Set(rows.map((r) => `${r.survey_id}:${r.student_id}`));
}

/** Whether a response already has this family key or answered for any of these children. */
export async function hasResponse(
  db: Executor,
  surveyId: string,
  familyKey: string,
  studentIds: string[],
): Promise<boolean> {
  const row = await db
    .selectFrom('survey_responses')
    .select('id')
    .where('survey_id', '=', surveyId)
    .where('family_key', '=', familyKey)
    .executeTakeFirst();
  return !!row || (await claimedChildren(db, [surveyId], studentIds)).size > 0;
}

/** The response, the children it answers for (their unique index decides a race) and its answers. */
export async function insertResponse(
  db: Executor,
  response: DB['survey_responses'],
  rows: AnswerRow[],
  studentIds: string[],
): Promise<void> {
  await db.insertInto('survey_responses').values(response).execute();
  await insertInChunks(
    db,
    'survey_claims',
    [...new Set(studentIds)].map((studentId) => ({
      id: newId(),
      survey_id: response.survey_id,
      student_id: studentId,
      response_id: response.id,
    })),
  );
  await insertInChunks(
    db,
    'survey_answers',
    rows.map((r) => ({
      id: newId(),
      response_id: response.id,
      survey_id: response.survey_id,
      question_id: r.questionId,
      target_id: r.targetId,
      rating: r.rating,
      choices: r.choices ? JSON.stringify(r.choices) : null,
      text: r.text,
    })),
  );
}

/** The answers of a survey for aggregation: the response id only groups them, it names nobody. */
export async function answersOf(
  db: Executor,
  surveyId: string,
): Promise<(AnswerRow & { responseId: string })[]> {
  const rows = await db
    .selectFrom('survey_answers')
    .select(['response_id', 'question_id', 'target_id', 'rating', 'choices', 'text'])
    .where('survey_id', '=', surveyId)
    .execute();
  return rows.map((r) => ({
    responseId: r.response_id,
    questionId: r.question_id,
    targetId: r.target_id,
    rating: r.rating === null ? null : Number(r.rating),
    choices: r.choices ? (JSON.parse(r.choices) as number[]) : null,
    text: r.text,
  }));
}

/** A parent account's children at a school, by name. */
export async function childrenAt(db: Executor, schoolId: string, userId: string) {
  return db
    .selectFrom('students as s')
    .innerJoin('student_guardians as sg', 'sg.student_id', 's.id')
    .innerJoin('guardians as g', 'g.id', 'sg.guardian_id')
    .select(['s.id', 's.name'])
    .distinct()
    .where('s.school_id', '=', schoolId)
    .where('g.user_id', '=', userId)
    .orderBy('s.id')
    .execute();
}

/** Each parent account of the school with its children there: who could answer a survey. */
export async function childrenByParent(db: Executor, schoolId: string): Promise<Map<string, string[]>> {
  const links = await db
    .selectFrom('students as s')
    .innerJoin('student_guardians as sg', 'sg.student_id', 's.id')
    .innerJoin('guardians as g', 'g.id', 'sg.guardian_id')
    .select(['g.user_id', 's.id as student_id'])
    .where('s.school_id', '=', schoolId)
    .where('g.user_id', 'is not', null)
    .execute();
  const out = new Map<string, string[]>();
  for (const l of links) if (l.user_id) out.set(l.user_id, [...(out.get(l.user_id) ?? []), l.student_id]);
  return out;
}

/** Users who hold a staff grant at the school (anything but parent), with their names. */
export async function staffNames(db: Executor, schoolId: string, userIds?: string[]) {
  if (userIds && userIds.length === 0) return new Map<string, string>();
  let q = db
    .selectFrom('users as u')
    .innerJoin('role_grants as g', 'g.user_id', 'u.id')
    .select(['u.id', 'u.display_name'])
    .distinct()
    .where('g.school_id', '=', schoolId)
    .where('g.role', 'not in', ['parent', 'guard']);
  if (userIds) q = q.where('u.id', 'in', userIds);
  const rows = await q.execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

export async function offeringNames(db: Executor, termId: string, offeringIds?: string[]) {
  if (offeringIds && offeringIds.length === 0) return new Map<string, string>();
  let q = db.selectFrom('offerings').select(['id', 'name']).where('term_id', '=', termId);
  if (offeringIds) q = q.where('id', 'in', offeringIds);
  const rows = await q.execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** (term, child) pairs of these children with an enrolled application: who may rate a term. */
export async function enrolledTerms(db: Executor, studentIds: string[]): Promise<Set<string>> {
  if (studentIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('applications')
    .select(['term_id', 'student_id'])
    .where('student_id', 'in', studentIds)
    .where('status', '=', 'enrolled')
    .execute();
  return new Set(rows.map((r) => `${r.term_id}:${r.student_id}`));
}

/**
 * Who teaches or cares in a term: the offerings' teachers and the temporary classes' head teachers,
 * optionally only for some students (the targets "relevant" to a family, the only teachers it may
 * rate). For some students it adds the staff the published duty roster put on their temporary
 * classes. Returns user ids and the offerings involved.
 */
export async function termStaffing(db: Executor, termId: string, studentIds?: string[]) {
  if (studentIds && studentIds.length === 0) return { teacherIds: [], offeringIds: [] };
  let heads = db
    .selectFrom('temp_classes as tc')
    .select(['tc.head_teacher_id as userId', 'tc.offering_id as offeringId'])
    .where('tc.term_id', '=', termId);
  let offerings = db
    .selectFrom('offerings as o')
    .select(['o.teacher_user_id as userId', 'o.id as offeringId'])
    .where('o.term_id', '=', termId);
  if (studentIds) {
    heads = heads
      .innerJoin('temp_class_members as m', 'm.temp_class_id', 'tc.id')
      .where('m.student_id', 'in', studentIds)
      .where('m.left_at', 'is', null);
    offerings = offerings
      .innerJoin('temp_class_members as m', 'm.offering_id', 'o.id')
      .where('m.student_id', 'in', studentIds)
      .where('m.left_at', 'is', null);
  }
  // Whoever the published duty roster put on a temporary class served it too (a substitute, a
  // second adult for the ratio): they are rated and paid like its head teacher.
  let rostered = db
    .selectFrom('duty_assignments as a')
    .innerJoin('duty_rosters as r', 'r.id', 'a.roster_id')
    .innerJoin('temp_classes as tc', 'tc.id', 'a.temp_class_id')
    .select(['a.user_id as userId', 'tc.offering_id as offeringId'])
    .distinct()
    .where('r.term_id', '=', termId)
    .where('r.status', '=', 'published');
  if (studentIds)
    rostered = rostered
      .innerJoin('temp_class_members as m', 'm.temp_class_id', 'a.temp_class_id')
      .where('m.student_id', 'in', studentIds)
      .where('m.left_at', 'is', null);
  const rows = [...(await heads.execute()), ...(await offerings.execute()), ...(await rostered.execute())];
  const teacherIds = [...new Set(rows.map((r) => r.userId).filter((u): u is string => !!u))].sort();
  const offeringIds = [...new Set(rows.map((r) => r.offeringId))].sort();
  return { teacherIds, offeringIds };
}

export async function sessionAndClubNames(db: Executor, termId: string) {
  const sessions = await db
    .selectFrom('term_sessions')
    .select('name')
    .where('term_id', '=', termId)
    .orderBy('starts_at')
    .execute();
  const clubs = await db
    .selectFrom('offerings')
    .select('name')
    .where('term_id', '=', termId)
    .where('kind', '=', 'club')
    .orderBy('name')
    .execute();
  return { sessions: sessions.map((s) => s.name), clubs: clubs.map((c) => c.name) };
}

export async function allOfferingIds(db: Executor, termId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('offerings')
    .select('id')
    .where('term_id', '=', termId)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}

/** One teacher's own per-teacher ratings in each of these surveys (numbers only), by survey. */
export async function ratingsOfTeacher(
  db: Executor,
  surveyIds: string[],
  userId: string,
): Promise<Map<string, number[]>> {
  const out = new Map<string, number[]>();
  if (surveyIds.length === 0) return out;
  const rows = await db
    .selectFrom('survey_answers as a')
    .innerJoin('survey_questions as q', 'q.id', 'a.question_id')
    .select(['a.survey_id', 'a.rating'])
    .where('a.survey_id', 'in', surveyIds)
    .where('q.kind', '=', 'rating_teacher')
    .where('a.target_id', '=', userId)
    .where('a.rating', 'is not', null)
    .execute();
  for (const r of rows) out.set(r.survey_id, [...(out.get(r.survey_id) ?? []), Number(r.rating)]);
  return out;
}
