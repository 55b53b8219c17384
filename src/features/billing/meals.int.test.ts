// FEE-7 through HTTP on both databases: meals counted from the noon roll in force or from the
// family's opt-in, a month's meal bills (meals × price, due on the 5th working day of the next
// month, issued once, a month not ended refused), corrections on the next month's bill, and who
// may see and do what.
import type { Kysely } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { type SchoolDay, seedSchoolDay } from '../../../test/daily-fixtures';
import { describeBothDatabases } from '../../../test/db-matrix';
import { type Client, signIn } from '../../../test/fixtures';
import { type NoonCare, saveRoll, seedNoonCare, setSchoolSettings } from '../../../test/meals-fixtures';
import { readWorkbook } from '../../../test/xlsx';
import type { DB } from '../../db/schema';

interface Bill {
  studentId: string;
  meals: number;
  priceFen: number;
  amountFen: number;
  totalFen: number;
  dueOn: string;
  billNo: string;
  corrections: { forMonth: string; mealsBefore: number; meals: number; amountFen: number }[];
}

const ledger = (h: { ctx: { db: unknown } }, stream?: string) => {
  let q = (h.ctx.db as Kysely<DB>).selectFrom('ledger_entries').selectAll();
  if (stream) q = q.where('stream', '=', stream);
  return q.orderBy('created_at').execute();
};

