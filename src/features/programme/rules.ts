// Pure rules of the programme: the school-day calendar (PROG-1), the daily class-hour limits
// (PROG-3), what may be offered (PROG-5), venues (PROG-6) and the notice to parents (PROG-7).
// The kinds (sessions, venues, offerings …) are in kinds.ts, the 5+2 report (PROG-4) in
// compliance.ts, times of day and dates in time.ts, the demand survey's totals (PROG-8) in
// demand.ts; all re-exported here. No I/O, no clock: callers pass `now`.
//
// Glossary: 学期 term · 时段 session · 午托/午间 noon · 课后 afternoon · 晚自习 evening ·
// 课时 class-hour · 调休上班 make-up day · 放假 holiday · 场地 venue · 午休室 nap room ·
// 消防安全 fire-safe · 服务项目 offering · 作业辅导 homework care · 社团 club ·
// 严禁集体补课 collective teaching and remedial lessons are forbidden · 5+2 five days, two hours ·
// 告家长书 notice to parents · 调查摸底 demand survey.

import { AppError } from '../../server/errors';
import type { NoticeContent, NoticeOffering, NoticeTexts } from './contract';
import { forbiddenOfferingKinds, type SessionKind, sessionKinds, type TermDayKind } from './kinds';
import { addDays, localDateTime, minutesOf, weekdayOf } from './time';

export * from './compliance';
export * from './demand';
export * from './kinds';
export * from './time';

// ---- PROG-1: terms and the school-day calendar ----

export interface TermDates {
  startsOn: string;
  endsOn: string;
  windowOpensAt: string;
  windowClosesAt: string;
}

/** A term's own consistency: it ends on or after it starts; the window closes after it opens. */
export function checkTermDates(term: TermDates, timeZone: string): void {
  if (term.endsOn < term.startsOn) {
    throw new AppError('TERM_DATES_INVALID', { startsOn: term.startsOn, endsOn: term.endsOn });
  }
  if (Date.parse(term.windowClosesAt) <= Date.parse(term.windowOpensAt)) {
    throw new AppError('TERM_WINDOW_INVALID', {
      opensAt: localDateTime(term.windowOpensAt, timeZone),
      closesAt: localDateTime(term.windowClosesAt, timeZone),
    });
  }
}

export interface TermDay {
  date: string;
  kind: TermDayKind;
  /** A make-up day runs the timetable of this weekday (1–5). */
  followsWeekday: number | null;
  note: string;
}

/** The calendar's exceptions must lie inside the term, once each, and mean something. */
export function checkCalendar(term: { startsOn: string; endsOn: string }, days: TermDay[]): void {
  const seen = new Set<string>();
  for (const day of days) {
    if (day.date < term.startsOn || day.date > term.endsOn) {
      throw new AppError('CALENDAR_DAY_OUTSIDE_TERM', {
        date: day.date,
        startsOn: term.startsOn,
        endsOn: term.endsOn,
      });
    }
    if (seen.has(day.date)) throw new AppError('CALENDAR_DAY_DUPLICATE', { date: day.date });
    seen.add(day.date);
    const weekend = weekdayOf(day.date) >= 6;
    if (day.kind === 'holiday' && weekend) {
      throw new AppError('CALENDAR_HOLIDAY_ON_WEEKEND', { date: day.date });
    }
    if (day.kind === 'makeup') {
      if (!weekend) throw new AppError('CALENDAR_MAKEUP_ON_WEEKDAY', { date: day.date });
      if (!day.followsWeekday || day.followsWeekday < 1 || day.followsWeekday > 5) {
        throw new AppError('CALENDAR_MAKEUP_NEEDS_WEEKDAY', { date: day.date });
      }
    }
  }
}

export interface SchoolDay {
  date: string;
  /** The weekday whose timetable runs: the date's own, or the one a make-up day follows. */
  timetableWeekday: number;
  makeup: boolean;
}

