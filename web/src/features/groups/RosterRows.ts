// The roster's rows for the screen and the paper (STAFF-5): a row per date and session with each
// class's adults, the duty teacher and the leader. Pure, so it is tested without a browser.
import type { RosterDetail } from '../../../../src/features/groups/roster-contract';

export interface DateRow {
  key: string;
  date: string;
  sessionName: string;
  care: { className: string; names: string[] }[];
  duty: string[];
  leader: string[];
}

export function lookups(detail: RosterDetail) {
  return {
    person: new Map(detail.people.map((p) => [p.id, p])),
    session: new Map(detail.sessions.map((s) => [s.id, s])),
    cls: new Map(detail.classes.map((c) => [c.id, c])),
  };
}

/** A row per date and session: each class with its adults, the duty teacher, the leader. */
export function byDateRows(detail: RosterDetail): DateRow[] {
  const { person, session, cls } = lookups(detail);
  const rows = new Map<string, DateRow>();
  const order = new Map(detail.sessions.map((s, i) => [s.id, i]));
  const sorted = [...detail.duties].sort(
    (a, b) => a.date.localeCompare(b.date) || (order.get(a.sessionId) ?? 0) - (order.get(b.sessionId) ?? 0),
  );
  for (const d of sorted) {
    const key = `${d.date}:${d.sessionId}`;
    const row = rows.get(key) ?? {
      key,
      date: d.date,
      sessionName: session.get(d.sessionId)?.name ?? '',
      care: [],
      duty: [],
      leader: [],
    };
    rows.set(key, row);
    const name = person.get(d.userId)?.name ?? '?';
    if (d.role === 'care') {
      const className = cls.get(d.tempClassId ?? '')?.name ?? '';
      const entry = row.care.find((c) => c.className === className);
      if (entry) entry.names.push(name);
      else row.care.push({ className, names: [name] });
    } else row[d.role].push(name);
  }
  return [...rows.values()];
}
