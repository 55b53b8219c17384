// Surveys (SURV-1, SURV-2), the pure rules: the survey's state machine, what a question may be,
// what an answer to it may be, the family key that makes a response unique, the results'
// aggregation (counts, means, distributions) and the two templates. No I/O, no clock.
//
// Glossary: 问卷 survey · 需求调查 demand survey (SURV-1, PROG-8) · 满意度调查 satisfaction survey
// (SURV-2 → PAY-7) · 单选 single choice · 多选 multiple choice · 评分 rating · 填空 free text.
import { meanHundredths } from './scores';

export const surveyKinds = ['demand', 'satisfaction'] as const;
export type SurveyKind = (typeof surveyKinds)[number];
export const surveyStatuses = ['draft', 'open', 'closed'] as const;
export type SurveyStatus = (typeof surveyStatuses)[number];
export const questionKinds = [
  'single',
  'multiple',
  'rating',
  'rating_teacher',
  'rating_offering',
  'text',
] as const;
export type QuestionKind = (typeof questionKinds)[number];

// ---- state machine ----------------------------------------------------------------------------

/** draft → open → closed; nothing goes back (a closed survey's scores are what pay reads). */
export const transitions: Record<SurveyStatus, readonly SurveyStatus[]> = {
  draft: ['open'],
  open: ['closed'],
  closed: [],
};

export function canTransition(from: SurveyStatus, to: SurveyStatus): boolean {
  return transitions[from].includes(to);
}

/** Questions, title and intro change only while the survey is a draft. */
export function isEditable(status: SurveyStatus): boolean {
  return status === 'draft';
}

/** A family may answer while the survey is open and its closing day (school-local) has not passed. */
export function acceptsAnswers(
  survey: { status: SurveyStatus; closesOn: string | null },
  today: string,
): boolean {
  return survey.status === 'open' && (survey.closesOn === null || today <= survey.closesOn);
}

// ---- questions --------------------------------------------------------------------------------

export const limits = {
  questions: 50,
  minOptions: 2,
  maxOptions: 20,
  textChars: 2000,
  maxTargets: 300,
} as const;

export interface QuestionDraft {
  kind: QuestionKind;
  prompt: string;
  options: string[];
  targets: string[];
  required: boolean;
}

export interface Question extends QuestionDraft {
  id: string;
  position: number;
}

export interface Problem {
  /** The question's index (0-based) in the list checked. */
  question: number;
  code:
    | 'no_questions'
    | 'too_many_questions'
    | 'prompt_empty'
    | 'options_count'
    | 'option_empty'
    | 'option_duplicate'
    | 'options_not_allowed'
    | 'targets_empty'
    | 'targets_duplicate'
    | 'targets_too_many'
    | 'targets_not_allowed'
    | 'target_unknown'
    | 'target_self'
    | 'target_not_relevant'
    | 'question_unknown'
    | 'question_duplicate'
    | 'required'
    | 'answer_shape'
    | 'choice_out_of_range'
    | 'choice_duplicate'
    | 'choice_count'
    | 'rating_range'
    | 'text_too_long';
}

export const isChoice = (kind: QuestionKind) => kind === 'single' || kind === 'multiple';
export const isPerTarget = (kind: QuestionKind) => kind === 'rating_teacher' || kind === 'rating_offering';

/** Checks a list of questions as a whole (an update replaces them all). Trims before checking. */
export function checkQuestions(questions: QuestionDraft[]): Problem[] {
  const problems: Problem[] = [];
  if (questions.length === 0) problems.push({ question: -1, code: 'no_questions' });
  if (questions.length > limits.questions) problems.push({ question: -1, code: 'too_many_questions' });
  questions.forEach((q, i) => {
    const add = (code: Problem['code']) => problems.push({ question: i, code });
    if (q.prompt.trim() === '') add('prompt_empty');
    if (isChoice(q.kind)) {
      const options = q.options.map((o) => o.trim());
      if (options.length < limits.minOptions || options.length > limits.maxOptions) add('options_count');
      if (options.some((o) => o === '')) add('option_empty');
      if (new Set(options).size !== options.length) add('option_duplicate');
    } else if (q.options.length > 0) add('options_not_allowed');
    if (isPerTarget(q.kind)) {
      if (q.targets.length === 0) add('targets_empty');
      if (q.targets.length > limits.maxTargets) add('targets_too_many');
      if (new Set(q.targets).size !== q.targets.length) add('targets_duplicate');
    } else if (q.targets.length > 0) add('targets_not_allowed');
  });
  return problems;
}

/** The questions as stored: trimmed prompt and options. */
export function normaliseQuestions(questions: QuestionDraft[]): QuestionDraft[] {
  return questions.map((q) => ({
    kind: q.kind,
    prompt: q.prompt.trim(),
    options: isChoice(q.kind) ? q.options.map((o) => o.trim()) : [],
    targets: isPerTarget(q.kind) ? [...q.targets] : [],
    required: q.required,
  }));
}