describeBothDatabases('meals counted from the noon roll (FEE-7)', (h) => {
  let day: SchoolDay;
  let noon: NoonCare;
  let finance: Client;
  let admin: Client;
  let teacher: Client;
  let parent: Client;
  let adminB: Client;
  let child: string;
  let other: string;
  const meals = (path = '') => `/api/v1/schools/${day.world.schoolA}/terms/${day.term.termId}/meals${path}`;
  const billOf = (items: Bill[], studentId: string) => items.find((b) => b.studentId === studentId);
  /** Moves the clock a month or more on: sessions lapse, so everyone signs in again. */
  const moveTo = async (iso: string) => {
    h().setNow(iso);
    [finance, admin, teacher, parent, adminB] = (await Promise.all(
      ['finance', 'admin', 'teacher', day.world.parentPhone, 'adminB'].map((a) => signIn(h(), a)),
    )) as [Client, Client, Client, Client, Client];
  };

  beforeAll(async () => {
    day = await seedSchoolDay(h());
    noon = await seedNoonCare(h(), day);
    child = day.world.childOfParent;
    other = noon.members.find((s) => s !== child)!;
    // September: the child is present on the 1st, absent on the 2nd, late on the 3rd, and absent on
    // the 4th until a second roll corrects it to present; the others are present every day.
    await noon.roll('2026-09-01');
    await noon.roll('2026-09-02', { [child]: 'absent' });
    await noon.roll('2026-09-03', { [child]: 'late', [other]: 'leave' });
    await noon.roll('2026-09-04', { [child]: 'absent' });
    await noon.roll('2026-09-04');
    // An afternoon class's roll is not a meal.
    await saveRoll(h(), day, day.classTwo, day.membersTwo, '2026-09-01');
    [finance, admin, teacher, parent, adminB] = (await Promise.all(
      ['finance', 'admin', 'teacher', day.world.parentPhone, 'adminB'].map((a) => signIn(h(), a)),
    )) as [Client, Client, Client, Client, Client];
  });

  it('refuses a month not ended (422) and a month outside the term (422), writing nothing', async () => {
    const early = await finance.send('POST', meals('/bills'), { month: '2026-09' });
    expect(early.statusCode).toBe(422);
    expect(early.json().code).toBe('MONTH_NOT_ENDED');
    const outside = await finance.send('POST', meals('/bills'), { month: '2027-03' });
    expect(outside.json().code).toBe('MONTH_NOT_IN_TERM');
    const bad = await finance.send('POST', meals('/bills'), { month: '2026-13' });
    expect(bad.statusCode).toBe(400);
    expect(await ledger(h())).toHaveLength(0);
  });

  it('counts meals per day from the roll in force of the noon class (present or late)', async () => {
    const res = await finance.get(meals('?month=2026-09'));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ counting: 'attendance', priceFen: 1500, ended: false });
    const members = noon.members.length;
    // child 3 (1st, late 3rd, corrected 4th); other 3 (leave on the 3rd); the rest 4 each.
    expect(res.json().counted).toEqual({ students: members, meals: 3 + 3 + (members - 2) * 4 });
  });

  it('issues the month after it ends: meals × price, due the 5th working day of the next month, a meal ledger row', async () => {
    await moveTo('2026-10-02T02:00:00.000Z');
    const res = await finance.send('POST', meals('/bills'), { month: '2026-09' });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.created).toBe(noon.members.length);
    expect(body.items).toHaveLength(noon.members.length);
    // October 1–7 are holidays: the 5th working day is Wednesday 14 October.
    expect(billOf(body.items, child)).toMatchObject({
      meals: 3,
      priceFen: 1500,
      amountFen: 4500,
      totalFen: 4500,
      dueOn: '2026-10-14',
      corrections: [],
    });
    expect(billOf(body.items, other)?.amountFen).toBe(4500);
    expect(billOf(body.items, day.membersTwo[0]!)).toBeUndefined();
    expect(body.totalFen).toBe(body.items.reduce((a: number, b: Bill) => a + b.amountFen, 0));
    const rows = await ledger(h());
    expect(rows).toHaveLength(noon.members.length);
    const bill = billOf(body.items, child)!;
    const entry = rows.find((r) => r.student_id === child)!;
    expect(entry).toMatchObject({
      book: 'family',
      stream: 'meal',
      kind: 'meal_charge',
      month: '2026-09',
      source_type: 'meal_bill',
      entry_key: `meal:${(bill as unknown as { id: string }).id}`,
    });
    expect(Number(entry.amount_fen)).toBe(4500);
    expect(new Set(body.items.map((b: Bill) => b.billNo)).size).toBe(noon.members.length);
    const audit = await (h().ctx.db as Kysely<DB>)
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'meal.issue')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('issuing the month again writes nothing new', async () => {
    const before = await ledger(h());
    const again = await finance.send('POST', meals('/bills'), { month: '2026-09' });
    expect(again.statusCode).toBe(200);
    expect(again.json().created).toBe(0);
    expect(again.json().items).toHaveLength(noon.members.length);
    expect(await ledger(h())).toHaveLength(before.length);
    const count = await (h().ctx.db as Kysely<DB>).selectFrom('meal_bills').select('id').execute();
    expect(count).toHaveLength(noon.members.length);
  });

  it('a roll corrected after the bill becomes a correction line on the next month’s bill', async () => {
    // The 2nd of September corrected: the child was there after all.
    await noon.roll('2026-09-02');
    await noon.roll('2026-10-08', { [other]: 'absent' });
    await moveTo('2026-11-02T02:00:00.000Z');
    const res = await finance.send('POST', meals('/bills'), { month: '2026-10' });
    expect(res.statusCode, res.body).toBe(200);
    const bill = billOf(res.json().items, child)!;
    expect(bill).toMatchObject({ meals: 1, amountFen: 1500, totalFen: 3000 });
    expect(bill.corrections).toEqual([{ forMonth: '2026-09', mealsBefore: 3, meals: 4, amountFen: 1500 }]);
    // The other member had no October meal and nothing to correct: no bill.
    expect(billOf(res.json().items, other)).toBeUndefined();
    const adjust = (await ledger(h(), 'meal')).filter((r) => r.kind === 'adjustment');
    expect(adjust).toHaveLength(1);
    expect(adjust[0]).toMatchObject({ student_id: child, month: '2026-09', reason_code: 'meal.correction' });
    // Issued again: still one correction.
    await finance.send('POST', meals('/bills'), { month: '2026-10' });
    expect((await ledger(h(), 'meal')).filter((r) => r.kind === 'adjustment')).toHaveLength(1);
    // Meals stay apart from service fees.
    expect((await ledger(h())).every((r) => r.stream === 'meal')).toBe(true);
  });

  it('concurrent issues of one month bill each student once', async () => {
    await noon.roll('2026-11-03');
    await moveTo('2026-12-02T02:00:00.000Z');
    const results = await Promise.all(
      [1, 2, 3].map(() => finance.send('POST', meals('/bills'), { month: '2026-11' })),
    );
    for (const r of results) expect(r.statusCode, r.body).toBe(200);
    expect(results.reduce((a, r) => a + r.json().created, 0)).toBe(noon.members.length);
    const bills = await (h().ctx.db as Kysely<DB>)
      .selectFrom('meal_bills')
      .select('student_id')
      .where('month', '=', '2026-11')
      .execute();
    expect(bills).toHaveLength(noon.members.length);
    const charges = (await ledger(h(), 'meal')).filter((r) => r.month === '2026-11');
    expect(charges).toHaveLength(noon.members.length);
  });

  it('exports the month to xlsx', async () => {
    const res = await finance.get(meals('/bills/export?month=2026-09'));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const rows = await readWorkbook(res.rawPayload);
    expect(rows[0]).toContain('餐数');
    expect(rows).toHaveLength(noon.members.length + 1);
    expect(rows.some((r) => r.includes('45.00') && r.includes('3'))).toBe(true);
  });

  it('who may: class teacher 403, the admin reads but does not issue, another school 404, the parent sees their own', async () => {
    expect((await teacher.get(meals('?month=2026-09'))).statusCode).toBe(403);
    expect((await teacher.send('POST', meals('/bills'), { month: '2026-09' })).statusCode).toBe(403);
    expect((await admin.get(meals('?month=2026-09'))).statusCode).toBe(200);
    expect((await admin.send('POST', meals('/bills'), { month: '2026-09' })).statusCode).toBe(403);
    expect((await adminB.get(meals('?month=2026-09'))).statusCode).toBe(404);
    expect((await parent.get(meals('?month=2026-09'))).statusCode).toBe(403);
    const student = (id: string) =>
      `/api/v1/schools/${day.world.schoolA}/students/${id}/meals?termId=${day.term.termId}`;
    const own = await parent.get(student(child));
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json().bills.map((b: Bill) => b.totalFen)).toEqual([4500, 3000, 1500]);
    expect((await parent.get(student(other))).statusCode).toBe(404);
    expect(
      (
        await finance.get(
          `/api/v1/schools/${day.world.schoolA}/students/${day.world.studentOfB}/meals?termId=${day.term.termId}`,
        )
      ).statusCode,
    ).toBe(404);
    expect((await teacher.get(student(child))).statusCode).toBe(403);
  });
});

