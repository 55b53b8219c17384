// Use cases for meals (FEE-7): meals counted per day from the noon roll ('attendance') or from the
// family's opt-in ranges ('opt_in'); finance issues a month's meal bills after the month has ended,
// due within the first working days of the next month; the family (or finance) opts in and out.
// Meals are their own stream ('meal') in the ledger, apart from service fees.
//
// Corrections: a bill is never changed. When a month already billed counts differently later (the
// roll corrected, an opt-in back-dated by finance), the student's bill of a later month of the term
// carries a correction line: an `adjustment` entry for the earlier month, keyed
// `meal-adjust:{billId}:{forMonth}`, of (meals now × that month's price − charged for it so far).
import type { z } from 'zod';
import { accessSchool, auditor } from '../../../server/auth/access';
import { type Actor, can } from '../../../server/auth/policies';
import type { AppContext, Executor, RequestMeta } from '../../../server/context';
import { newId } from '../../../server/context';
import { AppError } from '../../../server/errors';
import { writeAudit } from '../../audit/store';
import { isGuardianOf } from '../../enrolment/draw-store';
import { findSchool } from '../../people/store';
import { schoolDays } from '../../programme/rules';
import { lockedTermOf, termOf } from '../../programme/service/common';
import { loadSettings, type SchoolSettings } from '../../programme/settings';
import * as programme from '../../programme/store';
import { localDate } from '../../programme/time';
import { appendEntries, type NewEntry, nextNumber } from '../ledger';
import type { MealBillView, MealMonth, optInput, StudentMeals } from '../meals-contract';
import {
  mealBillNo,
  mealCorrection,
  mealsFromMarks,
  mealsFromOptIns,
  monthEnded,
  monthWithinTerm,
  optChange,
  optedInOn,
} from '../meals-rules';
import * as store from '../meals-store';
import { writeMealBills } from '../meals-xlsx';
import { formatYuan } from '../money';
import { mealDueOn, termMonths } from '../rules';

type Term = { id: string; startsOn: string; endsOn: string };

const todayOf = (ctx: AppContext, settings: SchoolSettings) =>
  localDate(ctx.now().toISOString(), settings.timezone);

/** FEE-7: each student's meals in a month of the term, by the school's counting mode. */
export async function countMeals(
  db: Executor,
  term: Term,
  counting: SchoolSettings['mealCounting'],
  month: string,
): Promise<Map<string, number>> {
  const range = monthWithinTerm(month, term);
  if (!range) return new Map();
  if (counting === 'attendance')
    return mealsFromMarks(await store.noonAttendance(db, term.id, range.from, range.to));
  const days = schoolDays(term, await programme.listTermDays(db, term.id))
    .map((d) => d.date)
    .filter((d) => d >= range.from && d <= range.to);
  const byStudent = new Map<string, store.OptInRow[]>();
  for (const r of await store.optIns(db, term.id)) {
    const list = byStudent.get(r.studentId) ?? [];
    list.push(r);
    byStudent.set(r.studentId, list);
  }
  const result = new Map<string, number>();
  for (const [studentId, ranges] of byStudent) {
    const meals = mealsFromOptIns(days, ranges);
    if (meals > 0) result.set(studentId, meals);
  }
  return result;
}

async function billViews(db: Executor, rows: store.MealBillRow[]): Promise<MealBillView[]> {
  const corrections = await store.correctionsOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => {
    const list = corrections.get(r.id) ?? [];
    return {
      id: r.id,
      billNo: r.billNo,
      studentId: r.studentId,
      studentName: r.studentName,
      studentNo: r.studentNo,
      grade: r.grade,
      classNo: r.classNo,
      month: r.month,
      meals: r.meals,
      priceFen: r.priceFen,
      amountFen: r.amountFen,
      corrections: list,
      totalFen: r.amountFen + list.reduce((a, c) => a + c.amountFen, 0),
      dueOn: r.dueOn,
      issuedAt: r.issuedAt,
    };
  });
}

