// The settlement against what the term bill really wrote (FEE-4, FEE-5, FEE-6, 多还少补), on both
// databases: bills issued through POST …/bills/issue (issueTermBills), rolls written as the roll
// call keeps them, then months settled through HTTP.
//  - A waiver granted after a month was settled, and a student billed late for a settled month,
//    are re-assessed by the next settlement (adjust:…:{forMonth}:{settlementMonth}).
//  - A class-hour club on Tuesdays and Thursdays (8 sessions in October) is refunded per session
//    missed, not by the whole-month threshold.
//  - A roll saved just before a settlement's settled_at (during it, committed after) is re-assessed.
//  - The term end needs every month settled; a student closed already gets no more credits.
import type { Kysely } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { type BillingSchool, enrol, seedBillingSchool } from '../../../test/billing-fixtures';
import { describeBothDatabases } from '../../../test/db-matrix';
import { type Client, signIn } from '../../../test/fixtures';
import { type Mark, weekdaysOfMonth, writeRolls } from '../../../test/settlement-fixtures';
import type { DB } from '../../db/schema';
import { newId } from '../../server/context';

interface LineView {
  studentId: string;
  offeringId: string;
  forMonth: string;
  attended: number;
  schoolDays: number;
  billedFen: number;
  refundFen: number;
  deltaFen: number;
  reasonCode: string;
  reason: string;
  adjustment: boolean;
}

