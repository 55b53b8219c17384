import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError, messageFor } from '../../server/errors';
import {
  checkCalendar,
  checkNoticePublishable,
  checkOfferingContent,
  checkPeriodLimits,
  checkTermDates,
  checkVenueUse,
  composeNotice,
  dailyLoad,
  demandTotals,
  fivePlusTwo,
  localDateTime,
  maxNonOverlapping,
  periodViolations,
  type SessionShape,
  schoolDays,
  subjectTutoringWordIn,
  type TermDay,
  unionMinutes,
  weekdayOf,
  windowState,
} from './rules';

function refusal(fn: () => void): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

let seq = 0;
const session = (
  kind: SessionShape['kind'],
  startsAt: string,
  endsAt: string,
  classHours: number,
  weekdays = [1, 2, 3, 4, 5],
): SessionShape => ({ id: `s${++seq}`, name: `s${seq}`, kind, weekdays, startsAt, endsAt, classHours });

describe('dates (PROG-1)', () => {
  it.each([
    ['2026-09-07', 1],
    ['2026-09-12', 6],
    ['2026-09-13', 7],
    ['2026-10-01', 4],
  ])('%s is weekday %i', (date, weekday) => expect(weekdayOf(date)).toBe(weekday));

  it('shows an instant in the school time zone', () => {
    expect(localDateTime('2026-08-31T16:00:00.000Z', 'Asia/Shanghai')).toBe('2026-09-01 00:00');
  });

  it('knows whether the window is open', () => {
    const term = { windowOpensAt: '2026-09-01T00:00:00.000Z', windowClosesAt: '2026-09-08T00:00:00.000Z' };
    expect(windowState(term, new Date('2026-08-31T23:59:59Z'))).toBe('before');
    expect(windowState(term, new Date('2026-09-01T00:00:00Z'))).toBe('open');
    expect(windowState(term, new Date('2026-09-08T00:00:00Z'))).toBe('closed');
  });

  it.each([
    [{ startsOn: '2026-09-01', endsOn: '2026-08-31' }, 'TERM_DATES_INVALID'],
    [{ windowClosesAt: '2026-08-20T00:00:00.000Z' }, 'TERM_WINDOW_INVALID'],
    [{ windowClosesAt: '2026-08-25T00:00:00.000Z' }, 'TERM_WINDOW_INVALID'],
  ])('refuses an inconsistent term %j', (change, code) => {
    const term = {
      startsOn: '2026-09-01',
      endsOn: '2027-01-15',
      windowOpensAt: '2026-08-25T00:00:00.000Z',
      windowClosesAt: '2026-08-30T00:00:00.000Z',
      ...change,
    };
    expect(refusal(() => checkTermDates(term, 'Asia/Shanghai')).code).toBe(code);
  });

  it('accepts a one-day term', () => {
    expect(() =>
      checkTermDates(
        {
          startsOn: '2026-09-01',
          endsOn: '2026-09-01',
          windowOpensAt: '2026-08-25T00:00:00.000Z',
          windowClosesAt: '2026-08-30T00:00:00.000Z',
        },
        'UTC',
      ),
    ).not.toThrow();
  });
});

describe('school days (PROG-1)', () => {
  const term = { startsOn: '2026-09-28', endsOn: '2026-10-11' };
  const holiday = (date: string): TermDay => ({ date, kind: 'holiday', followsWeekday: null, note: '国庆' });
  const makeup = (date: string, followsWeekday: number): TermDay => ({
    date,
    kind: 'makeup',
    followsWeekday,
    note: '调休',
  });

  it('counts Monday to Friday without exceptions', () => {
    const days = schoolDays(term, []);
    expect(days).toHaveLength(10);
    expect(days.every((d) => d.timetableWeekday <= 5 && !d.makeup)).toBe(true);
  });

  it('drops holidays and adds make-up days with the weekday they follow', () => {
    const exceptions = ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'].map(holiday);
    exceptions.push(makeup('2026-09-27', 3), makeup('2026-10-10', 5));
    const days = schoolDays(term, exceptions);
    // 2026-09-27 is before the term, so only 2026-10-10 counts as a make-up day.
    expect(days.map((d) => d.date)).toEqual([
      '2026-09-28',
      '2026-09-29',
      '2026-09-30',
      '2026-10-08',
      '2026-10-09',
      '2026-10-10',
    ]);
    expect(days.at(-1)).toEqual({ date: '2026-10-10', timetableWeekday: 5, makeup: true });
  });

  it.each([
    [[holiday('2026-12-01')], 'CALENDAR_DAY_OUTSIDE_TERM'],
    [[holiday('2026-10-01'), holiday('2026-10-01')], 'CALENDAR_DAY_DUPLICATE'],
    [[holiday('2026-10-03')], 'CALENDAR_HOLIDAY_ON_WEEKEND'],
    [[makeup('2026-10-09', 1)], 'CALENDAR_MAKEUP_ON_WEEKDAY'],
    [[{ ...makeup('2026-10-10', 1), followsWeekday: null }], 'CALENDAR_MAKEUP_NEEDS_WEEKDAY'],
  ])('refuses a calendar %#', (days, code) => {
    expect(refusal(() => checkCalendar(term, days)).code).toBe(code);
  });
});

