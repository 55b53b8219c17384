// The care teacher's day as rules: record dates (DAY-1), leave (DAY-3), whole-class rolls (DAY-1),
// handover counts (DAY-2), complete care logs (DAY-8) and late check-ins (DAY-7).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../server/errors';
import {
  canCancelLeave,
  checkInOutcome,
  checkLeaveDates,
  checkRecordDate,
  checkRollMarks,
  countMarks,
  handoverMismatch,
  type LeaveShape,
  leaveCovers,
  localMinutesOn,
  missingCareLogFields,
  onSiteCount,
  prefillStatus,
  requiredCareLogFields,
  sessionRunsOn,
} from './rules';

const codeOf = (fn: () => void): string | null => {
  try {
    fn();
    return null;
  } catch (e) {
    return e instanceof AppError ? e.code : 'OTHER';
  }
};

describe('record dates (rule DAY-1)', () => {
  const term = { startsOn: '2026-09-01', endsOn: '2027-01-15' };
  it('runs on the session weekdays inside the term, minus holidays, plus make-up days', () => {
    expect(sessionRunsOn(term, [], [1, 2, 3, 4, 5], '2026-09-01')).toBe(true); // Tuesday
    expect(sessionRunsOn(term, [], [1, 3, 5], '2026-09-01')).toBe(false);
    expect(sessionRunsOn(term, [], [1, 2, 3, 4, 5], '2026-09-05')).toBe(false); // Saturday
    expect(sessionRunsOn(term, [], [1, 2, 3, 4, 5], '2026-08-31')).toBe(false); // before the term
    const holiday = { date: '2026-10-01', kind: 'holiday' as const, followsWeekday: null, note: '国庆' };
    expect(sessionRunsOn(term, [holiday], [1, 2, 3, 4, 5], '2026-10-01')).toBe(false);
    // 2026-10-10 is a Saturday that follows Friday's timetable.
    const makeup = { date: '2026-10-10', kind: 'makeup' as const, followsWeekday: 5, note: '调休' };
    expect(sessionRunsOn(term, [makeup], [5], '2026-10-10')).toBe(true);
    expect(sessionRunsOn(term, [makeup], [1], '2026-10-10')).toBe(false);
  });
  it.each([
    ['2026-09-02', true, 'DAILY_FUTURE_DATE'],
    ['2026-09-01', false, 'DAILY_NOT_SCHOOL_DAY'],
    ['2026-08-24', true, 'DAILY_TOO_OLD'],
    ['2026-08-25', true, null],
    ['2026-09-01', true, null],
  ])('%s (runs: %s) → %s', (date, runs, code) => {
    expect(codeOf(() => checkRecordDate(date, '2026-09-01', 7, runs))).toBe(code);
  });
});

describe('leave (rule DAY-3)', () => {
  const term = { startsOn: '2026-09-01', endsOn: '2027-01-15' };
  it.each([
    ['2026-09-03', '2026-09-04', null],
    ['2026-09-01', '2026-09-01', null],
    ['2026-08-31', '2026-09-01', 'LEAVE_DATES_INVALID'],
    ['2027-01-15', '2027-01-16', 'LEAVE_DATES_INVALID'],
    ['2026-09-04', '2026-09-03', 'LEAVE_DATES_INVALID'],
  ])('%s to %s → %s', (fromDate, toDate, code) => {
    expect(codeOf(() => checkLeaveDates({ fromDate, toDate }, term, '2026-09-01'))).toBe(code);
  });
  it('refuses a start before today', () => {
    expect(
      codeOf(() => checkLeaveDates({ fromDate: '2026-09-02', toDate: '2026-09-03' }, term, '2026-09-03')),
    ).toBe('LEAVE_IN_PAST');
  });
  const leave: LeaveShape = {
    id: 'l',
    studentId: 's',
    fromDate: '2026-09-03',
    toDate: '2026-09-04',
    sessionId: null,
    reason: '',
    status: 'reported',
  };
  it('covers its days, every session or one, until cancelled', () => {
    expect(leaveCovers(leave, '2026-09-03', 'any')).toBe(true);
    expect(leaveCovers(leave, '2026-09-05', 'any')).toBe(false);
    expect(leaveCovers({ ...leave, sessionId: 'noon' }, '2026-09-04', 'afternoon')).toBe(false);
    expect(leaveCovers({ ...leave, status: 'cancelled' }, '2026-09-03', 'any')).toBe(false);
  });
  it('is cancelled only before its first day', () => {
    expect(canCancelLeave(leave, '2026-09-02')).toBe(true);
    expect(canCancelLeave(leave, '2026-09-03')).toBe(false);
    expect(canCancelLeave({ ...leave, status: 'cancelled' }, '2026-09-01')).toBe(false);
  });
});