describeBothDatabases('settlement of what the term bill wrote (FEE-4, FEE-5, FEE-6)', (h) => {
  let s: BillingSchool;
  let db: Kysely<DB>;
  let finance: Client;
  let base: string;
  let termUrl: string;
  let club: string; // 2.00 a class-hour × 2 class-hours, Tuesdays and Thursdays
  let homeworkClass: string;
  let clubClass: string;
  let late: string; // enrolled in homework care on 9 October, billed on 10 November
  let full: string; // in the club, every session
  let misses: string; // in the club, misses 2 of 8 October sessions
  const term = { id: '', startsOn: '2026-09-01', endsOn: '2027-01-15' };
  const settlementIds = new Map<string, string>();

  const moveTo = async (iso: string) => {
    h().setNow(iso);
    finance = await signIn(h(), 'finance');
  };
  /** The term's school days of a month on the given weekdays (0 Sunday … 6 Saturday), holidays out. */
  const dates = (month: string, weekdays = [1, 2, 3, 4, 5]) =>
    weekdaysOfMonth(term, month).filter(
      (d) =>
        !['2026-10-01', '2026-10-02'].includes(d) &&
        weekdays.includes(new Date(`${d}T00:00:00Z`).getUTCDay()),
    );
  const rolls = (
    tempClassId: string,
    members: string[],
    ds: string[],
    mark: (d: string, s: string) => Mark,
  ) =>
    writeRolls(db, {
      schoolId: s.world.schoolA,
      tempClassId,
      members,
      dates: ds,
      takenBy: s.adminId,
      at: h().ctx.now().toISOString(),
      mark,
    });
  const settle = async (month: string) => {
    const res = await finance.send('POST', `${termUrl}/settlements`, { month });
    expect(res.statusCode).toBe(201);
    settlementIds.set(month, res.json().id);
    return res.json();
  };
  const linesOf = async (month: string, studentId: string): Promise<LineView[]> => {
    const res = await finance.get(`${base}/settlements/${settlementIds.get(month)}?studentId=${studentId}`);
    expect(res.statusCode).toBe(200);
    return res.json().lines;
  };
  const issue = (body: object = {}) => finance.send('POST', `${termUrl}/bills/issue`, body);
  /** The family book of one student, offering and month, summed per kind. */
  const monthRows = async (studentId: string, offeringId: string, month: string) => {
    const rows = await db
      .selectFrom('ledger_entries')
      .select(['kind', 'amount_fen', 'entry_key'])
      .where('term_id', '=', term.id)
      .where('book', '=', 'family')
      .where('student_id', '=', studentId)
      .where('offering_id', '=', offeringId)
      .where('month', '=', month)
      .execute();
    const sums: Record<string, number> = {};
    for (const r of rows) sums[r.kind] = (sums[r.kind] ?? 0) + Number(r.amount_fen);
    const net = rows.reduce((t, r) => t + Number(r.amount_fen), 0);
    return { sums, net, keys: rows.map((r) => r.entry_key) };
  };

  beforeAll(async () => {
    s = await seedBillingSchool(h());
    db = h().ctx.db as Kysely<DB>;
    term.id = s.term.termId;
    base = `/api/v1/schools/${s.world.schoolA}`;
    termUrl = `${base}/terms/${term.id}`;
    [late, full, misses] = s.spare as [string, string, string];
    const at = h().ctx.now().toISOString();
    const sessionId = newId();
    await db
      .insertInto('term_sessions')
      .values({
        id: sessionId,
        school_id: s.world.schoolA,
        term_id: term.id,
        name: '周二周四社团',
        kind: 'afternoon',
        weekdays: '2,4',
        starts_at: '15:30',
        ends_at: '17:30',
        class_hours: 2,
        created_at: at,
        updated_at: at,
      })
      .execute();
    club = newId();
    await db
      .insertInto('offerings')
      .values({
        id: club,
        school_id: s.world.schoolA,
        term_id: term.id,
        session_id: sessionId,
        venue_id: null,
        kind: 'club',
        category: null,
        name: '书法社团',
        description: '',
        capacity: 30,
        teacher_user_id: null,
        teacher_name: null,
        fee_basis: 'class_hour',
        fee_fen: 200,
        created_at: at,
        updated_at: at,
      })
      .execute();
    await enrol(h(), s, [full, misses], [club]);
    const tempClass = (offeringId: string, session: string, name: string) => ({
      id: newId(),
      school_id: s.world.schoolA,
      term_id: term.id,
      session_id: session,
      offering_id: offeringId,
      kind: 'care',
      name,
      venue_id: null,
      head_teacher_id: null,
      created_at: at,
      updated_at: at,
    });
    const hw = tempClass(s.homeworkCare, s.term.afternoonSessionId, '看护1班');
    const cl = tempClass(club, sessionId, '书法1班');
    await db.insertInto('temp_classes').values([hw, cl]).execute();
    homeworkClass = hw.id;
    clubClass = cl.id;

    await moveTo('2026-09-01T08:00:00.000Z');
    const issued = await issue();
    expect(issued.statusCode).toBe(200);
    // The club's September: 9 Tuesdays and Thursdays × 2 class-hours × 2.00 = 36.00.
    expect((await monthRows(full, club, '2026-09')).sums).toEqual({ charge: 3_600 });
    // October: 8 sessions (1 October, a Thursday, is National Day) → 32.00.
    expect(dates('2026-10', [2, 4])).toHaveLength(8);
    expect((await monthRows(full, club, '2026-10')).sums).toEqual({ charge: 3_200 });

    const homework = [s.students.plain, s.students.allowance, s.students.poor, s.students.other, late];
    // September and November: everyone present everywhere.
    for (const m of ['2026-09', '2026-11']) {
      await rolls(homeworkClass, homework, dates(m), () => 'present');
      await rolls(clubClass, [full, misses], dates(m, [2, 4]), () => 'present');
    }
    // October: the plain child never comes; the late child comes on 10 days from 9 October.
    const october = dates('2026-10');
    const lateDays = october.filter((d) => d >= '2026-10-09').slice(0, 10);
    await rolls(homeworkClass, homework, october, (d, st) =>
      st === s.students.plain
        ? 'absent'
        : st === late
          ? lateDays.includes(d)
            ? 'present'
            : 'absent'
          : 'present',
    );
    const clubOctober = dates('2026-10', [2, 4]);
    await rolls(clubClass, [full, misses], clubOctober, (d, st) =>
      st === misses && clubOctober.indexOf(d) < 2 ? 'absent' : 'present',
    );
  });

  it('FEE-5: September settled; a roll saved 5 minutes before settled_at (committed after) is re-assessed', async () => {
    await moveTo('2026-10-02T02:00:00.000Z');
    const september = await settle('2026-09');
    // Everyone came, but noon care has no rolls: its child missed all 22 sessions (3.00 × 3 × 22).
    expect(september.refundFen).toBe(19_800);
    // On PostgreSQL a roll is stamped saved_at before it commits: one saved while the settlement
    // ran carries a saved_at before settled_at, and the settlement did not see it.
    const savedAt = new Date(Date.parse(september.settledAt) - 5 * 60 * 1000).toISOString();
    const lastTuesday = dates('2026-09', [2, 4]).at(-1)!;
    await writeRolls(db, {
      schoolId: s.world.schoolA,
      tempClassId: clubClass,
      members: [full, misses],
      dates: [lastTuesday],
      takenBy: s.adminId,
      at: savedAt,
      version: 2,
      mark: (_d, st) => (st === full ? 'absent' : 'present'),
    });
    await moveTo('2026-10-09T02:00:00.000Z');
    await enrol(h(), s, [late], [s.homeworkCare]);

    await moveTo('2026-11-02T02:00:00.000Z');
    await settle('2026-10');
    const [adjust] = (await linesOf('2026-10', full)).filter((l) => l.forMonth === '2026-09');
    // 1 of 9 sessions missed: 36.00 × 1/9 = 4.00 back.
    expect(adjust).toMatchObject({ attended: 8, schoolDays: 9, refundFen: 400, deltaFen: 400 });
    expect((await monthRows(full, club, '2026-09')).keys).toContain(
      `adjust:${term.id}:${full}:${club}:2026-09:2026-10`,
    );
  });

  it('FEE-5 by fee basis: a Tue/Thu class-hour club attended in full refunds nothing; 2 of 8 missed → 2/8', async () => {
    const [fullLine] = (await linesOf('2026-10', full)).filter((l) => l.forMonth === '2026-10');
    expect(fullLine).toMatchObject({
      attended: 8,
      schoolDays: 8,
      billedFen: 3_200,
      refundFen: 0,
      reasonCode: 'settle.per_session',
    });
    const [missLine] = (await linesOf('2026-10', misses)).filter((l) => l.forMonth === '2026-10');
    expect(missLine).toMatchObject({ attended: 6, schoolDays: 8, refundFen: 800, deltaFen: 800 });
    expect(missLine!.reason).toBe('2026-10 按课时收费，缺 2/8 次 → 退 32.00 × 2/8 = 8.00 元');
    expect((await monthRows(full, club, '2026-10')).sums).toEqual({ charge: 3_200 });
    expect((await monthRows(misses, club, '2026-10')).sums).toEqual({ charge: 3_200, credit: -800 });
    // Ordinary care keeps the whole-month threshold: the plain child, absent all October, gets 180.00.
    const [plain] = await linesOf('2026-10', s.students.plain);
    expect(plain).toMatchObject({ attended: 0, refundFen: 18_000, reasonCode: 'settle.below_threshold' });
  });

  it('FEE-6 then FEE-5: a waiver granted after October was settled is re-assessed, October nets 0 not −180.00', async () => {
    await moveTo('2026-11-05T02:00:00.000Z');
    await db
      .insertInto('student_categories')
      .values({
        student_id: s.students.plain,
        category: 'registered_poor',
        created_at: h().ctx.now().toISOString(),
      })
      .execute();
    const waived = await issue({ studentIds: [s.students.plain] });
    expect(waived.statusCode).toBe(200);
    expect(waived.json()).toMatchObject({ chargesWritten: 0, waiversWritten: 5 });
    expect((await monthRows(s.students.plain, s.homeworkCare, '2026-10')).net).toBe(-18_000);

    // A late bill: the child enrolled on 9 October is billed on 10 November, October included.
    await moveTo('2026-11-10T02:00:00.000Z');
    const billed = await issue();
    expect(billed.json()).toMatchObject({ billsCreated: 1 });
    expect((await monthRows(late, s.homeworkCare, '2026-10')).sums).toEqual({ charge: 18_000 });

    await moveTo('2026-12-02T02:00:00.000Z');
    const november = await settle('2026-11');
    const [plainOct] = (await linesOf('2026-11', s.students.plain)).filter((l) => l.forMonth === '2026-10');
    expect(plainOct).toMatchObject({ billedFen: 0, refundFen: 0, deltaFen: -18_000, adjustment: true });
    const plainRows = await monthRows(s.students.plain, s.homeworkCare, '2026-10');
    expect(plainRows.sums).toEqual({ charge: 18_000, waiver: -18_000, credit: -18_000, adjustment: 18_000 });
    expect(plainRows.net).toBe(0);
    expect(plainRows.keys).toContain(
      `adjust:${term.id}:${s.students.plain}:${s.homeworkCare}:2026-10:2026-11`,
    );

    // The late child's October is assessed at last: 10 of 20 days < 15 → 180.00 back.
    const [lateOct] = (await linesOf('2026-11', late)).filter((l) => l.forMonth === '2026-10');
    expect(lateOct).toMatchObject({ attended: 10, schoolDays: 20, refundFen: 18_000, deltaFen: 18_000 });
    expect((await monthRows(late, s.homeworkCare, '2026-10')).net).toBe(0);
    expect(november.adjustmentFen).toBe(0); // −180.00 for the waiver, +180.00 for the late bill
  });

  it('多还少补: the term end is refused while a month is unsettled; a closed student gets no more credits', async () => {
    // A closing made before this rule (when only the last month was checked): the other family's
    // service stream is closed already. No rolls in December or January: all would be refunded.
    await db
      .insertInto('term_closings')
      .values({
        id: newId(),
        school_id: s.world.schoolA,
        term_id: term.id,
        student_id: s.students.other,
        stream: 'service',
        paid_fen: 0,
        net_fen: 81_000,
        balance_fen: -81_000,
        outcome: 'shortfall',
        refund_id: null,
        closed_at: h().ctx.now().toISOString(),
        closed_by: s.financeId,
      })
      .execute();
    await moveTo('2027-02-02T02:00:00.000Z');
    const january = await settle('2027-01');
    // Nothing earlier to correct: re-assessing writes only a difference.
    expect(january.adjustmentFen).toBe(0);
    const [own, ...more] = await linesOf('2027-01', s.students.other);
    expect(more).toHaveLength(0);
    expect(own).toMatchObject({
      forMonth: '2027-01',
      deltaFen: 0,
      refundFen: 9_000,
      reasonCode: 'settle.term_closed',
    });
    expect(own!.reason).toBe('2027-01 学期已结清，不再调整（本应调整 90.00 元）');
    const otherRows = await db
      .selectFrom('ledger_entries')
      .select('id')
      .where('source_id', '=', january.id)
      .where('student_id', '=', s.students.other)
      .execute();
    expect(otherRows).toHaveLength(0);
    expect((await linesOf('2027-01', s.students.allowance))[0]).toMatchObject({ deltaFen: 4_500 });

    // The last month is settled but December is not: the term end is refused and writes nothing.
    const early = await finance.send('POST', `${termUrl}/closings`, { stream: 'service' });
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ code: 'TERM_NOT_SETTLED' });
    expect(early.json().message).toContain('2026-12');
    expect(await db.selectFrom('term_closings').selectAll().execute()).toHaveLength(1);

    await settle('2026-12');
    const closed = await finance.send('POST', `${termUrl}/closings`, { stream: 'service' });
    expect(closed.statusCode).toBe(200);
    expect(closed.json().alreadyClosed).toBe(1);
    const of = (id: string) =>
      closed.json().closed.find((c: { studentId: string }) => c.studentId === id) as {
        outcome: string;
        balanceFen: number;
      };
    // 建档立卡 from November, waived for the whole term and never paid: even, not 180.00 "over-paid".
    expect(of(s.students.plain)).toMatchObject({ outcome: 'even', balanceFen: 0 });
  });
});
