import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  acceptsAnswers,
  aggregate,
  canTransition,
  checkAnswers,
  checkQuestions,
  countFamilies,
  familyKey,
  isEditable,
  type Question,
  type QuestionDraft,
  rateableTeachers,
  summarise,
  surveyStatuses,
  transitions,
} from './rules';
import { meanHundredths } from './scores';
import { demandTemplate, satisfactionTemplate } from './templates';

const draft = (over: Partial<QuestionDraft>): QuestionDraft => ({
  kind: 'text',
  prompt: '问',
  options: [],
  targets: [],
  required: false,
  ...over,
});
const questions: Question[] = [
  { id: 'q1', position: 1, ...draft({ kind: 'single', options: ['能', '不能'], required: true }) },
  { id: 'q2', position: 2, ...draft({ kind: 'multiple', options: ['午托', '课后', '延时'] }) },
  { id: 'q3', position: 3, ...draft({ kind: 'rating', required: true }) },
  { id: 'q4', position: 4, ...draft({ kind: 'rating_teacher', targets: ['t1', 't2'] }) },
  { id: 'q5', position: 5, ...draft({ kind: 'text' }) },
];

describe('state machine', () => {
  it('goes draft → open → closed and never back', () => {
    expect(transitions).toEqual({ draft: ['open'], open: ['closed'], closed: [] });
    const allowed = surveyStatuses.flatMap((from) =>
      surveyStatuses.filter((to) => canTransition(from, to)).map((to) => `${from}>${to}`),
    );
    expect(allowed).toEqual(['draft>open', 'open>closed']);
  });
  it('only a draft is editable; only an open survey before its closing day takes answers', () => {
    expect(surveyStatuses.map(isEditable)).toEqual([true, false, false]);
    expect(acceptsAnswers({ status: 'open', closesOn: null }, '2026-12-01')).toBe(true);
    expect(acceptsAnswers({ status: 'open', closesOn: '2026-12-01' }, '2026-12-01')).toBe(true);
    expect(acceptsAnswers({ status: 'open', closesOn: '2026-12-01' }, '2026-12-02')).toBe(false);
    expect(acceptsAnswers({ status: 'draft', closesOn: null }, '2026-12-01')).toBe(false);
    expect(acceptsAnswers({ status: 'closed', closesOn: null }, '2026-12-01')).toBe(false);
  });
});

describe('question validation', () => {
  it('accepts the templates', () => {
    const c = { sessions: ['午托', '课后服务'], clubs: ['足球'], teacherIds: ['t1'], offeringIds: ['o1'] };
    expect(checkQuestions(demandTemplate('秋季', c).questions)).toEqual([]);
    expect(checkQuestions(satisfactionTemplate('秋季', c).questions)).toEqual([]);
    const kinds = satisfactionTemplate('秋季', c).questions.map((q) => q.kind);
    expect(kinds).toEqual(['rating', 'rating_teacher', 'rating_offering', 'text']);
    expect(demandTemplate('秋季', c).perChild).toBe(true);
    // one club is too few options: the template falls back to categories
    expect(demandTemplate('秋季', c).questions[2]!.options.length).toBeGreaterThanOrEqual(2);
  });
  it('refuses bad choices, targets and prompts', () => {
    const codes = (q: Partial<QuestionDraft>) => checkQuestions([draft(q)]).map((p) => p.code);
    expect(checkQuestions([]).map((p) => p.code)).toEqual(['no_questions']);
    expect(codes({ prompt: '  ' })).toEqual(['prompt_empty']);
    expect(codes({ kind: 'single', options: ['a'] })).toEqual(['options_count']);
    expect(codes({ kind: 'multiple', options: Array.from({ length: 21 }, (_, i) => `o${i}`) })).toEqual([
      'options_count',
    ]);
    expect(codes({ kind: 'single', options: ['a', ' '] })).toEqual(['option_empty']);
    expect(codes({ kind: 'single', options: ['a', 'a '] })).toEqual(['option_duplicate']);
    expect(codes({ kind: 'rating', options: ['a', 'b'] })).toEqual(['options_not_allowed']);
    expect(codes({ kind: 'rating_teacher' })).toEqual(['targets_empty']);
    expect(codes({ kind: 'rating_offering', targets: ['o', 'o'] })).toEqual(['targets_duplicate']);
    expect(codes({ kind: 'text', targets: ['t'] })).toEqual(['targets_not_allowed']);
    expect(codes({ kind: 'single', options: ['a', 'b'] })).toEqual([]);
  });
});