// ---- answers ----------------------------------------------------------------------------------

export interface AnswerInput {
  questionId: string;
  choices?: number[] | undefined;
  rating?: number | undefined;
  text?: string | undefined;
  ratings?: { targetId: string; rating: number }[] | undefined;
}

/** One stored answer row: a choice, a rating, a text, or one target's rating. */
export interface AnswerRow {
  questionId: string;
  targetId: string;
  rating: number | null;
  choices: number[] | null;
  text: string | null;
}

const isRating = (n: unknown): n is number => Number.isInteger(n) && (n as number) >= 1 && (n as number) <= 5;

/**
 * Whom the answering parent may rate in a per-teacher question (PAY-7 pays by these ratings): never
 * themself (a teacher who is also a parent), and, when `teachers` is given (a satisfaction survey),
 * only the teachers relevant to their children in the term.
 */
export interface RatingScope {
  self: string;
  teachers: ReadonlySet<string> | null;
}

/** The targets of a per-teacher question the parent may rate, in the question's order. */
export function rateableTeachers(targets: string[], scope: RatingScope): string[] {
  return targets.filter((t) => t !== scope.self && (!scope.teachers || scope.teachers.has(t)));
}

/**
 * Checks a family's answers against the survey's questions and returns the rows to store, or the
 * problems (then nothing is stored). Empty answers (no choice, blank text, no rating) count as not
 * answered, so an optional question may be sent empty.
 */
export function checkAnswers(
  questions: Question[],
  answers: AnswerInput[],
  scope?: RatingScope,
): { problems: Problem[]; rows: AnswerRow[] } {
  const problems: Problem[] = [];
  const rows: AnswerRow[] = [];
  const byId = new Map(questions.map((q, i) => [q.id, { q, i }]));
  const answered = new Set<string>();
  const seen = new Set<string>();
  answers.forEach((a, ai) => {
    const found = byId.get(a.questionId);
    if (!found) {
      problems.push({ question: ai, code: 'question_unknown' });
      return;
    }
    const { q, i } = found;
    const add = (code: Problem['code']) => problems.push({ question: i, code });
    if (seen.has(q.id)) {
      add('question_duplicate');
      return;
    }
    seen.add(q.id);
    const fields = (['choices', 'rating', 'text', 'ratings'] as const).filter((f) => a[f] !== undefined);
    const allowed = isChoice(q.kind)
      ? 'choices'
      : q.kind === 'rating'
        ? 'rating'
        : q.kind === 'text'
          ? 'text'
          : 'ratings';
    if (fields.some((f) => f !== allowed)) {
      add('answer_shape');
      return;
    }
    if (isChoice(q.kind)) {
      const choices = a.choices ?? [];
      if (choices.length === 0) return;
      if (choices.some((c) => !Number.isInteger(c) || c < 0 || c >= q.options.length))
        add('choice_out_of_range');
      else if (new Set(choices).size !== choices.length) add('choice_duplicate');
      else if (q.kind === 'single' && choices.length !== 1) add('choice_count');
      else {
        answered.add(q.id);
        rows.push({
          questionId: q.id,
          targetId: '',
          rating: null,
          choices: [...choices].sort((x, y) => x - y),
          text: null,
        });
      }
    } else if (q.kind === 'rating') {
      if (a.rating === undefined) return;
      if (!isRating(a.rating)) add('rating_range');
      else {
        answered.add(q.id);
        rows.push({ questionId: q.id, targetId: '', rating: a.rating, choices: null, text: null });
      }
    } else if (q.kind === 'text') {
      const text = (a.text ?? '').trim();
      if (text === '') return;
      if (text.length > limits.textChars) add('text_too_long');
      else {
        answered.add(q.id);
        rows.push({ questionId: q.id, targetId: '', rating: null, choices: null, text });
      }
    } else {
      const ratings = a.ratings ?? [];
      const targets = new Set(q.targets);
      const rated = new Set<string>();
      let bad = false;
      for (const r of ratings) {
        if (!targets.has(r.targetId)) {
          add('target_unknown');
          bad = true;
          break;
        }
        if (q.kind === 'rating_teacher' && scope && r.targetId === scope.self) {
          add('target_self');
          bad = true;
          break;
        }
        if (q.kind === 'rating_teacher' && scope?.teachers && !scope.teachers.has(r.targetId)) {
          add('target_not_relevant');
          bad = true;
          break;
        }
        if (rated.has(r.targetId)) {
          add('question_duplicate');
          bad = true;
          break;
        }
        if (!isRating(r.rating)) {
          add('rating_range');
          bad = true;
          break;
        }
        rated.add(r.targetId);
      }
      if (!bad && ratings.length > 0) {
        answered.add(q.id);
        for (const r of ratings)
          rows.push({ questionId: q.id, targetId: r.targetId, rating: r.rating, choices: null, text: null });
      }
    }
  });
  questions.forEach((q, i) => {
    if (q.required && !answered.has(q.id) && !problems.some((p) => p.question === i))
      problems.push({ question: i, code: 'required' });
  });
  return { problems, rows: problems.length ? [] : rows };
}

