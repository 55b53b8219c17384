// The two survey templates (SURV-1 demand, SURV-2 satisfaction) and a blank one, as pure data built
// from the term's sessions, clubs, teachers and offerings.
import { limits, type QuestionDraft, type QuestionKind, type SurveyKind } from './rules';

// ---- templates --------------------------------------------------------------------------------

export interface TemplateContext {
  /** The term's sessions by name (课后服务, 午托). */
  sessions: string[];
  /** The term's clubs by name. */
  clubs: string[];
  /** The staff who teach or care in the term (users.id). */
  teacherIds: string[];
  /** The term's offerings (offerings.id). */
  offeringIds: string[];
}

export interface Template {
  kind: SurveyKind;
  title: string;
  intro: string;
  perChild: boolean;
  questions: QuestionDraft[];
}

const q = (
  kind: QuestionKind,
  prompt: string,
  required: boolean,
  extra: Partial<Pick<QuestionDraft, 'options' | 'targets'>> = {},
): QuestionDraft => ({ kind, prompt, options: extra.options ?? [], targets: extra.targets ?? [], required });

const orDefault = (list: string[], fallback: string[]) =>
  list.length >= limits.minOptions ? list : fallback;
const unique = (list: string[]) =>
  [...new Set(list.map((s) => s.trim()).filter((s) => s !== ''))].slice(0, 20);

/** SURV-1 / PROG-8: asked per child before the term, to size the sessions and clubs. */
export function demandTemplate(termName: string, c: TemplateContext): Template {
  return {
    kind: 'demand',
    title: `${termName}课后服务需求调查`,
    intro: '为合理安排课后服务的时段、看护和社团，请为每个孩子填写一份。',
    perChild: true,
    questions: [
      q('single', '放学后您能按时接孩子吗？', true, {
        options: ['能按时接', '有时不能', '基本不能，需要延时看护'],
      }),
      q('multiple', '孩子需要参加哪些时段？', true, {
        options: orDefault(unique(c.sessions), ['午托', '课后服务']),
      }),
      q('multiple', '孩子对哪些社团感兴趣？', false, {
        options: orDefault(unique(c.clubs), ['体育类', '艺术类', '科技类', '阅读类']),
      }),
      q('text', '其他需求或建议', false),
    ],
  };
}

/** SURV-2: once per family at the term's end; the per-teacher ratings feed PAY-7. */
export function satisfactionTemplate(termName: string, c: TemplateContext): Template {
  const questions = [q('rating', '您对本学期课后服务的总体满意度', true)];
  if (c.teacherIds.length)
    questions.push(q('rating_teacher', '请为各位老师评分', false, { targets: c.teacherIds }));
  if (c.offeringIds.length)
    questions.push(q('rating_offering', '请为孩子参加的项目评分', false, { targets: c.offeringIds }));
  questions.push(q('text', '您希望我们改进哪些地方？', false));
  return {
    kind: 'satisfaction',
    title: `${termName}课后服务满意度调查`,
    intro: '感谢您的支持！每个家庭填写一份。',
    perChild: false,
    questions,
  };
}

export function blankTemplate(kind: SurveyKind, termName: string): Template {
  return {
    kind,
    title: `${termName}${kind === 'demand' ? '需求调查' : '满意度调查'}`,
    intro: '',
    perChild: false,
    questions: [q('text', '您的意见', false)],
  };
}