describe('whole-class roll (rule DAY-1)', () => {
  const mark = (studentId: string) => ({ studentId });
  it('accepts every member exactly once, in any order', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.uuid(), { minLength: 1, maxLength: 50 }), fc.integer(), (ids, seed) => {
        const shuffled = [...ids].sort((a, b) => (a + seed).localeCompare(b + seed));
        expect(codeOf(() => checkRollMarks(ids, shuffled.map(mark)))).toBeNull();
      }),
    );
  });
  it('refuses any roll that drops, repeats or adds a child', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.uuid(), { minLength: 2, maxLength: 50 }),
        fc.nat(),
        fc.constantFrom('drop', 'repeat', 'add'),
        (ids, pick, change) => {
          const i = pick % ids.length;
          const marks = ids.map(mark);
          if (change === 'drop') marks.splice(i, 1);
          if (change === 'repeat') marks.push(mark(ids[i]!));
          if (change === 'add') marks.push(mark('not-a-member'));
          expect(codeOf(() => checkRollMarks(ids, marks))).toBe('ROLL_MEMBERS_MISMATCH');
        },
      ),
    );
  });
  it('names the three counts', () => {
    let caught: unknown = null;
    try {
      checkRollMarks(['a', 'b', 'c'], [mark('a'), mark('a'), mark('x')]);
    } catch (e) {
      caught = e;
    }
    expect((caught as AppError).params).toEqual({ missing: 2, extra: 1, duplicate: 1 });
  });
  it('counts marks and who is on site', () => {
    const marks = [
      { status: 'present' as const },
      { status: 'late' as const },
      { status: 'leave' as const },
      { status: null },
    ];
    expect(countMarks(marks)).toEqual({ present: 1, late: 1, absent: 0, leave: 1 });
    expect(onSiteCount(marks)).toBe(2);
  });
  it('prefills leave but never guesses presence; a saved roll wins', () => {
    const leave = {
      id: 'l',
      studentId: 's',
      fromDate: 'a',
      toDate: 'b',
      sessionId: null,
      reason: '',
      status: 'reported',
    };
    expect(prefillStatus(undefined, leave)).toBe('leave');
    expect(prefillStatus(undefined, undefined)).toBeNull();
    expect(prefillStatus('present', leave)).toBe('present');
  });
});

describe('handover (rule DAY-2)', () => {
  it('flags a count that differs from the roll, and nothing without one', () => {
    expect(handoverMismatch(20, 20)).toBe(false);
    expect(handoverMismatch(19, 20)).toBe(true);
    expect(handoverMismatch(21, 20)).toBe(true);
    expect(handoverMismatch(3, null)).toBe(false);
  });
});

describe('care log and activity record (rule DAY-8)', () => {
  const full = {
    content: '完成作业',
    topic: '',
    headCount: 20,
    startedAt: '15:30',
    endedAt: '17:30',
    homework: 'all' as const,
  };
  it('requires what a detailed record holds, per kind', () => {
    expect(requiredCareLogFields('care')).toEqual([
      'content',
      'headCount',
      'startedAt',
      'endedAt',
      'homework',
    ]);
    expect(requiredCareLogFields('interest')).toEqual([
      'content',
      'headCount',
      'startedAt',
      'endedAt',
      'topic',
    ]);
    expect(requiredCareLogFields('noon')).toEqual(['content', 'headCount', 'startedAt', 'endedAt']);
  });
  it('is complete only when every required field is filled', () => {
    expect(missingCareLogFields('care', full)).toEqual([]);
    expect(missingCareLogFields('care', { ...full, content: '  ' })).toEqual(['content']);
    expect(missingCareLogFields('care', { ...full, homework: null, headCount: null })).toEqual([
      'headCount',
      'homework',
    ]);
    expect(missingCareLogFields('interest', full)).toEqual(['topic']);
    expect(missingCareLogFields('interest', { ...full, topic: '传球' })).toEqual([]);
    // An end before the start is not a filled end.
    expect(missingCareLogFields('noon', { ...full, endedAt: '15:00' })).toEqual(['endedAt']);
  });
});

describe('staff check-in (rule DAY-7)', () => {
  it.each([
    [15 * 60 + 20, 'on_time', 0],
    [15 * 60 + 30, 'on_time', 0],
    [15 * 60 + 35, 'on_time', 0],
    [15 * 60 + 36, 'late', 6],
    [16 * 60 + 10, 'late', 40],
  ])('at minute %i → %s (%i late)', (minutes, status, late) => {
    expect(checkInOutcome(minutes, '15:30', 5)).toEqual({ status, minutesLate: late });
  });
  it('reads an instant in the school zone relative to the date', () => {
    expect(localMinutesOn('2026-09-01T07:42:00.000Z', '2026-09-01', 'Asia/Shanghai')).toBe(15 * 60 + 42);
    expect(localMinutesOn('2026-08-31T17:00:00.000Z', '2026-09-01', 'Asia/Shanghai')).toBe(60);
    expect(localMinutesOn('2026-08-31T15:00:00.000Z', '2026-09-01', 'Asia/Shanghai')).toBe(-60);
  });
});