async function monthView(
  ctx: AppContext,
  db: Executor,
  school: { id: string },
  term: Term,
  settings: SchoolSettings,
  month: string,
): Promise<MealMonth> {
  const counts = await countMeals(db, term, settings.mealCounting, month);
  const items = await billViews(
    db,
    await store.mealBills(db, { schoolId: school.id, termId: term.id, month }),
  );
  const holidays = await store.schoolHolidays(db, school.id);
  return {
    termId: term.id,
    month,
    counting: settings.mealCounting,
    priceFen: settings.mealPriceFen,
    dueWorkingDays: settings.mealDueWorkingDays,
    dueOn: mealDueOn(month, settings.mealDueWorkingDays, holidays),
    ended: monthEnded(month, todayOf(ctx, settings)),
    counted: { students: counts.size, meals: [...counts.values()].reduce((a, n) => a + n, 0) },
    items,
    totalFen: items.reduce((a, b) => a + b.totalFen, 0),
  };
}

function checkMonth(term: Term, month: string) {
  if (!termMonths(term).includes(month)) throw new AppError('MONTH_NOT_IN_TERM', { month });
}

/** Finance and the school admin read a month's meal bills (the family reads its own on the student). */
async function schoolWide(
  db: Executor,
  actor: Actor,
  schoolId: string,
  action: 'billing.read' | 'billing.write',
) {
  const access = await accessSchool(db, actor, schoolId, action);
  if (!access.scope.all) throw new AppError('FORBIDDEN');
  return access.school;
}

export async function mealMonthOf(
  ctx: AppContext,
  actor: Actor,
  schoolId: string,
  termId: string,
  month: string,
): Promise<MealMonth> {
  const school = await schoolWide(ctx.db, actor, schoolId, 'billing.read');
  const term = await termOf(ctx.db, school.id, termId);
  checkMonth(term, month);
  return monthView(ctx, ctx.db, school, term, await loadSettings(ctx.db, school.id), month);
}

/**
 * FEE-7: issues the month's meal bills: one per student with meals (or with a correction of an
 * earlier month), amount = meals × price, due on the `mealDueWorkingDays`-th working day of the next
 * month, a `meal_charge` entry keyed `meal:{billId}`. Students already billed for the month are
 * skipped, so issuing again writes nothing new. A month not ended yet is refused.
 */
