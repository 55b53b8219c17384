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

// outside institutions (DIST-2): the removal reasons in the reader's words.
const institutionReasonWords = {
  low_quality: ['服务水平低下', 'low quality of service'],
  touting: ['恶意招揽生源', 'touting for pupils'],
  not_as_agreed: ['不按规定提供服务', 'not providing the service as agreed'],
  disrupting: ['扰乱教学秩序', 'disrupting the school'],
  other: ['其他原因', 'another reason'],
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
  // daily attendance: handover and leave (DAY-2, DAY-3)
  'handover.mismatch': {
    params: ['className', 'stage', 'date', 'headCount', 'expected', 'by'],
    zh: {
      title: '交接人数不符',
      body: '{date} {className}{stage}：交接 {headCount} 人，点名应为 {expected} 人（{by}记录）。请立即核实。',
    },
    en: {
      title: 'Handover count mismatch',
      body: '{date} {className}, {stage}: {headCount} children handed over, the roll says {expected} (recorded by {by}). Check at once.',
    },
  },
  'leave.today': {
    params: ['student', 'className', 'date', 'reason'],
    zh: {
      title: '今日请假',
      body: '{student}（{className}）{date} 请假，事由：{reason}。点名时已标为请假。',
    },
    en: {
      title: 'Leave today',
      body: '{student} ({className}) is on leave on {date}, reason: {reason}. The roll call shows it as leave.',
    },
  },
  'leave.enteredForFamily': {
    params: ['student', 'fromDate', 'toDate', 'reason', 'by'],
    zh: {
      title: '学校已为孩子登记请假',
      body: '{by}已为{student}登记课后服务请假：{fromDate} 至 {toDate}，事由：{reason}。如有误请联系学校。',
    },
    en: {
      title: 'Leave entered by the school',
      body: '{by} entered after-school leave for {student}: {fromDate} to {toDate}, reason: {reason}. Contact the school if this is wrong.',
    },
  },
  // pickup and gate (DAY-4, DAY-5, DAY-10)
  'pickup.released': {
    params: ['student', 'adult', 'time'],
    zh: {
      title: '请确认已接到孩子',
      body: '{student}已于 {time} 交给{adult}。请确认您已接到孩子；如有疑问请立即联系学校。',
    },
    en: {
      title: 'Please confirm you have your child',
      body: '{student} was handed to {adult} at {time}. Please confirm you have the child; if anything is wrong, call the school at once.',
    },
  },
  'pickup.walkedHome': {
    params: ['student', 'time'],
    zh: { title: '孩子已独自离校', body: '{student}已于 {time} 凭独自回家证离校。' },
    en: {
      title: 'Your child left alone',
      body: '{student} left school alone at {time} with the walk-home permit.',
    },
  },
  'pickup.late': {
    params: ['student', 'className', 'endsAt'],
    zh: {
      title: '孩子尚未被接走',
      body: '{className}已于 {endsAt} 结束，{student}仍在校等待接送。请尽快来校或联系老师。',
    },
    en: {
      title: 'Your child is still waiting',
      body: '{className} ended at {endsAt} and {student} is still waiting at school. Please come or call the teacher.',
    },
  },
  'pickup.lateLeader': {
    params: ['student', 'className', 'endsAt'],
    zh: { title: '超时未接', body: '{className}（{endsAt} 结束）的{student}仍在校未被接走。' },
    en: {
      title: 'Late pickup',
      body: '{student} of {className} (ended {endsAt}) is still on site.',
    },
  },
  // duty roster and swaps (STAFF-5)
  'roster.published': {
    params: ['term', 'version'],
    zh: { title: '值班表已发布', body: '{term}第 {version} 版值班表已发布，请查看“我的值班”。' },
    en: {
      title: 'Duty roster published',
      body: 'Version {version} of the duty roster for {term} is published; see My duties.',
    },
  },
  'swap.requested': {
    params: ['from', 'date', 'session'],
    zh: { title: '调班请求', body: '{from}请您接替 {date} {session}的值班，请确认是否接受。' },
    en: {
      title: 'Swap request',
      body: '{from} asks you to take their duty on {date} ({session}); please accept or decline.',
    },
  },
  'swap.accepted': {
    params: ['from', 'to', 'date', 'session'],
    zh: { title: '调班待审批', body: '{to}已同意接替{from} {date} {session}的值班，请审批。' },
    en: {
      title: 'Swap awaiting approval',
      body: '{to} agreed to take the duty of {from} on {date} ({session}); please decide.',
    },
  },
  'outsideStaff.offRoster': {
    params: ['name', 'status', 'count'],
    zh: {
      title: '外聘人员不能再值班',
      body: '{name}已不在可排班状态（{status}），但已发布的值班表中还有 {count} 次今后的值班，请调班或重新生成并发布值班表。',
    },
    en: {
      title: 'Outside staff member off the roster',
      body: '{name} can no longer be rostered ({status}) but still holds {count} future duties in the published roster; swap them or generate and publish a new version.',
    },
  },
  'swap.approved': {
    params: ['date', 'session', 'to'],
    zh: { title: '调班已批准', body: '{date} {session}的值班已由{to}接替。' },
    en: { title: 'Swap approved', body: 'The duty on {date} ({session}) now belongs to {to}.' },
  },
  'swap.rejected': {
    params: ['date', 'session', 'note'],
    zh: { title: '调班未成', body: '{date} {session}的调班申请未获同意，值班不变。{note}' },
    en: {
      title: 'Swap not made',
      body: 'The swap of the duty on {date} ({session}) was not agreed; the duty stays as it was. {note}',
    },
  },
  // temporary classes (STAFF-3)
  'tempClass.headAssigned': {
    params: ['className', 'offering'],
    zh: { title: '临时班主任安排', body: '您已被安排为“{offering}”{className}的临时班主任。' },
    en: {
      title: 'Temporary head teacher',
      body: 'You are now the temporary head teacher of {className} ("{offering}").',
    },
  },
  'tempClass.moved': {
    params: ['student', 'offering', 'className'],
    zh: { title: '临时班调整', body: '{student}的“{offering}”临时班调整为{className}。' },
    en: {
      title: 'Temporary class changed',
      body: '{student} is now in {className} for "{offering}".',
    },
  },
  // fund statement (FEE-9)
  'fund.published': {
    params: ['school', 'term', 'period'],
    // A month shows as itself ('2026-10'); the whole term in the reader's words.
    labels: { period: { term: ['全学期', 'the whole term'] } },
    zh: {
      title: '经费公示已发布',
      body: '{school}{term}课后服务经费公示（{period}）已发布，请查看收入与支出明细。',
    },
    en: {
      title: 'Fund statement published',
      body: '{school} has published its after-school fund statement for {term} ({period}): see where the money came from and went.',
    },
  },
  // monthly settlement, refunds and the term end (FEE-4, FEE-5, 多还少补)
  'refund.proposed': {
    params: ['student', 'amount', 'proposer'],
    zh: { title: '退费待审批', body: '{proposer}提出为{student}退费 {amount} 元，请审批。' },
    en: {
      title: 'Refund to approve',
      body: '{proposer} proposes a refund of {amount} yuan for {student}; please decide.',
    },
  },
  'refund.approved': {
    params: ['student', 'amount', 'reason'],
    zh: { title: '退费已批准', body: '{student}的退费 {amount} 元已批准，学校将退还给您。原因：{reason}' },
    en: {
      title: 'Refund approved',
      body: 'A refund of {amount} yuan for {student} is approved; the school will pay it back. Reason: {reason}',
    },
  },
  'term.shortfall': {
    params: ['student', 'term', 'amount'],
    zh: { title: '期末结算待补缴', body: '{student}{term}期末结算后尚欠 {amount} 元，请尽快补缴。' },
    en: {
      title: 'Term balance due',
      body: 'After the term-end balance of {term}, {amount} yuan is still due for {student}; please pay it.',
    },
  },
  // outside institutions (DIST-2): the district stops an institution a school uses
  'institution.suspended': {
    params: ['name', 'note', 'bookings'],
    zh: {
      title: '校外机构已暂停',
      body: '区教体局已暂停机构“{name}”（{note}）。本校对该机构的 {bookings} 项预订自今日起终止，其人员不能再排班，请另行安排。',
    },
    en: {
      title: 'Outside institution suspended',
      body: 'The district suspended "{name}" ({note}). This school’s {bookings} booking(s) with it end today and its staff can no longer be rostered; please make other arrangements.',
    },
  },
  'institution.removed': {
    params: ['name', 'reason', 'bookings'],
    labels: { reason: institutionReasonWords },
    zh: {
      title: '校外机构已清退',
      body: '区教体局已将机构“{name}”清退出准入名单（原因：{reason}）。本校对该机构的 {bookings} 项预订自今日起终止，其人员不能再排班，请另行安排。',
    },
    en: {
      title: 'Outside institution removed',
      body: 'The district removed "{name}" from the approved list ({reason}). This school’s {bookings} booking(s) with it end today and its staff can no longer be rostered; please make other arrangements.',
    },
  },
  // surveys (SURV-1, SURV-2)
  'survey.opened': {
    params: ['school', 'title'],
    zh: { title: '请填写问卷', body: '{school}发布了问卷“{title}”，请抽空填写。' },
    en: { title: 'A survey to answer', body: '{school} asks you to answer the survey "{title}".' },
  },
  // teacher pay (PAY-1)
  'pay.approved': {
    params: ['term', 'amount'],
    zh: {
      title: '课后服务酬劳已审批',
      body: '{term}课后服务酬劳已审批，您本次应发 {amount} 元，可查看明细。',
    },
    en: {
      title: 'After-school pay approved',
      body: 'Your after-school pay for {term} is approved: {amount} yuan. See the statement for details.',
    },
  },
  // An adjustment that lowers a teacher's pay: the amount (positive) is to be paid back.
  'pay.repay': {
    params: ['term', 'amount'],
    zh: {
      title: '课后服务酬劳调整',
      body: '{term}课后服务酬劳已重新核算并审批，您此前多发 {amount} 元，需退回，可查看明细。',
    },
    en: {
      title: 'After-school pay adjusted',
      body: 'Your after-school pay for {term} was recomputed and approved: {amount} yuan was overpaid and is to be paid back. See the statement for details.',
    },
  },
} as const satisfies Record<string, Message>;

export type NotifyKind = keyof typeof messages;

/**
 * SAFE-2: the kinds written for staff about their work. A staff-only channel (a teachers' group
 * chat) carries these and nothing else, so a message to a family about its own child never lands
 * there, even when the parent is also a teacher at the school.
 */
export const staffKinds: ReadonlySet<string> = new Set<NotifyKind>([
  'incident.critical',
  'handover.mismatch',
  'leave.today',
  'pickup.lateLeader',
  'roster.published',
  'swap.requested',
  'swap.accepted',
  'swap.approved',
  'swap.rejected',
  'outsideStaff.offRoster',
  'tempClass.headAssigned',
  'withdrawal.requested',
  'institution.suspended',
  'institution.removed',
]);
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