describe('weighted interval scheduling (PROG-2, PROG-3)', () => {
  it.each([
    [[], 0],
    [[{ start: 0, end: 10, weight: 2 }], 2],
    // Three time options of the same afternoon: a child attends one.
    [
      [
        { start: 930, end: 1050, weight: 2 },
        { start: 960, end: 1080, weight: 2 },
        { start: 990, end: 1110, weight: 2 },
      ],
      2,
    ],
    // Back to back: both count.
    [
      [
        { start: 930, end: 990, weight: 1 },
        { start: 990, end: 1050, weight: 1 },
      ],
      2,
    ],
    // A long heavy one against two short ones.
    [
      [
        { start: 0, end: 100, weight: 3 },
        { start: 0, end: 50, weight: 2 },
        { start: 50, end: 100, weight: 2 },
      ],
      4,
    ],
    [
      [
        { start: 0, end: 100, weight: 5 },
        { start: 0, end: 50, weight: 2 },
        { start: 50, end: 100, weight: 2 },
      ],
      5,
    ],
  ])('%j → %i', (intervals, total) => expect(maxNonOverlapping(intervals)).toBe(total));

  it('equals a brute force over all subsets', () => {
    const interval = fc
      .tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 4 }))
      .map(([start, length, weight]) => ({ start, end: start + length, weight }));
    fc.assert(
      fc.property(fc.array(interval, { maxLength: 8 }), (list) => {
        let best = 0;
        for (let mask = 0; mask < 1 << list.length; mask++) {
          const chosen = list.filter((_, i) => mask & (1 << i));
          const ok = chosen.every((a, i) =>
            chosen.every((b, j) => i === j || a.end <= b.start || b.end <= a.start),
          );
          if (ok)
            best = Math.max(
              best,
              chosen.reduce((s, x) => s + x.weight, 0),
            );
        }
        expect(maxNonOverlapping(list)).toBe(best);
      }),
    );
  });
});

describe('period limits (PROG-3)', () => {
  const limits = { noon: 3, afternoon: 2, day: 5 };

  it('sums the kinds per weekday, counting alternatives once', () => {
    const load = dailyLoad([
      session('noon', '11:40', '13:30', 2),
      session('afternoon', '15:30', '17:00', 2),
      session('afternoon', '16:00', '17:30', 2),
      session('evening', '18:30', '20:00', 1, [1, 3]),
    ]);
    expect(load[0]).toEqual({ weekday: 1, noon: 2, afternoon: 2, evening: 1, weekend: 0, day: 5 });
    expect(load[1]!.day).toBe(4);
    expect(load[5]!.day).toBe(0);
  });

  it.each([
    [[session('noon', '11:40', '13:30', 4, [1])], { weekday: 1, kind: 'noon', hours: 4, limit: 3 }],
    [
      [session('afternoon', '15:30', '16:30', 1), session('afternoon', '16:30', '17:30', 2, [3])],
      { weekday: 3, kind: 'afternoon', hours: 3, limit: 2 },
    ],
    [
      [
        session('noon', '11:40', '13:30', 3, [5]),
        session('afternoon', '15:30', '17:30', 2, [5]),
        session('evening', '18:00', '19:00', 1, [5]),
      ],
      { weekday: 5, kind: 'day', hours: 6, limit: 5 },
    ],
  ])('finds the violation %#', (sessions, violation) => {
    expect(periodViolations(sessions, limits)).toEqual([violation]);
  });

  it('refuses a change that breaks a limit, naming weekday, kind, hours and limit', () => {
    const before = [session('afternoon', '15:30', '17:00', 2, [1, 2, 3])];
    const after = [...before, session('afternoon', '17:00', '18:00', 1, [3])];
    const error = refusal(() => checkPeriodLimits(before, after, limits));
    expect(error.code).toBe('PERIOD_LIMIT_EXCEEDED');
    expect(messageFor(error.code, error.params, 'zh-CN')).toBe('星期三课后课时合计 3 课时，超过上限 2 课时');
    expect(messageFor(error.code, error.params, 'en')).toBe(
      'Wednesday: 3 class-hours for the afternoon, over the limit of 2',
    );
  });

  it('accepts an overlapping alternative, and a change that does not worsen an old excess', () => {
    const before = [session('afternoon', '15:30', '17:30', 2)];
    expect(() =>
      checkPeriodLimits(before, [...before, session('afternoon', '16:00', '18:00', 2)], limits),
    ).not.toThrow();
    const old = [session('noon', '11:40', '13:30', 3), session('afternoon', '15:30', '17:30', 3)];
    expect(() =>
      checkPeriodLimits(old, [...old, session('weekend', '09:00', '11:00', 2, [6])], limits),
    ).not.toThrow();
  });
});