describe('answer validation', () => {
  const ok = [
    { questionId: 'q1', choices: [1] },
    { questionId: 'q2', choices: [2, 0] },
    { questionId: 'q3', rating: 4 },
    { questionId: 'q4', ratings: [{ targetId: 't2', rating: 5 }] },
    { questionId: 'q5', text: '  多些户外活动 ' },
  ];
  it('turns good answers into rows', () => {
    const { problems, rows } = checkAnswers(questions, ok);
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      { questionId: 'q1', targetId: '', rating: null, choices: [1], text: null },
      { questionId: 'q2', targetId: '', rating: null, choices: [0, 2], text: null },
      { questionId: 'q3', targetId: '', rating: 4, choices: null, text: null },
      { questionId: 'q4', targetId: 't2', rating: 5, choices: null, text: null },
      { questionId: 'q5', targetId: '', rating: null, choices: null, text: '多些户外活动' },
    ]);
  });
  const codes = (answers: Parameters<typeof checkAnswers>[1]) => {
    const r = checkAnswers(questions, answers);
    expect(r.problems.length === 0 || r.rows.length === 0).toBe(true);
    return r.problems.map((p) => p.code);
  };
  const replace = (id: string, a: Record<string, unknown>) =>
    ok.map((x) => (x.questionId === id ? { questionId: id, ...a } : x));
  it('refuses each kind of bad answer', () => {
    expect(codes(ok.filter((a) => a.questionId !== 'q1'))).toEqual(['required']);
    expect(codes(replace('q1', { choices: [2] }))).toEqual(['choice_out_of_range']);
    expect(codes(replace('q1', { choices: [0, 1] }))).toEqual(['choice_count']);
    expect(codes(replace('q2', { choices: [1, 1] }))).toEqual(['choice_duplicate']);
    expect(codes(replace('q3', { rating: 6 }))).toEqual(['rating_range']);
    expect(codes(replace('q3', { rating: 4.5 }))).toEqual(['rating_range']);
    expect(codes(replace('q3', { rating: 0 }))).toEqual(['rating_range']);
    expect(codes(replace('q3', { text: 'x' }))).toEqual(['answer_shape']);
    expect(codes(replace('q4', { ratings: [{ targetId: 'tX', rating: 5 }] }))).toEqual(['target_unknown']);
    expect(
      codes(
        replace('q4', {
          ratings: [
            { targetId: 't1', rating: 5 },
            { targetId: 't1', rating: 4 },
          ],
        }),
      ),
    ).toEqual(['question_duplicate']);
    expect(codes(replace('q5', { text: 'x'.repeat(2001) }))).toEqual(['text_too_long']);
    expect(codes([...ok, { questionId: 'nope', text: 'x' }])).toEqual(['question_unknown']);
    expect(codes([...ok, { questionId: 'q5', text: 'again' }])).toEqual(['question_duplicate']);
  });
  it('SURV-2: parents sharing a child are one family', () => {
    expect(countFamilies([['A', 'B'], ['B'], ['C'], ['D', 'C'], ['E']])).toBe(3);
    expect(countFamilies([['A'], ['B'], ['A', 'B']])).toBe(1);
    expect(countFamilies([])).toBe(0);
  });
  it('PAY-7: refuses a rating of oneself and of a teacher outside the family’s scope', () => {
    const scoped = (targets: string[], scope: Parameters<typeof checkAnswers>[2]) =>
      checkAnswers(
        questions,
        replace('q4', { ratings: targets.map((targetId) => ({ targetId, rating: 5 })) }),
        scope,
      ).problems.map((p) => p.code);
    expect(scoped(['t1'], { self: 't1', teachers: null })).toEqual(['target_self']);
    expect(scoped(['t1', 't2'], { self: 'u', teachers: new Set(['t1']) })).toEqual(['target_not_relevant']);
    expect(scoped(['t1'], { self: 'u', teachers: new Set(['t1']) })).toEqual([]);
    expect(rateableTeachers(['t1', 't2', 't3'], { self: 't3', teachers: new Set(['t2', 't3']) })).toEqual([
      't2',
    ]);
  });
  it('lets optional questions be left empty', () => {
    expect(
      codes([ok[0]!, ok[2]!, { questionId: 'q2', choices: [] }, { questionId: 'q5', text: ' ' }]),
    ).toEqual([]);
  });
});

