// SURV-2 → PAY-7: each teacher's parent-survey score for a term, read by teacher pay. The score of a
// teacher is the mean of every 1–5 rating families gave them in the term's latest closed
// satisfaction survey, in hundredths (4.5 → 450), so pay can share its final pool in integers.
// Nothing here names a respondent (SURV-2: identities are not shown to teachers).
import { sql } from 'kysely';
import type { Executor } from '../../server/context';

export interface TeacherSurveyScore {
  userId: string;
  /** Mean rating × 100, rounded half up (4.5 → 450). */
  scoreHundredths: number;
  /** How many ratings the mean is of. */
  ratings: number;
}

export interface TermSurveyScores {
  /** The closed satisfaction survey the scores come from, or null when the term has none yet. */
  surveyId: string | null;
  surveyTitle: string | null;
  scores: TeacherSurveyScore[];
}

/** Mean × 100 of `sum / count`, half up, in integers only. */
export function meanHundredths(sum: number, count: number): number {
  if (count <= 0) return 0;
  return Math.floor((sum * 200 + count) / (2 * count));
}

export async function teacherSurveyScores(
  db: Executor,
  schoolId: string,
  termId: string,
): Promise<TermSurveyScores> {
  const survey = await db
    .selectFrom('surveys')
    .select(['id', 'title'])
    .where('school_id', '=', schoolId)
    .where('term_id', '=', termId)
    .where('kind', '=', 'satisfaction')
    .where('status', '=', 'closed')
    .orderBy('closed_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!survey) return { surveyId: null, surveyTitle: null, scores: [] };
  const rows = await db
    .selectFrom('survey_answers as a')
    .innerJoin('survey_questions as q', 'q.id', 'a.question_id')
    .select([
      'a.target_id as userId',
      sql<number>`cast(sum(a.rating) as integer)`.as('total'),
      sql<number>`cast(count(a.rating) as integer)`.as('ratings'),
    ])
    .where('a.survey_id', '=', survey.id)
    .where('q.kind', '=', 'rating_teacher')
    .where('a.rating', 'is not', null)
    .groupBy('a.target_id')
    .orderBy('a.target_id')
    .execute();
  return {
    surveyId: survey.id,
    surveyTitle: survey.title,
    scores: rows.map((r) => ({
      userId: r.userId,
      scoreHundredths: meanHundredths(Number(r.total), Number(r.ratings)),
      ratings: Number(r.ratings),
    })),
  };
}