export async function issueMealBills(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  termId: string,
  month: string,
): Promise<MealMonth> {
  return ctx.db.transaction().execute(async (trx) => {
    const school = await schoolWide(trx, actor, schoolId, 'billing.write');
    const term = await lockedTermOf(ctx, trx, school.id, termId);
    checkMonth(term, month);
    const settings = await loadSettings(trx, school.id);
    if (!monthEnded(month, todayOf(ctx, settings))) throw new AppError('MONTH_NOT_ENDED', { month });
    const at = ctx.now().toISOString();

    const already = new Set(
      (await store.mealBills(trx, { schoolId: school.id, termId: term.id, month })).map((b) => b.studentId),
    );
    const counts = await countMeals(trx, term, settings.mealCounting, month);

    // Earlier months of the term already billed: each student's price there, and the recount now.
    const earlier = (await store.mealBills(trx, { schoolId: school.id, termId: term.id })).filter(
      (b) => b.month < month,
    );
    const earlierMonths = [...new Set(earlier.map((b) => b.month))];
    const monthPrice = new Map<string, number>();
    const studentPrice = new Map<string, number>();
    for (const b of earlier) {
      if (!monthPrice.has(b.month)) monthPrice.set(b.month, b.priceFen);
      studentPrice.set(`${b.studentId}|${b.month}`, b.priceFen);
    }
    const recounts = new Map<string, Map<string, number>>();
    for (const m of earlierMonths) recounts.set(m, await countMeals(trx, term, settings.mealCounting, m));
    const charged = await store.mealChargedByMonth(trx, school.id, term.id, earlierMonths);

    const candidates = new Set<string>(counts.keys());
    for (const [, byStudent] of recounts) for (const s of byStudent.keys()) candidates.add(s);
    for (const key of charged.keys()) candidates.add(key.split('|')[0]!);

    const holidays = await store.schoolHolidays(trx, school.id);
    const dueOn = mealDueOn(month, settings.mealDueWorkingDays, holidays);
    const code = (await findSchool(trx, school.id))!.code;
    const price = settings.mealPriceFen;
    const entries: NewEntry[] = [];
    let created = 0;
    let totalFen = 0;
    let correctionFen = 0;
    for (const studentId of [...candidates].sort()) {
      if (already.has(studentId)) continue;
      const meals = counts.get(studentId) ?? 0;
      const fixes = earlierMonths.flatMap((m) => {
        const p = studentPrice.get(`${studentId}|${m}`) ?? monthPrice.get(m)!;
        const before = charged.get(`${studentId}|${m}`) ?? 0;
        const now = recounts.get(m)!.get(studentId) ?? 0;
        const delta = mealCorrection(now, p, before);
        return delta === 0 ? [] : [{ month: m, price: p, before, now, delta }];
      });
      if (meals === 0 && fixes.length === 0) continue;
      const id = newId();
      const amountFen = meals * price;
      await store.insertMealBill(trx, {
        id,
        school_id: school.id,
        term_id: term.id,
        student_id: studentId,
        month,
        meals,
        price_fen: price,
        amount_fen: amountFen,
        due_on: dueOn,
        bill_no: mealBillNo(code, await nextNumber(trx, school.id, 'M')),
        issued_at: at,
        issued_by: actor.userId,
      });
      created += 1;
      totalFen += amountFen;
      const base = {
        schoolId: school.id,
        termId: term.id,
        book: 'family' as const,
        stream: 'meal' as const,
        studentId,
        sourceType: 'meal_bill',
        sourceId: id,
      };
      if (amountFen > 0)
        entries.push({
          ...base,
          kind: 'meal_charge',
          month,
          amountFen,
          entryKey: `meal:${id}`,
          reasonCode: 'meal',
          reasonParams: { month, meals, price: formatYuan(price) },
        });
      for (const f of fixes) {
        correctionFen += f.delta;
        entries.push({
          ...base,
          kind: 'adjustment',
          month: f.month,
          amountFen: f.delta,
          entryKey: `meal-adjust:${id}:${f.month}`,
          reasonCode: 'meal.correction',
          reasonParams: {
            forMonth: f.month,
            mealsBefore: Math.round(f.before / f.price),
            meals: f.now,
            price: formatYuan(f.price),
            delta: formatYuan(f.delta),
          },
        });
      }
    }
    await appendEntries(trx, entries, at, actor.userId);
    if (created > 0)
      await writeAudit(
        trx,
        auditor(ctx, actor, meta, school)('meal.issue', 'meal_month', `${term.id}:${month}`, null, {
          month,
          bills: created,
          priceFen: price,
          amountFen: totalFen,
          correctionFen,
          dueOn,
        }),
      );
    return { ...(await monthView(ctx, trx, school, term, settings, month)), created };
  });
}

/** The month's bills as xlsx, for finance. */
export async function mealBillsFile(
  ctx: AppContext,
  actor: Actor,
  schoolId: string,
  termId: string,
  month: string,
) {
  const view = await mealMonthOf(ctx, actor, schoolId, termId, month);
  return { file: await writeMealBills(month, view.items), filename: `meal-bills-${month}.xlsx` };
}

/**
 * A student's meals for the family or the school: finance and the admin read any of the school's
 * students; a parent only their own child (another's does not exist for them).
 */
