// Words of the duty roster in both languages, for the Excel export and messages built on the server
// (the web app has its own locale files with the same words).
import type { Locale } from '../../server/errors';
import type { DutyRole, UnfilledReason } from './roster-rules';

const roles: Record<DutyRole, [string, string]> = {
  care: ['看班', 'Class care'],
  duty: ['值班教师', 'Duty teacher'],
  leader: ['值班领导', 'Duty leader'],
};

const reasons: Record<UnfilledReason, [string, string]> = {
  none_available: ['该时段无人报名', 'Nobody volunteered for this session on this weekday'],
  all_booked: ['报名者均已排在同一时间', 'Everyone who volunteered is on duty at that time'],
  over_weekly_max: ['报名者已达每周值班上限', 'The free volunteers have reached their weekly maximum'],
};

const weekdays: [string, string][] = [
  ['一', 'Mon'],
  ['二', 'Tue'],
  ['三', 'Wed'],
  ['四', 'Thu'],
  ['五', 'Fri'],
  ['六', 'Sat'],
  ['日', 'Sun'],
];

const pick = ([zh, en]: [string, string], locale: Locale) => (locale === 'en' ? en : zh);

export const roleLabel = (role: DutyRole, locale: Locale) => pick(roles[role], locale);
export const reasonLabel = (reason: UnfilledReason, locale: Locale) => pick(reasons[reason], locale);
export const weekdayLabel = (weekday: number, locale: Locale) => {
  const w = weekdays[weekday - 1] ?? ['?', '?'];
  return locale === 'en' ? w[1] : `周${w[0]}`;
};
