// The inbox's message catalogue: a notification stores only its kind and parameters, and is
// rendered in the reader's language when read (so a parent who switches to English reads
// yesterday's messages in English too). `params` lists what each kind expects.
import type { Locale } from '../../server/errors';
import type { NewNotification } from './store';

interface Template {
  title: string;
  body: string;
}

interface Message {
  params: readonly string[];
  zh: Template;
  en: Template;
  /**
   * Parameters stored as a code and shown as a word in the reader's language (an incident's kind):
   * `labels.kind.injury = ['受伤', 'injury']`. An unknown code shows as itself.
   */
  labels?: Record<string, Record<string, readonly [string, string]>>;
}

// incidents (DAY-6): the words for the codes an incident notification carries.
const incidentKindWords = {
  injury: ['受伤', 'an injury'],
  illness: ['身体不适', 'illness'],
  conflict: ['同学冲突', 'a conflict between pupils'],
  missing_child: ['学生走失', 'a missing child'],
  property: ['财物损坏或丢失', 'property damaged or lost'],
  staff_dereliction: ['教职工失职', 'a staff member failing in duty'],
  safety_hazard: ['安全隐患', 'a safety hazard'],
  other: ['其他情况', 'another matter'],
} as const;
const incidentSeverityWords = {
  minor: ['一般', 'minor'],
  serious: ['较重', 'serious'],
  critical: ['严重', 'critical'],
} as const;

export const messages = {
  'application.submitted': {
    params: ['student', 'term', 'ref'],
    zh: {
      title: '报名已提交',
      body: '{student}的{term}课后服务报名已提交，报名编号 {ref}。接下来由班主任初审。',
    },
    en: {
      title: 'Application submitted',
      body: 'The after-school application for {student} ({term}) is submitted, reference {ref}. The class teacher reviews it next.',
    },
  },
  'application.preApproved': {
    params: ['student', 'term'],
    zh: { title: '班级初审已通过', body: '{student}的{term}课后服务报名已通过班主任初审，等待学校核准。' },
    en: {
      title: 'Passed the class review',
      body: 'The application for {student} ({term}) passed the class teacher’s review and waits for the school’s approval.',
    },
  },
  'application.returned': {
    params: ['student', 'term', 'reason'],
    zh: { title: '报名被退回', body: '{student}的{term}课后服务报名未通过班级初审。理由：{reason}' },
    en: {
      title: 'Application returned',
      body: 'The application for {student} ({term}) did not pass the class review. Reason: {reason}',
    },
  },
  'application.approved': {
    params: ['student', 'term'],
    zh: {
      title: '学校已核准报名',
      body: '{student}的{term}课后服务报名已由学校核准。名额按公开规则分配，结果另行通知。',
    },
    en: {
      title: 'Application approved',
      body: 'The school approved the application for {student} ({term}). Places are allocated by the published rules; you will be told the result.',
    },
  },
  'application.rejected': {
    params: ['student', 'term', 'reason'],
    zh: { title: '报名未获核准', body: '{student}的{term}课后服务报名未获学校核准。理由：{reason}' },
    en: {
      title: 'Application not approved',
      body: 'The school did not approve the application for {student} ({term}). Reason: {reason}',
    },
  },
  'application.offered': {
    params: ['student', 'term', 'offerings'],
    zh: {
      title: '已获得名额',
      body: '{student}已获得{term}以下项目的名额：{offerings}。请阅读并签署安全责任书，签署后方可参加。',
    },
    en: {
      title: 'A place is offered',
      body: '{student} is offered a place in {offerings} ({term}). Please read and sign the agreement; the child takes part only after it is signed.',
    },
  },
  'application.waitlisted': {
    params: ['student', 'offering', 'position'],
    zh: { title: '已列入候补', body: '{student}暂未获得“{offering}”的名额，目前候补第 {position} 位。' },
    en: {
      title: 'On the waitlist',
      body: '{student} has no place in "{offering}" yet and is number {position} on the waitlist.',
    },
  },
  'offer.fromWaitlist': {
    params: ['student', 'offering', 'expiresAt'],
    zh: {
      title: '候补名额',
      body: '“{offering}”空出了名额，现提供给{student}。请在 {expiresAt} 前确认，逾期视为放弃。',
    },
    en: {
      title: 'A place from the waitlist',
      body: 'A place in "{offering}" is free and offered to {student}. Please accept by {expiresAt}; after that it passes to the next child.',
    },
  },
  'offer.lapsed': {
    params: ['student', 'offering', 'expiredAt'],
    zh: {
      title: '名额已失效',
      body: '{student}未在 {expiredAt} 前确认“{offering}”的名额，名额已顺延给下一位。',
    },
    en: {
      title: 'Offer lapsed',
      body: 'The place in "{offering}" for {student} was not accepted by {expiredAt} and passed to the next child.',
    },
  },
  'list.published': {
    params: ['student', 'term'],
    zh: { title: '名单已公示', body: '{term}课后服务名单已公示，{student}已正式录取。' },
    en: { title: 'List published', body: 'The list for {term} is published; {student} is enrolled.' },
  },
  'withdrawal.requested': {
    params: ['student', 'item', 'effectiveOn'],
    zh: { title: '新的退出申请', body: '{student}的家长申请自 {effectiveOn} 起退出“{item}”，请审批。' },
    en: {
      title: 'Withdrawal request',
      body: 'The family of {student} asks to leave "{item}" from {effectiveOn}; please decide.',
    },
  },
  'withdrawal.approved': {
    params: ['student', 'item', 'effectiveOn'],
    zh: { title: '退出申请已同意', body: '学校已同意{student}自 {effectiveOn} 起退出“{item}”。' },
    en: {
      title: 'Withdrawal approved',
      body: 'The school approved that {student} leaves "{item}" from {effectiveOn}.',
    },
  },
  'withdrawal.rejected': {
    params: ['student', 'item', 'reason'],
    zh: { title: '退出申请未同意', body: '学校未同意{student}退出“{item}”。理由：{reason}' },
    en: {
      title: 'Withdrawal not approved',
      body: 'The school did not approve that {student} leaves "{item}". Reason: {reason}',
    },
  },
  // incidents (DAY-6): the family is told at once; critical ones also reach the school's leaders.
  'incident.reported': {
    params: ['student', 'kind', 'severity', 'occurredAt', 'place', 'action'],
    labels: { kind: incidentKindWords, severity: incidentSeverityWords },
    zh: {
      title: '孩子在校发生情况',
      body: '{student}于 {occurredAt} 在{place}发生{kind}（{severity}）。学校已处理：{action}。详情请查看，如有疑问请联系学校。',
    },
    en: {
      title: 'Something happened to your child at school',
      body: '{student}: {kind} ({severity}) at {occurredAt}, {place}. What the school did: {action}. Open for details, or contact the school.',
    },
  },
  'incident.followedUp': {
    params: ['student', 'note'],
    zh: { title: '事件有新的跟进', body: '关于{student}的事件，学校补充：{note}' },
    en: { title: 'An update on the incident', body: 'About {student}, the school adds: {note}' },
  },
  'incident.closed': {
    params: ['student', 'note'],
    zh: { title: '事件已结案', body: '关于{student}的事件已处理完毕。结论：{note}' },
    en: { title: 'Incident closed', body: 'The incident about {student} is closed. Conclusion: {note}' },
  },
  'incident.critical': {
    params: ['kind', 'place', 'occurredAt', 'reporter', 'students'],
    labels: { kind: incidentKindWords },
    zh: {
      title: '严重事件',
      body: '{occurredAt} {place}发生严重事件：{kind}，涉及学生 {students} 名，登记人 {reporter}。请立即处置。',
    },
    en: {
      title: 'Critical incident',
      body: 'Critical incident at {occurredAt}, {place}: {kind}, {students} pupil(s) involved, reported by {reporter}. Act now.',
    },
  },
} as const satisfies Record<string, Message>;

