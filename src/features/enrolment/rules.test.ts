// Table tests of enrolment's state machines (ENR-2 application, ENR-3/4 lines, ENR-6 withdrawal):
// every allowed step is listed here, the machine allows exactly these, and a sample of refusals
// names where the application stands.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../server/errors';
import {
  type ApplicationEvent,
  type ApplicationStatus,
  applicationEvents,
  applicationStatuses,
  applicationTransitions,
  canTransition,
  type LineEvent,
  type LineStatus,
  lineEvents,
  lineStatuses,
  lineTransition,
  lineTransitions,
  placeHolding,
  transition,
  type WithdrawalStatus,
  withdrawalTransition,
  withdrawalTransitions,
} from './rules';

// rule ENR-2: apply → pre-review → approve → (draw) offer → sign → enrol, plus the exits.
const allowed: [ApplicationStatus, ApplicationEvent, ApplicationStatus][] = [
  ['draft', 'submit', 'submitted'],
  ['draft', 'withdraw', 'withdrawn'],
  ['submitted', 'preApprove', 'pre_reviewed'],
  ['submitted', 'preReject', 'rejected'],
  ['submitted', 'withdraw', 'withdrawn'],
  ['pre_reviewed', 'approve', 'approved'],
  ['pre_reviewed', 'reject', 'rejected'],
  ['pre_reviewed', 'withdraw', 'withdrawn'],
  ['approved', 'offer', 'offered'],
  ['approved', 'waitlist', 'waitlisted'],
  ['approved', 'withdraw', 'withdrawn'],
  ['waitlisted', 'offer', 'offered'],
  ['waitlisted', 'withdraw', 'withdrawn'],
  ['offered', 'sign', 'agreed'],
  ['offered', 'withdraw', 'withdrawn'],
  ['agreed', 'enrol', 'enrolled'],
  ['agreed', 'withdraw', 'withdrawn'],
  ['enrolled', 'withdraw', 'withdrawn'],
];

const refused: [ApplicationStatus, ApplicationEvent][] = [
  ['draft', 'approve'], // no school decision on a draft
  ['submitted', 'approve'], // the class pre-review comes first (ENR-2)
  ['submitted', 'sign'],
  ['pre_reviewed', 'preApprove'], // reviewed once
  ['approved', 'sign'], // no agreement before a place
  ['approved', 'enrol'], // ENR-2: no enrolment without a signature
  ['offered', 'enrol'], // ENR-2: no enrolment without a signature
  ['waitlisted', 'sign'],
  ['agreed', 'sign'], // signed once
  ['enrolled', 'enrol'],
  ['rejected', 'submit'], // final
  ['rejected', 'withdraw'],
  ['withdrawn', 'submit'], // final
  ['withdrawn', 'withdraw'],
];

describe('application state machine (ENR-2)', () => {
  it.each(allowed)('%s --%s--> %s', (from, event, to) => {
    expect(transition(from, event)).toBe(to);
    expect(canTransition(from, event)).toBe(true);
  });

  it('allows exactly the listed steps', () => {
    const machine = applicationStatuses.flatMap((from) =>
      applicationEvents.flatMap((event) => {
        const to = applicationTransitions[from][event];
        return to ? [`${from}|${event}|${to}`] : [];
      }),
    );
    expect(machine.sort()).toEqual(allowed.map((a) => a.join('|')).sort());
  });

  it.each(refused)('refuses %s --%s-->, naming the status', (from, event) => {
    expect(canTransition(from, event)).toBe(false);
    try {
      transition(from, event);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('INVALID_TRANSITION');
      expect((error as AppError).params).toEqual({ from, event });
    }
  });

  it('has two final statuses and every other status can still be left', () => {
    const finals = applicationStatuses.filter((s) => Object.keys(applicationTransitions[s]).length === 0);
    expect(finals.sort()).toEqual(['rejected', 'withdrawn']);
    for (const s of applicationStatuses.filter((x) => !finals.includes(x)))
      expect(canTransition(s, 'withdraw')).toBe(true);
  });
});

const lineAllowed: [LineStatus, LineEvent, LineStatus][] = [
  ['pending', 'place', 'offered'],
  ['pending', 'queue', 'waitlisted'],
  ['pending', 'skip', 'not_needed'],
  ['pending', 'withdraw', 'withdrawn'],
  ['waitlisted', 'place', 'offered'],
  ['waitlisted', 'withdraw', 'withdrawn'],
  ['offered', 'accept', 'accepted'],
  ['offered', 'decline', 'declined'],
  ['offered', 'lapse', 'lapsed'],
  ['offered', 'withdraw', 'withdrawn'],
  ['accepted', 'withdraw', 'withdrawn'],
  ['not_needed', 'withdraw', 'withdrawn'],
];

describe('line state machine (ENR-3, ENR-4)', () => {
  it.each(lineAllowed)('%s --%s--> %s', (from, event, to) => {
    expect(lineTransition(from, event)).toBe(to);
  });

  it('allows exactly the listed steps', () => {
    const machine = lineStatuses.flatMap((from) =>
      lineEvents.flatMap((event) => {
        const to = lineTransitions[from][event];
        return to ? [`${from}|${event}|${to}`] : [];
      }),
    );
    expect(machine.sort()).toEqual(lineAllowed.map((a) => a.join('|')).sort());
  });

  it.each([
    ['pending', 'accept'],
    ['waitlisted', 'accept'],
    ['accepted', 'place'],
    ['declined', 'place'],
    ['lapsed', 'accept'],
    ['withdrawn', 'place'],
  ] as [LineStatus, LineEvent][])('refuses %s --%s-->', (from, event) => {
    expect(() => lineTransition(from, event)).toThrow(AppError);
  });

  it('only offered and accepted lines hold a place', () => {
    expect([...placeHolding].sort()).toEqual(['accepted', 'offered']);
  });
});

describe('withdrawal state machine (ENR-6)', () => {
  const allowedW: [WithdrawalStatus, 'approve' | 'reject' | 'cancel', WithdrawalStatus][] = [
    ['requested', 'approve', 'approved'],
    ['requested', 'reject', 'rejected'],
    ['requested', 'cancel', 'cancelled'],
  ];

  it.each(allowedW)('%s --%s--> %s', (from, event, to) => {
    expect(withdrawalTransition(from, event)).toBe(to);
  });

  it('decides once', () => {
    const steps = Object.values(withdrawalTransitions).flatMap((m) => Object.keys(m));
    expect(steps).toHaveLength(allowedW.length);
    for (const from of ['approved', 'rejected', 'cancelled'] as const)
      for (const event of ['approve', 'reject', 'cancel'] as const)
        expect(() => withdrawalTransition(from, event)).toThrow(AppError);
  });
});
