// PROG-4 "5+2" (篇二, 篇四): service on all five weekdays, at least two hours a day, ending no
// earlier than the normal off-work time. Pure; re-exported by rules.ts.
import { hhmmOf, minutesOf } from './time';

export interface FivePlusTwoSettings {
  minDailyMinutes: number;
  offWorkTime: string;
}

export interface ServiceDay {
  weekday: number;
  hasService: boolean;
  /** Minutes covered by the union of the day's session windows. */
  minutes: number;
  latestEnd: string | null;
}

export type ComplianceReason =
  | { code: 'no_service'; weekday: number }
  | { code: 'short_day'; weekday: number; minutes: number; required: number }
  | { code: 'ends_early'; weekday: number; endsAt: string; required: string };

export interface FivePlusTwoReport {
  compliant: boolean;
  days: ServiceDay[];
  reasons: ComplianceReason[];
}

/** Total minutes covered by a set of windows, overlaps counted once. */
export function unionMinutes(windows: { start: number; end: number }[]): number {
  const sorted = [...windows].sort((a, b) => a.start - b.start);
  let total = 0;
  let start = -1;
  let end = -1;
  for (const w of sorted) {
    if (w.start > end) {
      total += end - start;
      start = w.start;
      end = w.end;
    } else if (w.end > end) {
      end = w.end;
    }
  }
  return total + end - start;
}

/**
 * PROG-4 "5+2": service on all five weekdays, at least two hours a day, ending no earlier than the
 * off-work time. Every session counts: homework care is the basic element of any session, so the
 * report does not look at offerings. It reports; it never stops a school from running less.
 */
export function fivePlusTwo(
  sessions: { weekdays: number[]; startsAt: string; endsAt: string }[],
  settings: FivePlusTwoSettings,
): FivePlusTwoReport {
  const days: ServiceDay[] = [];
  const reasons: ComplianceReason[] = [];
  const offWork = minutesOf(settings.offWorkTime);
  for (let weekday = 1; weekday <= 5; weekday++) {
    const windows = sessions
      .filter((s) => s.weekdays.includes(weekday))
      .map((s) => ({ start: minutesOf(s.startsAt), end: minutesOf(s.endsAt) }));
    if (windows.length === 0) {
      days.push({ weekday, hasService: false, minutes: 0, latestEnd: null });
      reasons.push({ code: 'no_service', weekday });
      continue;
    }
    const minutes = unionMinutes(windows);
    const latest = Math.max(...windows.map((w) => w.end));
    days.push({ weekday, hasService: true, minutes, latestEnd: hhmmOf(latest) });
    if (minutes < settings.minDailyMinutes) {
      reasons.push({ code: 'short_day', weekday, minutes, required: settings.minDailyMinutes });
    }
    if (latest < offWork) {
      reasons.push({ code: 'ends_early', weekday, endsAt: hhmmOf(latest), required: settings.offWorkTime });
    }
  }
  return { compliant: reasons.length === 0, days, reasons };
}