/** PROG-1: Monday to Friday inside the term, minus holidays, plus make-up days. */
export function schoolDays(term: { startsOn: string; endsOn: string }, exceptions: TermDay[]): SchoolDay[] {
  const byDate = new Map(exceptions.map((d) => [d.date, d]));
  const days: SchoolDay[] = [];
  for (let date = term.startsOn; date <= term.endsOn; date = addDays(date, 1)) {
    const weekday = weekdayOf(date);
    const exception = byDate.get(date);
    if (exception?.kind === 'makeup') {
      days.push({ date, timetableWeekday: exception.followsWeekday ?? weekday, makeup: true });
    } else if (weekday <= 5 && exception?.kind !== 'holiday') {
      days.push({ date, timetableWeekday: weekday, makeup: false });
    }
  }
  return days;
}

// ---- PROG-2, PROG-3: sessions and the daily class-hour limits ----

export interface SessionShape {
  id: string;
  name: string;
  kind: SessionKind;
  weekdays: number[];
  startsAt: string;
  endsAt: string;
  classHours: number;
}

export interface Interval {
  start: number;
  end: number;
  weight: number;
}

/**
 * The largest total weight of intervals that do not overlap (weighted interval scheduling).
 * Overlapping sessions are alternatives a family picks between (PROG-2: up to three time options),
 * so a child can attend at most a non-overlapping set of them; touching ends do not overlap.
 */
export function maxNonOverlapping(intervals: Interval[]): number {
  const sorted = [...intervals].sort((a, b) => a.end - b.end || a.start - b.start);
  const best: number[] = [0];
  for (let i = 0; i < sorted.length; i++) {
    const current = sorted[i]!;
    // The last interval ending at or before this one starts (binary search over sorted ends).
    let lo = 0;
    let hi = i;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]!.end <= current.start) lo = mid + 1;
      else hi = mid;
    }
    best.push(Math.max(best[i]!, best[lo]! + current.weight));
  }
  return best[sorted.length]!;
}

export interface DayLoad {
  weekday: number;
  noon: number;
  afternoon: number;
  evening: number;
  weekend: number;
  /** The sum of the kinds' maxima: what one child could attend that day at most. */
  day: number;
}

/** Per weekday (1–7) the most class-hours a child could attend, per kind and for the day. */
export function dailyLoad(sessions: SessionShape[]): DayLoad[] {
  const load: DayLoad[] = [];
  for (let weekday = 1; weekday <= 7; weekday++) {
    const row: DayLoad = { weekday, noon: 0, afternoon: 0, evening: 0, weekend: 0, day: 0 };
    for (const kind of sessionKinds) {
      row[kind] = maxNonOverlapping(
        sessions
          .filter((s) => s.kind === kind && s.weekdays.includes(weekday))
          .map((s) => ({ start: minutesOf(s.startsAt), end: minutesOf(s.endsAt), weight: s.classHours })),
      );
      row.day += row[kind];
    }
    load.push(row);
  }
  return load;
}

export interface PeriodLimits {
  noon: number;
  afternoon: number;
  day: number;
}

export interface PeriodViolation {
  weekday: number;
  kind: 'noon' | 'afternoon' | 'day';
  hours: number;
  limit: number;
}

/** PROG-3: noon ≤ 3, afternoon ≤ 2, day ≤ 5 class-hours by default (settings). */
export function periodViolations(sessions: SessionShape[], limits: PeriodLimits): PeriodViolation[] {
  const out: PeriodViolation[] = [];
  for (const row of dailyLoad(sessions)) {
    for (const kind of ['noon', 'afternoon', 'day'] as const) {
      if (row[kind] > limits[kind])
        out.push({ weekday: row.weekday, kind, hours: row[kind], limit: limits[kind] });
    }
  }
  return out;
}

const weekdayZh = ['', '一', '二', '三', '四', '五', '六', '日'];
const weekdayEn = ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const limitKindZh = { noon: '午间', afternoon: '课后', day: '全天' };
const limitKindEn = { noon: 'noon', afternoon: 'afternoon', day: 'whole day' };

