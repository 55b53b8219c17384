// Who is billed for what (FEE-4, FEE-5): the enrolled lines of a term with the month billing
// starts and the month it stops. Shared by term bills (what to charge) and the monthly settlement
// (which months were charged but are not owed after a withdrawal).
import type { Executor } from '../../server/context';
import { localDate } from '../programme/time';
import { monthOf } from './rules';

export interface BillableLine {
  studentId: string;
  offeringId: string;
  /** The first month billed: the month of enrolment, or the term's first month if earlier. */
  enrolledMonth: string;
  /** The month a withdrawal of this line (or its whole application) was approved; billing stops after it. */
  withdrawnMonth: string | null;
}

/**
 * Lines that hold or held a place in the term: accepted lines of enrolled applications, and lines
 * that left through an approved withdrawal. A line accepted during the term (from the waitlist)
 * starts in the month it was accepted (its `updated_at`); a withdrawn line's start is not kept on
 * the line, so it is taken as the term's start (it was billed when it was enrolled).
 */
export async function billableLines(
  db: Executor,
  term: { id: string; startsOn: string },
  timeZone: string,
  studentIds?: readonly string[],
): Promise<BillableLine[]> {
  if (studentIds && studentIds.length === 0) return [];
  let q = db
    .selectFrom('application_lines as l')
    .innerJoin('applications as a', 'a.id', 'l.application_id')
    .leftJoin('withdrawals as w', (j) =>
      j
        .onRef('w.application_id', '=', 'a.id')
        .on('w.status', '=', 'approved')
        .on((eb) => eb.or([eb('w.line_id', 'is', null), eb('w.line_id', '=', eb.ref('l.id'))])),
    )
    .select([
      'l.student_id as studentId',
      'l.offering_id as offeringId',
      'l.status as lineStatus',
      'l.updated_at as lineUpdatedAt',
      'a.status as applicationStatus',
      'w.decided_at as withdrawnAt',
    ])
    .where('l.term_id', '=', term.id)
    .where((eb) =>
      eb.or([
        eb.and([eb('l.status', '=', 'accepted'), eb('a.status', '=', 'enrolled')]),
        eb.and([eb('l.status', '=', 'withdrawn'), eb('w.decided_at', 'is not', null)]),
      ]),
    );
  if (studentIds) q = q.where('l.student_id', 'in', studentIds);
  const rows = await q.execute();
  const firstMonth = monthOf(term.startsOn);
  const byKey = new Map<string, BillableLine>();
  for (const r of rows) {
    const accepted = r.lineStatus === 'accepted';
    const startMonth = accepted ? monthOf(localDate(r.lineUpdatedAt, timeZone)) : firstMonth;
    const line: BillableLine = {
      studentId: r.studentId,
      offeringId: r.offeringId,
      // biome-ignore lint/complexity/useMathMinMax: 'YYYY-MM' strings compared as text, not numbers
      enrolledMonth: startMonth > firstMonth ? startMonth : firstMonth,
      withdrawnMonth: !accepted && r.withdrawnAt ? monthOf(localDate(r.withdrawnAt, timeZone)) : null,
    };
    const key = `${r.studentId}:${r.offeringId}`;
    const seen = byKey.get(key);
    // The same offering twice (withdrawn, then placed again): the place held now wins.
    if (!seen || accepted) byKey.set(key, line);
  }
  return [...byKey.values()];
}