describe('content (PROG-5)', () => {
  it.each([
    '数学补课班',
    '英语培优',
    '语文同步辅导',
    '学科辅导',
    '新课预习',
    '奥数思维',
    '数学提高',
    '英语 强化',
    'Maths tutoring',
    'Remedial English',
  ])('refuses the name %j (严禁集体补课)', (name) => {
    expect(subjectTutoringWordIn(name)).not.toBeNull();
    expect(refusal(() => checkOfferingContent({ kind: 'club', name })).code).toBe(
      'SUBJECT_TEACHING_FORBIDDEN',
    );
  });

  it.each([
    '阅读',
    '绘本阅读',
    '自主阅读与交流',
    '作业辅导看护',
    '作业辅导',
    '英语角',
    '趣味数学游戏',
    '科学小实验',
    '书法',
    '围棋',
    '足球',
    '经典诵读',
    'Reading club',
  ])('accepts the name %j', (name) => {
    expect(subjectTutoringWordIn(name)).toBeNull();
    expect(() => checkOfferingContent({ kind: 'reading', name })).not.toThrow();
  });

  it.each(['subject_teaching', 'remedial'])('refuses the kind %s', (kind) => {
    const error = refusal(() => checkOfferingContent({ kind, name: '活动' }));
    expect(error.code).toBe('SUBJECT_TEACHING_FORBIDDEN');
    expect(messageFor(error.code, error.params, 'zh-CN')).toContain('严禁集体补课');
  });
});

describe('venues (PROG-6)', () => {
  const room = { name: '午休室', kind: 'nap_room', capacity: 40, fireSafe: false };
  it.each([
    [room, { kind: 'homework_care', name: '午托', capacity: 30 }, 'VENUE_NOT_FIRE_SAFE'],
    [
      { ...room, kind: 'classroom', name: '一(1)班教室' },
      { kind: 'nap', name: '午睡', capacity: 30 },
      'VENUE_NOT_FIRE_SAFE',
    ],
    [
      { ...room, fireSafe: true },
      { kind: 'nap', name: '午睡', capacity: 45 },
      'OFFERING_OVER_VENUE_CAPACITY',
    ],
  ])('refuses %#', (venue, offering, code) => {
    expect(refusal(() => checkVenueUse(venue, offering)).code).toBe(code);
  });

  it('names both numbers when places exceed the venue', () => {
    const error = refusal(() =>
      checkVenueUse(
        { ...room, kind: 'sports_ground', name: '操场' },
        { kind: 'club', name: '足球', capacity: 50 },
      ),
    );
    expect(messageFor(error.code, error.params, 'zh-CN')).toBe('名额 50 人超过场地“操场”的容量 40 人');
  });

  it('accepts a fire-safe nap room and a classroom for a club', () => {
    expect(() =>
      checkVenueUse({ ...room, fireSafe: true }, { kind: 'nap', name: '午睡', capacity: 40 }),
    ).not.toThrow();
    expect(() =>
      checkVenueUse({ ...room, kind: 'classroom' }, { kind: 'club', name: '书法', capacity: 20 }),
    ).not.toThrow();
  });
});

describe('5+2 (PROG-4)', () => {
  const settings = { minDailyMinutes: 120, offWorkTime: '17:30' };

  it('is compliant with two hours to 17:30 on all five weekdays', () => {
    const report = fivePlusTwo([session('afternoon', '15:30', '17:30', 2)], settings);
    expect(report.compliant).toBe(true);
    expect(report.days.map((d) => d.minutes)).toEqual([120, 120, 120, 120, 120]);
    expect(report.reasons).toEqual([]);
  });

  it('counts overlapping windows once and reports each shortfall with its numbers', () => {
    const report = fivePlusTwo(
      [
        session('afternoon', '15:30', '17:00', 2, [1, 2, 3, 4]),
        session('afternoon', '16:00', '17:30', 2, [1, 2, 4]),
        session('noon', '11:40', '12:10', 1, [2]),
      ],
      settings,
    );
    expect(report.compliant).toBe(false);
    expect(report.days[0]).toEqual({ weekday: 1, hasService: true, minutes: 120, latestEnd: '17:30' });
    expect(report.days[1]!.minutes).toBe(150);
    expect(report.reasons).toEqual([
      { code: 'short_day', weekday: 3, minutes: 90, required: 120 },
      { code: 'ends_early', weekday: 3, endsAt: '17:00', required: '17:30' },
      { code: 'no_service', weekday: 5 },
    ]);
  });

  it.each([
    [[], 0],
    [[{ start: 0, end: 10 }], 10],
    [
      [
        { start: 0, end: 10 },
        { start: 5, end: 20 },
        { start: 30, end: 40 },
      ],
      30,
    ],
    [
      [
        { start: 0, end: 100 },
        { start: 10, end: 20 },
      ],
      100,
    ],
  ])('union of %j is %i minutes', (windows, minutes) => expect(unionMinutes(windows)).toBe(minutes));
});

