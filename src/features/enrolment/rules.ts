// Enrolment's state machines: the application (ENR-2), each chosen offering's line (ENR-3, ENR-4)
// and the withdrawal request (ENR-6). A status changes only through `transition`; pure, no clock.
//
// Glossary: 报名申请 application · 班级初审 class pre-review · 学校核准 school approval ·
// 抽签 draw · 候补 waitlist · 安全责任书/服务协议 agreement · 公示 published list · 退出 withdrawal.

import { AppError } from '../../server/errors';

export const applicationStatuses = [
  'draft',
  'submitted',
  'pre_reviewed',
  'approved',
  'offered',
  'agreed',
  'enrolled',
  'rejected',
  'waitlisted',
  'withdrawn',
] as const;
export type ApplicationStatus = (typeof applicationStatuses)[number];

export const applicationEvents = [
  'submit', // parent: draft → submitted
  'preApprove', // class teacher: passes the class pre-review
  'preReject', // class teacher: returns it with a reason
  'approve', // school
  'reject', // school
  'offer', // the draw (or a freed place) gives at least one line a place
  'waitlist', // the draw placed no line, at least one is waiting
  'sign', // parent signs the agreement
  'enrol', // the list is published (or the parent signs after it was)
  'withdraw', // parent before approval, or the school approving a withdrawal request
] as const;
export type ApplicationEvent = (typeof applicationEvents)[number];

/** The whole life of an application, ENR-2. Anything not listed is refused. */
export const applicationTransitions: Record<
  ApplicationStatus,
  Partial<Record<ApplicationEvent, ApplicationStatus>>
> = {
  draft: { submit: 'submitted', withdraw: 'withdrawn' },
  submitted: { preApprove: 'pre_reviewed', preReject: 'rejected', withdraw: 'withdrawn' },
  pre_reviewed: { approve: 'approved', reject: 'rejected', withdraw: 'withdrawn' },
  approved: { offer: 'offered', waitlist: 'waitlisted', withdraw: 'withdrawn' },
  waitlisted: { offer: 'offered', withdraw: 'withdrawn' },
  offered: { sign: 'agreed', withdraw: 'withdrawn' },
  agreed: { enrol: 'enrolled', withdraw: 'withdrawn' },
  enrolled: { withdraw: 'withdrawn' },
  rejected: {},
  withdrawn: {},
};

/** The next status, or INVALID_TRANSITION naming where it stands and what was asked. */
export function transition(from: ApplicationStatus, event: ApplicationEvent): ApplicationStatus {
  const to = applicationTransitions[from][event];
  if (!to) throw new AppError('INVALID_TRANSITION', { from, event });
  return to;
}

export function canTransition(from: ApplicationStatus, event: ApplicationEvent): boolean {
  return applicationTransitions[from][event] !== undefined;
}

/**
 * One chosen offering of an application. A place is held by `offered` and `accepted` lines only;
 * capacity checks count exactly those.
 */
export const lineStatuses = [
  'pending', // chosen, not yet allocated
  'offered', // holds a place, awaiting the agreement (or, from the waitlist, acceptance by a deadline)
  'accepted', // holds a place, taken up
  'waitlisted', // in the offering's queue at `waitlist_position`
  'not_needed', // a second choice whose first choice was placed
  'declined', // the family turned the place down
  'lapsed', // an offer from the waitlist not accepted in time
  'withdrawn', // left after enrolment, or the application was withdrawn or rejected
] as const;
export type LineStatus = (typeof lineStatuses)[number];

export const placeHolding: readonly LineStatus[] = ['offered', 'accepted'];

export const lineEvents = ['place', 'queue', 'skip', 'accept', 'decline', 'lapse', 'withdraw'] as const;
export type LineEvent = (typeof lineEvents)[number];

export const lineTransitions: Record<LineStatus, Partial<Record<LineEvent, LineStatus>>> = {
  pending: { place: 'offered', queue: 'waitlisted', skip: 'not_needed', withdraw: 'withdrawn' },
  waitlisted: { place: 'offered', withdraw: 'withdrawn' },
  offered: { accept: 'accepted', decline: 'declined', lapse: 'lapsed', withdraw: 'withdrawn' },
  accepted: { withdraw: 'withdrawn' },
  not_needed: { withdraw: 'withdrawn' },
  declined: {},
  lapsed: {},
  withdrawn: {},
};

export function lineTransition(from: LineStatus, event: LineEvent): LineStatus {
  const to = lineTransitions[from][event];
  if (!to) throw new AppError('INVALID_TRANSITION', { from, event });
  return to;
}

/** ENR-6: a withdrawal request is decided once by the school. */
export const withdrawalStatuses = ['requested', 'approved', 'rejected', 'cancelled'] as const;
export type WithdrawalStatus = (typeof withdrawalStatuses)[number];
export const withdrawalTransitions: Record<
  WithdrawalStatus,
  Partial<Record<'approve' | 'reject' | 'cancel', WithdrawalStatus>>
> = {
  requested: { approve: 'approved', reject: 'rejected', cancel: 'cancelled' },
  approved: {},
  rejected: {},
  cancelled: {},
};

export function withdrawalTransition(
  from: WithdrawalStatus,
  event: 'approve' | 'reject' | 'cancel',
): WithdrawalStatus {
  const to = withdrawalTransitions[from][event];
  if (!to) throw new AppError('INVALID_TRANSITION', { from, event });
  return to;
}