describeBothDatabases('meals counted from opt-in (FEE-7)', (h) => {
  let day: SchoolDay;
  let finance: Client;
  let admin: Client;
  let parent: Client;
  let teacher: Client;
  let child: string;
  let other: string;
  const optins = (id: string) => `/api/v1/schools/${day.world.schoolA}/students/${id}/meal-optins`;
  const meals = (path = '') => `/api/v1/schools/${day.world.schoolA}/terms/${day.term.termId}/meals${path}`;
  const moveTo = async (iso: string) => {
    h().setNow(iso);
    [finance, admin, parent, teacher] = (await Promise.all(
      ['finance', 'admin', day.world.parentPhone, 'teacher'].map((a) => signIn(h(), a)),
    )) as [Client, Client, Client, Client];
  };

  beforeAll(async () => {
    day = await seedSchoolDay(h());
    await seedNoonCare(h(), day);
    await setSchoolSettings(h(), day.world.schoolA, { mealCounting: 'opt_in', mealPriceFen: 1600 });
    child = day.world.childOfParent;
    other = day.world.otherChild;
    [finance, admin, parent, teacher] = (await Promise.all(
      ['finance', 'admin', day.world.parentPhone, 'teacher'].map((a) => signIn(h(), a)),
    )) as [Client, Client, Client, Client];
  });

  it('the parent opts in from today and out later; the days in between count', async () => {
    const termId = day.term.termId;
    const on = await parent.send('POST', optins(child), { termId, action: 'in', from: '2026-09-01' });
    expect(on.statusCode, on.body).toBe(200);
    expect(on.json()).toMatchObject({ optedInToday: true, ranges: [{ from: '2026-09-01', to: null }] });
    // Opting in again changes nothing.
    const again = await parent.send('POST', optins(child), { termId, action: 'in', from: '2026-09-03' });
    expect(again.json().ranges).toEqual([{ from: '2026-09-01', to: null }]);
    const off = await parent.send('POST', optins(child), { termId, action: 'out', from: '2026-09-16' });
    expect(off.json().ranges).toEqual([{ from: '2026-09-01', to: '2026-09-15' }]);
    const audit = await (h().ctx.db as Kysely<DB>)
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'in', ['meal.optIn', 'meal.optOut'])
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['meal.optIn', 'meal.optOut']);
  });

  it('refuses a family a past date, dates outside the term, and other families’ children', async () => {
    const termId = day.term.termId;
    await moveTo('2026-09-10T02:00:00.000Z');
    const past = await parent.send('POST', optins(child), { termId, action: 'in', from: '2026-09-02' });
    expect(past.statusCode).toBe(422);
    expect(past.json().code).toBe('MEAL_OPTIN_PAST');
    const en = await parent.send(
      'POST',
      optins(child),
      { termId, action: 'in', from: '2026-09-02' },
      { 'accept-language': 'en' },
    );
    expect(en.json().message).toContain('from today (2026-09-10)');
    const outside = await finance.send('POST', optins(child), { termId, action: 'in', from: '2027-02-01' });
    expect(outside.json().code).toBe('CALENDAR_DAY_OUTSIDE_TERM');
    expect(
      (await parent.send('POST', optins(other), { termId, action: 'in', from: '2026-09-20' })).statusCode,
    ).toBe(404);
    expect(
      (await teacher.send('POST', optins(child), { termId, action: 'in', from: '2026-09-20' })).statusCode,
    ).toBe(403);
    expect(
      (await admin.send('POST', optins(child), { termId, action: 'in', from: '2026-09-20' })).statusCode,
    ).toBe(403);
    expect(
      (await finance.send('POST', optins(day.world.studentOfB), { termId, action: 'in', from: '2026-09-20' }))
        .statusCode,
    ).toBe(404);
  });

  it('finance opts a student in (back-dated allowed); the month bills the school days inside the ranges', async () => {
    const termId = day.term.termId;
    const res = await finance.send('POST', optins(other), { termId, action: 'in', from: '2026-09-21' });
    expect(res.statusCode, res.body).toBe(200);
    await moveTo('2026-10-01T02:00:00.000Z');
    const issued = await finance.send('POST', meals('/bills'), { month: '2026-09' });
    expect(issued.statusCode, issued.body).toBe(200);
    const items = issued.json().items as Bill[];
    expect(items).toHaveLength(2);
    // 1–15 September: 11 school days; 21–30 September: 8.
    expect(items.find((b) => b.studentId === child)).toMatchObject({
      meals: 11,
      priceFen: 1600,
      amountFen: 17600,
    });
    expect(items.find((b) => b.studentId === other)).toMatchObject({
      meals: 8,
      amountFen: 12800,
      dueOn: '2026-10-14',
    });
  });

  it('a back-dated opt-out by finance is corrected on the next month’s bill', async () => {
    const termId = day.term.termId;
    // The other child did not eat from 28 September: three days fewer, credited on October's bill.
    await finance.send('POST', optins(other), { termId, action: 'out', from: '2026-09-28' });
    await finance.send('POST', optins(other), { termId, action: 'in', from: '2026-10-08' });
    await moveTo('2026-11-02T02:00:00.000Z');
    const res = await finance.send('POST', meals('/bills'), { month: '2026-10' });
    const bill = (res.json().items as Bill[]).find((b) => b.studentId === other)!;
    // October 8–31: 8, 9, 12–16, 19–23, 26–30 → 17 school days at 16.00; −3 × 16.00 for September.
    expect(bill).toMatchObject({ meals: 17, amountFen: 27200, totalFen: 27200 - 4800 });
    expect(bill.corrections).toEqual([{ forMonth: '2026-09', mealsBefore: 8, meals: 5, amountFen: -4800 }]);
  });
});