async function studentAccess(
  db: Executor,
  actor: Actor,
  schoolId: string,
  studentId: string,
  write: boolean,
) {
  const { school, scope } = await accessSchool(db, actor, schoolId, 'billing.read');
  const student = await store.schoolStudent(db, school.id, studentId);
  if (!student) throw new AppError('NOT_FOUND');
  if (scope.all) {
    // Opting in for a family is finance's (billing.write); the admin reads.
    if (write && !can(actor, 'billing.write', school)) throw new AppError('FORBIDDEN');
    return { school, student, family: false };
  }
  if (!scope.familyOf || !(await isGuardianOf(db, actor.userId, studentId))) throw new AppError('NOT_FOUND');
  return { school, student, family: true };
}

async function studentView(
  ctx: AppContext,
  db: Executor,
  school: { id: string },
  student: { id: string; name: string },
  term: Term,
): Promise<StudentMeals> {
  const settings = await loadSettings(db, school.id);
  const today = todayOf(ctx, settings);
  const ranges = (await store.optIns(db, term.id, student.id)).filter((r) => r.to === null || r.to >= r.from);
  const bills = await billViews(
    db,
    await store.mealBills(db, { schoolId: school.id, termId: term.id, studentId: student.id }),
  );
  return {
    studentId: student.id,
    name: student.name,
    termId: term.id,
    counting: settings.mealCounting,
    priceFen: settings.mealPriceFen,
    today,
    optedInToday: optedInOn(ranges, today),
    ranges: ranges.map((r) => ({ from: r.from, to: r.to })),
    bills,
  };
}

export async function studentMealsOf(
  ctx: AppContext,
  actor: Actor,
  schoolId: string,
  studentId: string,
  termId: string,
): Promise<StudentMeals> {
  const { school, student } = await studentAccess(ctx.db, actor, schoolId, studentId, false);
  const term = await termOf(ctx.db, school.id, termId);
  return studentView(ctx, ctx.db, school, student, term);
}

/**
 * FEE-7: opts a student in or out of meals from a date (counted when the school counts by opt-in).
 * A family from today on; finance from any day of the term (a back-dated change to a billed month is
 * corrected on the next month's bill). Audited.
 */
export async function setMealOptIn(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  studentId: string,
  input: z.infer<typeof optInput>,
): Promise<StudentMeals> {
  return ctx.db.transaction().execute(async (trx) => {
    const { school, student, family } = await studentAccess(trx, actor, schoolId, studentId, true);
    const term = await lockedTermOf(ctx, trx, school.id, input.termId);
    if (input.from < term.startsOn || input.from > term.endsOn)
      throw new AppError('CALENDAR_DAY_OUTSIDE_TERM', {
        date: input.from,
        startsOn: term.startsOn,
        endsOn: term.endsOn,
      });
    const today = todayOf(ctx, await loadSettings(trx, school.id));
    if (family && input.from < today) throw new AppError('MEAL_OPTIN_PAST', { today });
    const rows = await store.optIns(trx, term.id, student.id);
    const change = optChange(rows, input.action, input.from);
    const at = ctx.now().toISOString();
    if (change.kind === 'insert')
      await store.insertOptIn(trx, {
        id: newId(),
        school_id: school.id,
        term_id: term.id,
        student_id: student.id,
        from_date: change.from,
        to_date: null,
        created_by: actor.userId,
        created_at: at,
      });
    if (change.kind === 'update')
      for (const u of change.updates)
        await store.updateOptIn(trx, u.id, u.from ? { from_date: u.from, to_date: u.to } : { to_date: u.to });
    if (change.kind !== 'none')
      await writeAudit(
        trx,
        auditor(ctx, actor, meta, school)(
          input.action === 'in' ? 'meal.optIn' : 'meal.optOut',
          'student',
          student.id,
          { ranges: rows.map((r) => ({ from: r.from, to: r.to })) },
          { termId: term.id, from: input.from },
        ),
      );
    return studentView(ctx, trx, school, student, term);
  });
}
