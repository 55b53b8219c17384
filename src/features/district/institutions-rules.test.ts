// DIST-2 rules: reasons for status changes, course prices under the cap, what may be booked, the
// mean score and the schools told.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AppError } from '../../server/errors';
import { defaultCaps } from '../billing/rules';
import {
  affectedSchools,
  checkBookable,
  checkCourse,
  checkInstitutionName,
  checkTransitionReason,
  endsBookings,
  institutionEvents,
  institutionStatuses,
  institutionTransition,
  meanScore,
  removalReasons,
} from './institutions-rules';

const code = (fn: () => void) => {
  try {
    fn();
    return null;
  } catch (e) {
    return (e as AppError).code;
  }
};

describe('status change reasons (DIST-2)', () => {
  it('a removal names one of the DIST-2 reasons, with words for other', () => {
    expect(code(() => checkTransitionReason('remove', null, ''))).toBe('INSTITUTION_REASON_REQUIRED');
    expect(code(() => checkTransitionReason('remove', 'other', '  '))).toBe('INSTITUTION_REASON_REQUIRED');
    expect(code(() => checkTransitionReason('remove', 'other', '场地纠纷'))).toBeNull();
    for (const r of removalReasons.filter((r) => r !== 'other'))
      expect(code(() => checkTransitionReason('remove', r, ''))).toBeNull();
    expect(removalReasons).toEqual(['low_quality', 'touting', 'not_as_agreed', 'disrupting', 'other']);
  });

  it('a suspension says why; approving and reinstating may; a reason code is for removal only', () => {
    expect(code(() => checkTransitionReason('suspend', null, ''))).toBe('INSTITUTION_REASON_REQUIRED');
    expect(code(() => checkTransitionReason('suspend', null, '家长投诉待查'))).toBeNull();
    expect(code(() => checkTransitionReason('approve', null, ''))).toBeNull();
    expect(code(() => checkTransitionReason('reinstate', null, ''))).toBeNull();
    expect(code(() => checkTransitionReason('approve', 'touting', 'x'))).toBe(
      'INSTITUTION_REASON_ONLY_FOR_REMOVAL',
    );
  });

  it('suspension and removal end bookings; nothing else does', () => {
    expect(endsBookings('suspended')).toBe(true);
    expect(endsBookings('removed')).toBe(true);
    expect(endsBookings('approved')).toBe(false);
    expect(endsBookings('applied')).toBe(false);
    expect(institutionEvents).toContain('remove');
  });
});

describe('courses (DIST-2, FEE-3)', () => {
  const cap = defaultCaps.special_hour;

  it('prices up to the cap for special activities (8 yuan) stand; above it are refused with the cap', () => {
    expect(code(() => checkCourse({ name: '足球', priceFen: 800 }, cap))).toBeNull();
    const err = (() => {
      try {
        checkCourse({ name: '足球', priceFen: 801 }, cap);
      } catch (e) {
        return e as AppError;
      }
    })()!;
    expect(err.code).toBe('INSTITUTION_PRICE_OVER_CAP');
    expect(err.params).toMatchObject({ price: '8.01', cap: '8.00' });
    expect(code(() => checkCourse({ name: '足球', priceFen: 99_999 }, null))).toBeNull();
  });

  it('refuses a subject-tutoring course name as the institution name is', () => {
    expect(code(() => checkCourse({ name: '英语补习', priceFen: 100 }, cap))).toBe(
      'SUBJECT_TEACHING_FORBIDDEN',
    );
    expect(code(() => checkCourse({ name: '奥数思维', priceFen: 100 }, cap))).toBe(
      'SUBJECT_TEACHING_FORBIDDEN',
    );
  });

  it('property: a price is refused exactly when it is over the cap', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 0, max: 5000 }), (price, max) => {
        const refused = code(() => checkCourse({ name: '篮球', priceFen: price }, { ...cap, maxFen: max }));
        expect(refused === 'INSTITUTION_PRICE_OVER_CAP').toBe(price > max);
      }),
    );
  });
});

describe('booking (DIST-2, STAFF-6)', () => {
  const approved = { name: '飞翔', status: 'approved' as const };
  const active = { name: '足球', status: 'active' as const };

  it('only approved institutions and active courses, and only where paid bodies are admitted', () => {
    expect(code(() => checkBookable(approved, active, true))).toBeNull();
    for (const status of ['applied', 'suspended', 'removed'] as const)
      expect(code(() => checkBookable({ ...approved, status }, active, true))).toBe(
        'INSTITUTION_NOT_APPROVED',
      );
    expect(code(() => checkBookable(approved, { ...active, status: 'retired' }, true))).toBe(
      'INSTITUTION_COURSE_RETIRED',
    );
    expect(code(() => checkBookable(approved, active, false))).toBe('OUTSIDE_PAID_BODIES_FORBIDDEN');
  });
});

describe('mean score and affected schools', () => {
  it('means to one decimal; none before any evaluation', () => {
    expect(meanScore([])).toBeNull();
    expect(meanScore([2, 5])).toBe(3.5);
    expect(meanScore([4, 4, 5])).toBe(4.3);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1 }), (scores) => {
        const m = meanScore(scores)!;
        expect(m).toBeGreaterThanOrEqual(1);
        expect(m).toBeLessThanOrEqual(5);
      }),
    );
  });

  it('tells each school once, whether it booked or has the staff', () => {
    expect(affectedSchools(['b', 'a', 'b'], ['c', 'a'])).toEqual(['a', 'b', 'c']);
    expect(affectedSchools([], [])).toEqual([]);
  });
});

describe('the state machine (DIST-2)', () => {
  it('applied → approved → suspended → approved; removal is final', () => {
    expect(institutionTransition('applied', 'approve')).toBe('approved');
    expect(institutionTransition('approved', 'suspend')).toBe('suspended');
    expect(institutionTransition('suspended', 'reinstate')).toBe('approved');
    for (const from of institutionStatuses)
      if (from !== 'removed') expect(institutionTransition(from, 'remove')).toBe('removed');
    expect(code(() => institutionTransition('removed', 'approve'))).toBe('INVALID_TRANSITION');
    expect(code(() => institutionTransition('applied', 'suspend'))).toBe('INVALID_TRANSITION');
  });
  it('a body whose name announces subject tutoring is refused', () => {
    expect(code(() => checkInstitutionName('星火数学培优中心'))).toBe('SUBJECT_TEACHING_FORBIDDEN');
    expect(code(() => checkInstitutionName('星火少儿足球俱乐部'))).toBeNull();
  });
});
