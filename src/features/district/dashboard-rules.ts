// The dashboard's arithmetic (DIST-1): shares in percent, the staff ratio met per session-day
// (STAFF-4), arrears from balances, the term a date falls in, incidents by kind and severity.
// Pure: no I/O, no clock.
import { incidentKinds, incidentSeverities } from '../daily/incident-rules';

/**
 * `part / whole` in percent with one decimal, rounded half up in integer arithmetic (so 1/3 is
 * 33.3 and 1/8 is 12.5 exactly, never 12.499…); null when `whole` is 0.
 */
export function ratePercent(part: number, whole: number): number | null {
  if (whole <= 0) return null;
  return Math.floor((part * 2000 + whole) / (2 * whole)) / 10;
}

/** STAFF-4: staff needed for the children present: one per `ratio` started. */
export function staffRequired(studentsPresent: number, ratio: number): number {
  return Math.ceil(studentsPresent / ratio);
}

export interface SessionDay {
  date: string;
  sessionId: string;
  studentsPresent: number;
  staffPresent: number;
}

export interface RatedSessionDay extends SessionDay {
  required: number;
  met: boolean;
}

export function rateSessionDay(day: SessionDay, ratio: number): RatedSessionDay {
  const required = staffRequired(day.studentsPresent, ratio);
  return { ...day, required, met: day.staffPresent >= required };
}

export function ratioFigure(days: readonly RatedSessionDay[]) {
  const metDays = days.filter((d) => d.met).length;
  return { sessionDays: days.length, metDays, rate: ratePercent(metDays, days.length) };
}

/** The session-days furthest short of the ratio (staff missing, then children per staff), worst first. */
export function worstSessionDays(days: readonly RatedSessionDay[], limit: number): RatedSessionDay[] {
  const load = (d: RatedSessionDay) => d.studentsPresent / Math.max(1, d.staffPresent);
  return days
    .filter((d) => !d.met)
    .sort(
      (a, b) =>
        b.required - b.staffPresent - (a.required - a.staffPresent) ||
        load(b) - load(a) ||
        a.date.localeCompare(b.date),
    )
    .slice(0, limit);
}

/** Arrears: the accounts owing (balance above zero) and what they owe in total, in fen. */
export function arrearsOf(balances: Iterable<number>): { families: number; totalFen: number } {
  let families = 0;
  let totalFen = 0;
  for (const b of balances) {
    if (b <= 0) continue;
    families += 1;
    totalFen += b;
  }
  return { families, totalFen };
}

export interface TermSpan {
  startsOn: string;
  endsOn: string;
}

/** The term running at `date`; else the latest one started before it; else none. */
export function termAt<T extends TermSpan>(terms: readonly T[], date: string): T | null {
  const started = terms.filter((t) => t.startsOn <= date);
  const running = started.filter((t) => t.endsOn >= date);
  const pool = running.length ? running : started;
  let best: T | null = null;
  for (const t of pool) if (!best || t.startsOn > best.startsOn) best = t;
  return best;
}

export interface IncidentCount {
  kind: string;
  severity: string;
  status: string;
  n: number;
}

/** Counts by kind and by severity, every kind and severity listed (zeros too); open = not closed. */
export function incidentFigure(rows: readonly IncidentCount[]) {
  const byKind = incidentKinds.map((kind) => ({ kind, total: 0, open: 0 }));
  const bySeverity = incidentSeverities.map((severity) => ({ severity, total: 0, open: 0 }));
  let total = 0;
  let open = 0;
  for (const r of rows) {
    const isOpen = r.status !== 'closed' ? r.n : 0;
    total += r.n;
    open += isOpen;
    const k = byKind.find((x) => x.kind === r.kind) ?? byKind.find((x) => x.kind === 'other')!;
    k.total += r.n;
    k.open += isOpen;
    const s = bySeverity.find((x) => x.severity === r.severity);
    if (s) {
      s.total += r.n;
      s.open += isOpen;
    }
  }
  return { total, open, byKind, bySeverity };
}