export type NotifyKind = keyof typeof messages;
export const notifyKinds = Object.keys(messages) as NotifyKind[];

/** The parameters a kind expects, typed, for callers building a notification. */
export type NotifyParams<K extends NotifyKind> = Record<
  (typeof messages)[K]['params'][number],
  string | number
>;

function fill(template: string, params: Record<string, unknown>): string {
  // A missing parameter reads as nothing rather than as "{name}" in a parent's inbox.
  return template.replace(/\{(\w+)\}/g, (_, key: string) => {
    const v = params[key];
    return v === undefined || v === null ? '' : String(v);
  });
}

export function renderNotification(
  kind: string,
  params: Record<string, unknown>,
  locale: Locale,
): { title: string; body: string } {
  const message = (messages as Record<string, Message>)[kind];
  if (!message) return { title: kind, body: '' };
  const template = locale === 'en' ? message.en : message.zh;
  let shown = params;
  if (message.labels) {
    shown = { ...params };
    for (const [key, words] of Object.entries(message.labels)) {
      const word = words[String(params[key])];
      if (word) shown[key] = locale === 'en' ? word[1] : word[0];
    }
  }
  return { title: fill(template.title, shown), body: fill(template.body, shown) };
}

/** A notification of a catalogued kind, its parameters checked against the catalogue. */
export function notification<K extends NotifyKind>(
  kind: K,
  to: { userId: string; schoolId: string | null },
  params: NotifyParams<K>,
  link?: string,
): NewNotification {
  return { kind, userId: to.userId, schoolId: to.schoolId, params, link: link ?? null };
}
