// Request and response shapes of surveys (SURV-1, SURV-2); the web app imports these too. No shape
// here carries who answered: a response's submitter, family key and child never leave the server.
import { z } from 'zod';
import { id } from '../people/contract';
import { limits, questionKinds, surveyKinds, surveyStatuses } from './rules';

const isoDate = z.iso.date();
const text = (max: number) => z.string().trim().max(max);

export const surveySchoolParams = z.object({ schoolId: id });
export const surveyTermParams = z.object({ schoolId: id, termId: id });
export const surveyParams = z.object({ schoolId: id, surveyId: id });
export const listQuery = z.object({ termId: id.optional() });
export const scoresQuery = z.object({ termId: id.optional() });

export const questionInput = z.object({
  kind: z.enum(questionKinds),
  prompt: text(500),
  options: z.array(z.string().max(200)).max(50).default([]),
  targets: z
    .array(id)
    .max(limits.maxTargets + 1)
    .default([]),
  required: z.boolean().default(false),
});

export const createSurveyInput = z.object({
  template: z.enum(['demand', 'satisfaction', 'blank']),
  /** For a blank survey: what it is (a demand or a satisfaction survey); a template decides itself. */
  kind: z.enum(surveyKinds).optional(),
  title: text(200).min(1).optional(),
});
export type CreateSurveyInput = z.infer<typeof createSurveyInput>;

export const updateSurveyInput = z.object({
  title: text(200).min(1).optional(),
  intro: text(2000).optional(),
  perChild: z.boolean().optional(),
  closesOn: isoDate.nullable().optional(),
  questions: z
    .array(questionInput)
    .max(limits.questions + 1)
    .optional(),
});
export type UpdateSurveyInput = z.infer<typeof updateSurveyInput>;

export const answerInput = z.object({
  questionId: id,
  choices: z.array(z.number().int()).max(50).optional(),
  rating: z.number().optional(),
  text: z
    .string()
    .max(limits.textChars + 1000)
    .optional(),
  ratings: z
    .array(z.object({ targetId: id, rating: z.number() }))
    .max(limits.maxTargets)
    .optional(),
});
export const submitResponseInput = z.object({
  /** The child answered for, when the survey is per child. */
  studentId: id.optional(),
  answers: z.array(answerInput).max(limits.questions),
});
export type SubmitResponseInput = z.infer<typeof submitResponseInput>;

export const targetView = z.object({
  id: z.string(),
  name: z.string(),
  /** Teaches, cares for or is an offering of one of the respondent's children (listed first). */
  relevant: z.boolean(),
});

export const questionView = z.object({
  id: z.string(),
  position: z.number(),
  kind: z.enum(questionKinds),
  prompt: z.string(),
  options: z.array(z.string()),
  targets: z.array(targetView),
  required: z.boolean(),
});
export type QuestionView = z.infer<typeof questionView>;

/** One of the respondent's children (or the family) and whether it has answered. */
export const respondentSlot = z.object({
  studentId: z.string().nullable(),
  name: z.string(),
  answered: z.boolean(),
});

export const surveySummary = z.object({
  id: z.string(),
  termId: z.string(),
  termName: z.string(),
  kind: z.enum(surveyKinds),
  title: z.string(),
  intro: z.string(),
  perChild: z.boolean(),
  status: z.enum(surveyStatuses),
  closesOn: z.string().nullable(),
  openedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  questionCount: z.number(),
  /** Only for those who read results (the school, the district); null otherwise. */
  responseCount: z.number().nullable(),
  /** The caller's own children (or family) and whether each has answered; empty for staff. */
  mine: z.array(respondentSlot),
  /** Whether the caller may answer now. */
  answerable: z.boolean(),
});
export type SurveySummary = z.infer<typeof surveySummary>;
export const surveyList = z.object({ items: z.array(surveySummary) });

const named = z.array(z.object({ id: z.string(), name: z.string() }));
export const surveyView = surveySummary.extend({
  questions: z.array(questionView),
  /** For the survey's builders editing a draft: who and what may be rated; null for others. */
  candidates: z.object({ teachers: named, offerings: named }).nullable(),
});
export type SurveyView = z.infer<typeof surveyView>;

export const responseReceipt = z.object({
  surveyId: z.string(),
  studentId: z.string().nullable(),
  submittedAt: z.string(),
  answers: z.number(),
});

const ratingSummary = {
  count: z.number(),
  meanHundredths: z.number(),
  distribution: z.array(z.number()),
};
export const questionResultView = z.object({
  questionId: z.string(),
  position: z.number(),
  kind: z.enum(questionKinds),
  prompt: z.string(),
  options: z.array(z.string()),
  answered: z.number(),
  counts: z.array(z.number()).nullable(),
  rating: z.object(ratingSummary).nullable(),
  targets: z.array(z.object({ targetId: z.string(), name: z.string(), ...ratingSummary })).nullable(),
  /** Free texts, sorted; never with who wrote them. */
  texts: z.array(z.string()).nullable(),
});
export const surveyResults = z.object({
  survey: surveySummary,
  responses: z.number(),
  /** Families (or children) who could answer: those with a parent account at the school. */
  eligible: z.number(),
  /** Responses / eligible × 100, whole percent. */
  ratePercent: z.number(),
  questions: z.array(questionResultView),
});
export type SurveyResults = z.infer<typeof surveyResults>;

export const myScore = z.object({
  surveyId: z.string(),
  surveyTitle: z.string(),
  termId: z.string(),
  termName: z.string(),
  closedAt: z.string().nullable(),
  count: z.number(),
  meanHundredths: z.number(),
  distribution: z.array(z.number()),
});
export const myScores = z.object({ items: z.array(myScore) });
export type MyScores = z.infer<typeof myScores>;
