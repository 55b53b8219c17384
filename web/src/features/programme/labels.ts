// Display helpers for the programme: weekdays, times, fees and the 5+2 reasons in the UI language.
import type { TFunction } from 'i18next';
import type { ComplianceReasonView, NoticeOffering } from '../../../../src/features/programme/contract';

export function weekdayLabel(t: TFunction, weekday: number): string {
  return t(`programme.weekday.w${weekday}`);
}

/** "周一至周五" style for a run of weekdays, else a list. */
export function weekdaysLabel(t: TFunction, weekdays: number[]): string {
  const sorted = [...weekdays].sort((a, b) => a - b);
  const run = sorted.length > 2 && sorted.every((d, i) => i === 0 || d === sorted[i - 1]! + 1);
  if (run) return `${weekdayLabel(t, sorted[0]!)}–${weekdayLabel(t, sorted.at(-1)!)}`;
  return sorted.map((d) => weekdayLabel(t, d)).join('、');
}

export function yuan(fen: number): string {
  return (fen / 100).toFixed(2).replace(/\.00$/, '');
}

export function feeLabel(t: TFunction, offering: Pick<NoticeOffering, 'feeBasis' | 'feeFen'>): string {
  if (offering.feeFen === null || offering.feeBasis === null) return t('programme.common.none');
  const amount = yuan(offering.feeFen);
  return offering.feeBasis === 'month'
    ? t('programme.offering.perMonth', { amount })
    : t('programme.offering.perHour', { amount });
}

export function reasonLabel(t: TFunction, reason: ComplianceReasonView): string {
  return t(`programme.report.reason.${reason.code}`, {
    ...reason,
    weekday: weekdayLabel(t, reason.weekday),
  });
}

export const weekdayOptions = (t: TFunction) =>
  [1, 2, 3, 4, 5, 6, 7].map((d) => ({ value: d, label: weekdayLabel(t, d) }));