/**
 * Refuses a timetable change that breaks a limit. Only a violation the change creates or worsens
 * counts, so a school whose limits were lowered later can still edit unrelated sessions.
 */
export function checkPeriodLimits(before: SessionShape[], after: SessionShape[], limits: PeriodLimits): void {
  const old = periodViolations(before, limits);
  const worse = periodViolations(after, limits).find(
    (v) => !old.some((o) => o.weekday === v.weekday && o.kind === v.kind && o.hours >= v.hours),
  );
  if (!worse) return;
  throw new AppError(
    'PERIOD_LIMIT_EXCEEDED',
    {
      weekdayZh: weekdayZh[worse.weekday]!,
      weekdayEn: weekdayEn[worse.weekday]!,
      kindZh: limitKindZh[worse.kind],
      kindEn: limitKindEn[worse.kind],
      hours: worse.hours,
      limit: worse.limit,
    },
    worse,
  );
}

export function checkSessionTimes(session: { startsAt: string; endsAt: string }): void {
  if (minutesOf(session.endsAt) <= minutesOf(session.startsAt)) {
    throw new AppError('SESSION_TIMES_INVALID', { startsAt: session.startsAt, endsAt: session.endsAt });
  }
}

// ---- PROG-5: what may be offered ----

/**
 * Words that plainly announce subject tutoring in an offering's name. Homework care (作业辅导) and
 * reading (阅读) are the basic content and must not match, so bare 辅导 is not on the list.
 */
export const subjectTutoringWords = [
  '补课',
  '补习',
  '培优',
  '补差',
  '提优',
  '拔高',
  '提高班',
  '尖子班',
  '同步辅导',
  '同步练习',
  '学科辅导',
  '新课预习',
  '预习新课',
  '超前学',
  '提前学',
  '奥数',
  '奥赛',
  '刷题',
  '应试',
  '集体授课',
  '集体教学',
  'remedial',
  'tutoring',
  'cram',
] as const;

/** A school subject followed by a word of teaching it: 数学辅导, 英语强化, 语文精讲 … */
const subjectTeaching =
  /(语文|数学|英语|物理|化学|生物|历史|地理|政治)(辅导|补|培训|提高|强化|精讲|讲解|课堂|同步|突破|冲刺|特训)/;

/** The word that makes a name subject tutoring, or null. */
export function subjectTutoringWordIn(name: string): string | null {
  const text = name.replace(/\s+/g, '').toLowerCase();
  const word = subjectTutoringWords.find((w) => text.includes(w));
  if (word) return word;
  return subjectTeaching.exec(text)?.[0] ?? null;
}

/** PROG-5: 严禁集体补课. Refuses a subject-teaching kind and a name that announces tutoring. */
export function checkOfferingContent(offering: { kind: string; name: string }): void {
  if ((forbiddenOfferingKinds as readonly string[]).includes(offering.kind)) {
    throw new AppError('SUBJECT_TEACHING_FORBIDDEN', { what: offering.kind }, { kind: offering.kind });
  }
  const word = subjectTutoringWordIn(offering.name);
  if (word) throw new AppError('SUBJECT_TEACHING_FORBIDDEN', { what: offering.name }, { word });
}

// ---- PROG-6: venues ----

export interface VenueShape {
  name: string;
  kind: string;
  capacity: number;
  fireSafe: boolean;
}

/** A venue used for a nap: a nap room, or any venue an offering of kind `nap` uses. */
export function isNapUse(venue: { kind: string }, offering: { kind: string }): boolean {
  return venue.kind === 'nap_room' || offering.kind === 'nap';
}