describe('notice (PROG-7)', () => {
  const afternoon = session('afternoon', '15:30', '17:30', 2);
  const noon = session('noon', '11:40', '13:30', 2);
  const offering = (sessionId: string, kind: string, name: string) => ({
    sessionId,
    kind: kind as 'club' | 'homework_care' | 'nap',
    category: null,
    name,
    description: '',
    capacity: 30,
    venueName: '操场',
    teacherName: null,
    feeBasis: 'month' as const,
    feeFen: 18000,
  });
  const input = {
    schoolName: '实验小学',
    term: {
      name: '2026 秋季学期',
      startsOn: '2026-09-28',
      endsOn: '2026-10-11',
      windowOpensAt: '2026-09-20T00:00:00.000Z',
      windowClosesAt: '2026-09-27T10:00:00.000Z',
      conditions: [{ key: 'insurance', text: '已投保', needsProof: true }],
    },
    calendar: [
      { date: '2026-10-01', kind: 'holiday' as const, followsWeekday: null, note: '国庆' },
      { date: '2026-10-10', kind: 'makeup' as const, followsWeekday: 5, note: '调休' },
    ],
    sessions: [afternoon, noon],
    offerings: [
      offering(afternoon.id, 'club', '足球'),
      offering(afternoon.id, 'homework_care', '作业辅导'),
      offering(noon.id, 'nap', '午休'),
    ],
    texts: { greeting: '尊敬的家长：', applyMethod: '', safety: '', notes: '', contact: '' },
    timeZone: 'Asia/Shanghai',
  };

  it('composes times, places, fees and the school day count, homework care first', () => {
    const notice = composeNotice(input);
    expect(notice.title).toBe('实验小学2026 秋季学期课后服务告家长书');
    expect(notice.sessions.map((s) => s.startsAt)).toEqual(['11:40', '15:30']);
    expect(notice.sessions[1]!.offerings.map((o) => [o.name, o.basic])).toEqual([
      ['作业辅导', true],
      ['足球', false],
    ]);
    expect(notice.term.schoolDayCount).toBe(10);
    expect(notice.term.windowClosesLocal).toBe('2026-09-27 18:00');
    expect(notice.term.makeupDays).toEqual([{ date: '2026-10-10', followsWeekday: 5, note: '调休' }]);
    expect(notice.conditions).toHaveLength(1);
  });

  it('is refused after the window closed, or without homework care', () => {
    const notice = composeNotice(input);
    const before = new Date('2026-09-27T09:59:00Z');
    expect(() => checkNoticePublishable(input.term, notice, before, 'Asia/Shanghai')).not.toThrow();
    const closed = refusal(() =>
      checkNoticePublishable(input.term, notice, new Date('2026-09-27T10:00:00Z'), 'Asia/Shanghai'),
    );
    expect(messageFor(closed.code, closed.params, 'zh-CN')).toContain('2026-09-27 18:00');
    const without = composeNotice({
      ...input,
      offerings: input.offerings.filter((o) => o.kind !== 'homework_care'),
    });
    expect(refusal(() => checkNoticePublishable(input.term, without, before, 'UTC')).code).toBe(
      'NOTICE_NO_HOMEWORK_CARE',
    );
  });
});

describe('demand totals (PROG-8)', () => {
  it('counts children, answers, those who cannot collect on time, and each need', () => {
    expect(
      demandTotals([
        null,
        { canCollectOnTime: false, needs: ['afternoon', 'meals'] },
        { canCollectOnTime: true, needs: [] },
        { canCollectOnTime: false, needs: ['afternoon', 'afternoon', 'noon'] },
      ]),
    ).toEqual({
      children: 4,
      recorded: 3,
      cannotCollect: 2,
      needs: { noon: 1, afternoon: 2, evening: 0, meals: 1, weekend: 0 },
    });
  });
});
