import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../server/errors';
import {
  affectsPay,
  alertsLeaders,
  canApply,
  type IncidentAction,
  incidentStatuses,
  nextIncidentStatus,
  occurredInFuture,
  staffRequired,
  withoutNames,
} from './incident-rules';

describe('incident state machine (rule DAY-6)', () => {
  it.each([
    ['reported', 'followUp', 'following_up'],
    ['reported', 'close', 'closed'],
    ['following_up', 'followUp', 'following_up'],
    ['following_up', 'close', 'closed'],
    ['closed', 'reopen', 'following_up'],
  ] as const)('%s --%s--> %s', (from, action, to) => {
    expect(nextIncidentStatus(from, action)).toBe(to);
  });

  it.each([
    ['reported', 'reopen'],
    ['following_up', 'reopen'],
    ['closed', 'followUp'],
    ['closed', 'close'],
  ] as const)('%s refuses %s with a coded error', (from, action) => {
    expect(canApply(from, action)).toBe(false);
    try {
      nextIncidentStatus(from, action, 'en');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe('INCIDENT_TRANSITION_NOT_ALLOWED');
    }
  });

  it('any sequence of allowed actions keeps a known status and ends closed only after close', () => {
    const actions: IncidentAction[] = ['followUp', 'close', 'reopen'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...actions), { maxLength: 30 }), (seq) => {
        let status: (typeof incidentStatuses)[number] = 'reported';
        let last: IncidentAction | null = null;
        for (const a of seq) {
          if (!canApply(status, a)) continue;
          status = nextIncidentStatus(status, a);
          last = a;
        }
        expect(incidentStatuses).toContain(status);
        expect(status === 'closed').toBe(last === 'close');
      }),
    );
  });
});

describe('incident rules', () => {
  it('dereliction needs the staff member; a hazard may name nobody', () => {
    expect(staffRequired('staff_dereliction')).toBe(true);
    expect(staffRequired('safety_hazard')).toBe(false);
    expect(staffRequired('injury')).toBe(false);
  });

  it('PAY-4 reads dereliction and safety incidents naming staff, unless found groundless', () => {
    expect(affectsPay('staff_dereliction', 'u1', null)).toBe(true);
    expect(affectsPay('safety_hazard', 'u1', 'upheld')).toBe(true);
    expect(affectsPay('staff_dereliction', 'u1', 'not_upheld')).toBe(false);
    expect(affectsPay('safety_hazard', null, null)).toBe(false);
    expect(affectsPay('injury', 'u1', null)).toBe(false);
  });

  it('only critical incidents alert the leaders', () => {
    expect(alertsLeaders('critical')).toBe(true);
    expect(alertsLeaders('serious')).toBe(false);
  });

  it('hides other children’s names from a family, longest first', () => {
    expect(withoutNames('王小明推了王小，王小摔倒', ['王小', '王小明'], 'zh-CN')).toBe(
      '其他同学推了其他同学，其他同学摔倒',
    );
    expect(withoutNames('Li Lei pushed Han Mei', ['Li Lei'], 'en')).toBe('another pupil pushed Han Mei');
    expect(withoutNames('无', [''], 'zh-CN')).toBe('无');
  });

  it('refuses a time ahead of the clock beyond five minutes', () => {
    const now = new Date('2026-09-01T08:00:00Z');
    expect(occurredInFuture('2026-09-01T08:04:00Z', now)).toBe(false);
    expect(occurredInFuture('2026-09-01T08:06:00Z', now)).toBe(true);
  });
});