/** PROG-6: a nap venue must be fire-safe before use; places may not exceed the venue's capacity. */
export function checkVenueUse(
  venue: VenueShape,
  offering: { kind: string; name: string; capacity: number },
): void {
  if (isNapUse(venue, offering) && !venue.fireSafe) {
    throw new AppError('VENUE_NOT_FIRE_SAFE', { venue: venue.name });
  }
  if (offering.capacity > venue.capacity) {
    throw new AppError('OFFERING_OVER_VENUE_CAPACITY', {
      capacity: offering.capacity,
      venue: venue.name,
      venueCapacity: venue.capacity,
    });
  }
}

// ---- PROG-7: the notice to parents (告家长书) ----

export interface NoticeInput {
  schoolName: string;
  term: {
    name: string;
    startsOn: string;
    endsOn: string;
    windowOpensAt: string;
    windowClosesAt: string;
    conditions: { key: string; text: string; needsProof: boolean }[];
  };
  calendar: TermDay[];
  sessions: SessionShape[];
  offerings: (Omit<NoticeOffering, 'basic' | 'venue' | 'teacher'> & {
    sessionId: string;
    venueName: string | null;
    teacherName: string | null;
  })[];
  texts: NoticeTexts;
  timeZone: string;
}

/**
 * PROG-7: the notice from the term (dates, window, school days), its sessions (times) and their
 * offerings (places, venue, kind, fee standard), and the school's own paragraphs. Homework care is
 * the basic element (PROG-5), so it leads each session's list and is marked as such.
 */
export function composeNotice(input: NoticeInput): NoticeContent {
  const { term, timeZone } = input;
  const sessions = [...input.sessions]
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.name.localeCompare(b.name))
    .map((s) => ({
      name: s.name,
      kind: s.kind,
      weekdays: [...s.weekdays].sort((a, b) => a - b),
      startsAt: s.startsAt,
      endsAt: s.endsAt,
      classHours: s.classHours,
      offerings: input.offerings
        .filter((o) => o.sessionId === s.id)
        .sort(
          (a, b) =>
            Number(b.kind === 'homework_care') - Number(a.kind === 'homework_care') ||
            a.name.localeCompare(b.name, 'zh-CN'),
        )
        .map((o) => ({
          name: o.name,
          kind: o.kind,
          category: o.category,
          description: o.description,
          venue: o.venueName,
          capacity: o.capacity,
          teacher: o.teacherName,
          feeBasis: o.feeBasis,
          feeFen: o.feeFen,
          basic: o.kind === 'homework_care',
        })),
    }));
  const calendar = [...input.calendar].sort((a, b) => a.date.localeCompare(b.date));
  return {
    title: `${input.schoolName}${term.name}课后服务告家长书`,
    schoolName: input.schoolName,
    termName: term.name,
    term: {
      startsOn: term.startsOn,
      endsOn: term.endsOn,
      windowOpensAt: term.windowOpensAt,
      windowClosesAt: term.windowClosesAt,
      windowOpensLocal: localDateTime(term.windowOpensAt, timeZone),
      windowClosesLocal: localDateTime(term.windowClosesAt, timeZone),
      schoolDayCount: schoolDays(term, input.calendar).length,
      holidays: calendar.filter((d) => d.kind === 'holiday').map((d) => ({ date: d.date, note: d.note })),
      makeupDays: calendar
        .filter((d) => d.kind === 'makeup')
        .map((d) => ({ date: d.date, followsWeekday: d.followsWeekday ?? weekdayOf(d.date), note: d.note })),
    },
    sessions,
    conditions: term.conditions,
    texts: input.texts,
  };
}

/** PROG-7: a notice is published only while families can still apply, and with homework care. */
export function checkNoticePublishable(
  term: { windowClosesAt: string },
  content: NoticeContent,
  now: Date,
  timeZone: string,
): void {
  if (now.getTime() >= Date.parse(term.windowClosesAt)) {
    throw new AppError('NOTICE_WINDOW_CLOSED', { closesAt: localDateTime(term.windowClosesAt, timeZone) });
  }
  if (!content.sessions.some((s) => s.offerings.some((o) => o.basic))) {
    throw new AppError('NOTICE_NO_HOMEWORK_CARE');
  }
}
