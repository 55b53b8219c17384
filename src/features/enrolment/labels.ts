// Words for enrolment's statuses and events, so refusals name where an application stands in the
// reader's language ("当前状态为“班级初审通过”") rather than a code.
import type { Locale } from '../../server/errors';
import type { ApplicationEvent, ApplicationStatus, LineStatus, WithdrawalStatus } from './rules';

type Words = { zh: string; en: string };

export const applicationStatusLabels: Record<ApplicationStatus, Words> = {
  draft: { zh: '草稿', en: 'draft' },
  submitted: { zh: '已提交', en: 'submitted' },
  pre_reviewed: { zh: '班级初审通过', en: 'passed the class review' },
  approved: { zh: '学校已核准', en: 'approved by the school' },
  offered: { zh: '已获名额', en: 'offered a place' },
  agreed: { zh: '已签协议', en: 'agreement signed' },
  enrolled: { zh: '已录取', en: 'enrolled' },
  rejected: { zh: '未通过', en: 'not accepted' },
  waitlisted: { zh: '候补中', en: 'on the waitlist' },
  withdrawn: { zh: '已撤回', en: 'withdrawn' },
};

export const applicationEventLabels: Record<ApplicationEvent, Words> = {
  submit: { zh: '提交', en: 'submit' },
  preApprove: { zh: '初审通过', en: 'pass the class review' },
  preReject: { zh: '初审退回', en: 'return at the class review' },
  approve: { zh: '核准', en: 'approve' },
  reject: { zh: '不予核准', en: 'reject' },
  offer: { zh: '分配名额', en: 'offer a place' },
  waitlist: { zh: '列入候补', en: 'waitlist' },
  sign: { zh: '签署协议', en: 'sign the agreement' },
  enrol: { zh: '公示录取', en: 'enrol' },
  withdraw: { zh: '撤回', en: 'withdraw' },
};

export const lineStatusLabels: Record<LineStatus, Words> = {
  pending: { zh: '待分配', en: 'pending' },
  offered: { zh: '已获名额', en: 'offered' },
  accepted: { zh: '已确认', en: 'accepted' },
  waitlisted: { zh: '候补中', en: 'waitlisted' },
  not_needed: { zh: '无需（第一志愿已录取）', en: 'not needed' },
  declined: { zh: '已放弃', en: 'declined' },
  lapsed: { zh: '逾期未确认', en: 'lapsed' },
  withdrawn: { zh: '已退出', en: 'withdrawn' },
};

export const withdrawalStatusLabels: Record<WithdrawalStatus, Words> = {
  requested: { zh: '待处理', en: 'requested' },
  approved: { zh: '已同意', en: 'approved' },
  rejected: { zh: '未同意', en: 'rejected' },
  cancelled: { zh: '已取消', en: 'cancelled' },
};

export function say(words: Words | undefined, locale: Locale, fallback: string): string {
  if (!words) return fallback;
  return locale === 'en' ? words.en : words.zh;
}

export function statusLabel(status: string, locale: Locale): string {
  return say(applicationStatusLabels[status as ApplicationStatus], locale, status);
}

export function eventLabel(event: string, locale: Locale): string {
  return say(applicationEventLabels[event as ApplicationEvent], locale, event);
}
