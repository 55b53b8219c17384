// Times of day ('HH:MM'), school-local dates ('YYYY-MM-DD') and instants shown in the school's
// time zone. Pure; re-exported by rules.ts.

/** 'HH:MM' → minutes after midnight. */
export function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

export function hhmmOf(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** ISO weekday of a 'YYYY-MM-DD' date: Monday 1 … Sunday 7. */
export function weekdayOf(date: string): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

// Building an Intl.DateTimeFormat costs far more than using one, and hot paths (the roll call's
// save) ask for the local date on every request: one formatter per time zone, kept.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/** An instant shown in the school's time zone as 'YYYY-MM-DD HH:mm'. */
export function localDateTime(iso: string, timeZone: string): string {
  const parts = formatterFor(timeZone).formatToParts(new Date(iso));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}

export type WindowState = 'before' | 'open' | 'closed';

export function windowState(term: { windowOpensAt: string; windowClosesAt: string }, now: Date): WindowState {
  const t = now.getTime();
  if (t < Date.parse(term.windowOpensAt)) return 'before';
  if (t < Date.parse(term.windowClosesAt)) return 'open';
  return 'closed';
}

/** The school-local date of an instant, 'YYYY-MM-DD'. */
export function localDate(iso: string, timeZone: string): string {
  return localDateTime(iso, timeZone).slice(0, 10);
}