// ---- family key -------------------------------------------------------------------------------

export type FamilyKey = { ok: true; key: string; studentId: string | null } | { ok: false; code: 'NO_CHILD' };

/**
 * SURV-2: one response per family per survey. Per child: the child's id (the child must be the
 * respondent's own at this school). Per family: the smallest id among the respondent's children at
 * the school, so two parents of the same children share it.
 */
export function familyKey(
  perChild: boolean,
  childIds: string[],
  studentId: string | null | undefined,
): FamilyKey {
  if (childIds.length === 0) return { ok: false, code: 'NO_CHILD' };
  if (perChild) {
    if (!studentId || !childIds.includes(studentId)) return { ok: false, code: 'NO_CHILD' };
    return { ok: true, key: studentId, studentId };
  }
  const key = [...childIds].sort()[0]!;
  return { ok: true, key, studentId: null };
}

/**
 * How many families the parents' child sets make: parents linked to a common child are one family
 * (a per-family response answers for all of the parent's children), so the sets are merged.
 */
export function countFamilies(childSets: string[][]): number {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let root = x;
    while (parent.get(root) !== root) root = parent.get(root)!;
    parent.set(x, root);
    return root;
  };
  for (const set of childSets)
    for (const c of set) {
      if (!parent.has(c)) parent.set(c, c);
      parent.set(find(c), find(set[0]!));
    }
  return new Set([...parent.keys()].map(find)).size;
}

// ---- aggregation ------------------------------------------------------------------------------

export interface RatingSummary {
  count: number;
  /** Mean × 100, half up (4.5 → 450); 0 when nobody rated. */
  meanHundredths: number;
  /** How many gave 1, 2, 3, 4, 5. */
  distribution: [number, number, number, number, number];
}

export type QuestionResult =
  | { questionId: string; kind: 'single' | 'multiple'; answered: number; counts: number[] }
  | { questionId: string; kind: 'rating'; answered: number; rating: RatingSummary }
  | {
      questionId: string;
      kind: 'rating_teacher' | 'rating_offering';
      answered: number;
      targets: ({ targetId: string } & RatingSummary)[];
    }
  | { questionId: string; kind: 'text'; answered: number; texts: string[] };

export function summarise(ratings: number[]): RatingSummary {
  const distribution: RatingSummary['distribution'] = [0, 0, 0, 0, 0];
  let sum = 0;
  for (const r of ratings) {
    if (!isRating(r)) continue;
    distribution[r - 1]! += 1;
    sum += r;
  }
  const count = distribution.reduce((a, b) => a + b, 0);
  return { count, meanHundredths: meanHundredths(sum, count), distribution };
}

/**
 * The results of each question from the stored rows. `answered` counts responses that answered the
 * question (for a per-target question, responses that rated at least one target). Free texts are
 * sorted so their order says nothing about who wrote them or when.
 */
export function aggregate(
  questions: Question[],
  rows: (AnswerRow & { responseId: string })[],
): QuestionResult[] {
  const byQuestion = new Map<string, (AnswerRow & { responseId: string })[]>();
  for (const r of rows) {
    const list = byQuestion.get(r.questionId) ?? [];
    list.push(r);
    byQuestion.set(r.questionId, list);
  }
  return questions.map((q): QuestionResult => {
    const list = byQuestion.get(q.id) ?? [];
    const answered = new Set(list.map((r) => r.responseId)).size;
    if (q.kind === 'single' || q.kind === 'multiple') {
      const counts = q.options.map(() => 0);
      for (const r of list) for (const c of r.choices ?? []) if (c >= 0 && c < counts.length) counts[c]! += 1;
      return { questionId: q.id, kind: q.kind, answered, counts };
    }
    if (q.kind === 'rating')
      return {
        questionId: q.id,
        kind: 'rating',
        answered,
        rating: summarise(list.map((r) => r.rating ?? 0)),
      };
    if (q.kind === 'text') {
      const texts = list.map((r) => r.text ?? '').filter((t) => t !== '');
      texts.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      return { questionId: q.id, kind: 'text', answered, texts };
    }
    const targets = q.targets.map((targetId) => ({
      targetId,
      ...summarise(list.filter((r) => r.targetId === targetId).map((r) => r.rating ?? 0)),
    }));
    return { questionId: q.id, kind: q.kind, answered, targets };
  });
}