describe('family key', () => {
  it('per child: the own child only; per family: the smallest child id, shared by both parents', () => {
    expect(familyKey(true, ['s2', 's1'], 's2')).toEqual({ ok: true, key: 's2', studentId: 's2' });
    expect(familyKey(true, ['s2', 's1'], 's9')).toEqual({ ok: false, code: 'NO_CHILD' });
    expect(familyKey(true, ['s2'], null)).toEqual({ ok: false, code: 'NO_CHILD' });
    expect(familyKey(false, ['s2', 's1'], null)).toEqual({ ok: true, key: 's1', studentId: null });
    expect(familyKey(false, [], null)).toEqual({ ok: false, code: 'NO_CHILD' });
    fc.assert(
      fc.property(fc.uniqueArray(fc.uuid(), { minLength: 1, maxLength: 5 }), (children) => {
        const a = familyKey(false, children, null);
        const b = familyKey(false, [...children].reverse(), null);
        expect(a).toEqual(b);
      }),
    );
  });
});

describe('aggregation', () => {
  it('counts options, means ratings half up, per target, sorts texts', () => {
    const rows = [
      { responseId: 'r1', questionId: 'q1', targetId: '', rating: null, choices: [0], text: null },
      { responseId: 'r2', questionId: 'q1', targetId: '', rating: null, choices: [1], text: null },
      { responseId: 'r3', questionId: 'q1', targetId: '', rating: null, choices: [1], text: null },
      { responseId: 'r1', questionId: 'q2', targetId: '', rating: null, choices: [0, 2], text: null },
      { responseId: 'r1', questionId: 'q3', targetId: '', rating: 4, choices: null, text: null },
      { responseId: 'r2', questionId: 'q3', targetId: '', rating: 5, choices: null, text: null },
      { responseId: 'r1', questionId: 'q4', targetId: 't1', rating: 4, choices: null, text: null },
      { responseId: 'r2', questionId: 'q4', targetId: 't1', rating: 5, choices: null, text: null },
      { responseId: 'r2', questionId: 'q4', targetId: 't2', rating: 3, choices: null, text: null },
      { responseId: 'r2', questionId: 'q5', targetId: '', rating: null, choices: null, text: '乙' },
      { responseId: 'r1', questionId: 'q5', targetId: '', rating: null, choices: null, text: '甲' },
    ];
    const r = aggregate(questions, rows);
    expect(r[0]).toEqual({ questionId: 'q1', kind: 'single', answered: 3, counts: [1, 2] });
    expect(r[1]).toEqual({ questionId: 'q2', kind: 'multiple', answered: 1, counts: [1, 0, 1] });
    expect(r[2]).toEqual({
      questionId: 'q3',
      kind: 'rating',
      answered: 2,
      rating: { count: 2, meanHundredths: 450, distribution: [0, 0, 0, 1, 1] },
    });
    expect(r[3]).toEqual({
      questionId: 'q4',
      kind: 'rating_teacher',
      answered: 2,
      targets: [
        { targetId: 't1', count: 2, meanHundredths: 450, distribution: [0, 0, 0, 1, 1] },
        { targetId: 't2', count: 1, meanHundredths: 300, distribution: [0, 0, 1, 0, 0] },
      ],
    });
    const text = r[4]!;
    expect(text.kind === 'text' && text.texts).toEqual(['乙', '甲'].sort());
  });
  it('a summary of nothing is zero', () => {
    expect(summarise([])).toEqual({ count: 0, meanHundredths: 0, distribution: [0, 0, 0, 0, 0] });
  });
});

describe('meanHundredths', () => {
  it('is the mean × 100, half up, in integers', () => {
    expect(meanHundredths(9, 2)).toBe(450);
    expect(meanHundredths(14, 3)).toBe(467);
    expect(meanHundredths(13, 3)).toBe(433);
    expect(meanHundredths(1, 8)).toBe(13); // 12.5 → 13
    expect(meanHundredths(5, 0)).toBe(0);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 500 }), (ratings) => {
        const sum = ratings.reduce((a, b) => a + b, 0);
        const m = meanHundredths(sum, ratings.length);
        expect(Math.abs(m - (sum * 100) / ratings.length)).toBeLessThanOrEqual(0.5);
        expect(m).toBeGreaterThanOrEqual(100);
        expect(m).toBeLessThanOrEqual(500);
      }),
    );
  });
});
