// Facts the monthly settlement reads, written straight to the database so its tests do not depend
// on the term-bill and payment code built alongside: a term bill's ledger rows (one `charge` per
// student × offering × month and its `waiver`, keys and amounts as design.md defines them, through
// `monthShares`, `monthCharge` and `waiverFor`), payments as `payment` / `fee_income` rows, and roll
// calls (a version per class and day, so a correction is a higher version).
import type { Kysely } from 'kysely';
import { insertInChunks } from '../src/db/batch';
import type { DB } from '../src/db/schema';
import { appendEntries, type NewEntry } from '../src/features/billing/ledger';
import { monthCharge, monthShares, termMonths, waiverFor, waiverOf } from '../src/features/billing/rules';
import { schoolDays } from '../src/features/programme/rules';
import { newId } from '../src/server/context';

type Db = Kysely<DB>;

export interface BillOptions {
  schoolId: string;
  term: { id: string; startsOn: string; endsOn: string };
  studentId: string;
  offeringId: string;
  feeFen: number;
  /** Defaults: 4.5 months, the last month in part. */
  countedMonths?: number;
  partialMonth?: 'last' | 'first';
  categories?: string[];
  waiverPercents?: Record<string, number>;
  at: string;
  by: string | null;
}

/** A monthly-flat term bill's ledger rows for one student and offering; returns the net billed. */
export async function billTerm(db: Db, o: BillOptions): Promise<number> {
  const { entries, net } = billEntries(o);
  await appendEntries(db, entries, o.at, o.by);
  return net;
}

/** The rows `billTerm` writes, for writing many students' bills in one call. */
export function billEntries(o: BillOptions): { entries: NewEntry[]; net: number } {
  const months = termMonths({ startsOn: o.term.startsOn, endsOn: o.term.endsOn });
  const shares = monthShares(months, o.countedMonths ?? 4.5, o.partialMonth ?? 'last');
  const waiver = waiverFor(o.categories ?? [], o.waiverPercents ?? { registered_poor: 100 });
  const entries: NewEntry[] = [];
  let net = 0;
  const billId = newId();
  for (const month of months) {
    const share = shares.get(month)!;
    if (share === 0) continue;
    const charge = monthCharge({ basis: 'month', fen: o.feeFen, classHours: 0 }, share, 0);
    const tail = `${o.term.id}:${o.studentId}:${o.offeringId}:${month}`;
    const common = {
      schoolId: o.schoolId,
      termId: o.term.id,
      book: 'family' as const,
      stream: 'service' as const,
      studentId: o.studentId,
      offeringId: o.offeringId,
      month,
      sourceType: 'term_bill',
      sourceId: billId,
    };
    entries.push({
      ...common,
      kind: 'charge',
      amountFen: charge,
      entryKey: `charge:${tail}`,
      reasonCode: 'charge.month',
      reasonParams: { offering: 'x', fee: o.feeFen / 100, months: share / 2 },
    });
    net += charge;
    if (waiver.percent > 0) {
      const off = waiverOf(charge, waiver.percent);
      entries.push({
        ...common,
        kind: 'waiver',
        amountFen: -off,
        entryKey: `waiver:${tail}`,
        reasonCode: 'waiver',
        reasonParams: { category: waiver.category ?? '', percent: waiver.percent },
      });
      net -= off;
    }
  }
  return { entries, net };
}

/** A payment as the ledger keeps it: `payment` (−) in the family book, `fee_income` (+) in the fund. */
export async function pay(
  db: Db,
  o: {
    schoolId: string;
    termId: string;
    studentId: string;
    amountFen: number;
    at: string;
    by: string | null;
  },
): Promise<string> {
  const paymentId = newId();
  const common = {
    schoolId: o.schoolId,
    termId: o.termId,
    stream: 'service' as const,
    sourceType: 'payment',
    sourceId: paymentId,
    reasonCode: 'payment',
    reasonParams: { method: 'cash', receiptNo: paymentId.slice(-6) },
  };
  await appendEntries(
    db,
    [
      {
        ...common,
        book: 'family',
        kind: 'payment',
        studentId: o.studentId,
        amountFen: -o.amountFen,
        entryKey: `payment:${paymentId}`,
      },
      {
        ...common,
        book: 'fund',
        kind: 'fee_income',
        amountFen: o.amountFen,
        entryKey: `fee_income:${paymentId}`,
      },
    ],
    o.at,
    o.by,
  );
  return paymentId;
}

/** The term's school days of a month (Monday to Friday, no exceptions), for writing rolls. */
export function weekdaysOfMonth(term: { startsOn: string; endsOn: string }, month: string): string[] {
  return schoolDays(term, [])
    .map((d) => d.date)
    .filter((d) => d.startsWith(month));
}

export type Mark = 'present' | 'late' | 'absent' | 'leave';

/**
 * Roll calls of one temporary class on the given dates, one version each (a higher version is a
 * correction), every member marked by `mark`.
 */
export async function writeRolls(
  db: Db,
  o: {
    schoolId: string;
    tempClassId: string;
    members: readonly string[];
    dates: readonly string[];
    mark: (date: string, studentId: string) => Mark;
    takenBy: string;
    at: string;
    version?: number;
  },
): Promise<void> {
  const calls: DB['roll_calls'][] = [];
  const marks: DB['roll_call_marks'][] = [];
  for (const date of o.dates) {
    const id = newId();
    let present = 0;
    for (const studentId of o.members) {
      const status = o.mark(date, studentId);
      if (status === 'present' || status === 'late') present += 1;
      marks.push({ roll_call_id: id, student_id: studentId, status, leave_request_id: null, note: '' });
    }
    calls.push({
      id,
      school_id: o.schoolId,
      temp_class_id: o.tempClassId,
      date,
      version: o.version ?? 1,
      taken_by: o.takenBy,
      marked_at: o.at,
      saved_at: o.at,
      present_count: present,
      note: '',
    });
  }
  await insertInChunks(db, 'roll_calls', calls);
  await insertInChunks(db, 'roll_call_marks', marks);
}

/** Sums a check compares between runs: per kind, the family book's rows of a term. */
export async function ledgerSums(db: Db, termId: string): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('ledger_entries')
    .select(['kind', 'amount_fen'])
    .where('term_id', '=', termId)
    .execute();
  const sums: Record<string, number> = {};
  for (const r of rows) sums[r.kind] = (sums[r.kind] ?? 0) + Number(r.amount_fen);
  return sums;
}

/**
 * A term ready to settle, at any size (the kill test, the benchmark): the students enrolled in one
 * monthly offering (accepted lines of enrolled applications), billed for the term, in temporary
 * classes of 45 with a roll call on each of `rollDays` where `present(student, day)` says who came.
 */
export async function seedBilledTerm(
  db: Db,
  o: {
    schoolId: string;
    term: { id: string; startsOn: string; endsOn: string };
    sessionId: string;
    offeringId: string;
    studentIds: readonly string[];
    applicantUserId: string;
    takenBy: string;
    rollDays: readonly string[];
    present: (student: number, day: number) => boolean;
    feeFen?: number;
    at: string;
  },
): Promise<void> {
  const classOf = new Map(
    (
      await Promise.all(
        Array.from({ length: Math.ceil(o.studentIds.length / 500) }, (_, i) =>
          db
            .selectFrom('students')
            .select(['id', 'class_id'])
            .where('id', 'in', o.studentIds.slice(i * 500, i * 500 + 500))
            .execute(),
        ),
      )
    )
      .flat()
      .map((r) => [r.id, r.class_id]),
  );
  const apps: DB['applications'][] = [];
  const lines: DB['application_lines'][] = [];
  const entries: NewEntry[] = [];
  const tag = Math.random().toString(36).slice(2, 7).toUpperCase();
  o.studentIds.forEach((studentId, i) => {
    const applicationId = newId();
    apps.push({
      id: applicationId,
      school_id: o.schoolId,
      term_id: o.term.id,
      student_id: studentId,
      class_id: classOf.get(studentId)!,
      applicant_user_id: o.applicantUserId,
      public_ref: `S${tag}${i}`,
      status: 'enrolled',
      conditions: '{}',
      note: '',
      review_note: null,
      submitted_at: o.at,
      created_at: o.at,
      updated_at: o.at,
    });
    lines.push({
      id: newId(),
      application_id: applicationId,
      term_id: o.term.id,
      student_id: studentId,
      offering_id: o.offeringId,
      choice_group: 1,
      choice_rank: 1,
      status: 'accepted',
      waitlist_position: null,
      offer_expires_at: null,
      updated_at: o.at,
    });
    entries.push(
      ...billEntries({
        schoolId: o.schoolId,
        term: o.term,
        studentId,
        offeringId: o.offeringId,
        feeFen: o.feeFen ?? 18_000,
        at: o.at,
        by: null,
      }).entries,
    );
  });
  await insertInChunks(db, 'applications', apps);
  await insertInChunks(db, 'application_lines', lines);
  await appendEntries(db, entries, o.at, null);
  const classes: DB['temp_classes'][] = [];
  for (let i = 0; i < o.studentIds.length; i += 45)
    classes.push({
      id: newId(),
      school_id: o.schoolId,
      term_id: o.term.id,
      session_id: o.sessionId,
      offering_id: o.offeringId,
      kind: 'care',
      name: `看护${classes.length + 1}班`,
      venue_id: null,
      head_teacher_id: null,
      created_at: o.at,
      updated_at: o.at,
    });
  await insertInChunks(db, 'temp_classes', classes);
  for (const [k, cls] of classes.entries()) {
    const members = o.studentIds.slice(k * 45, k * 45 + 45);
    const index = new Map(members.map((s, j) => [s, k * 45 + j]));
    await writeRolls(db, {
      schoolId: o.schoolId,
      tempClassId: cls.id,
      members,
      dates: o.rollDays,
      takenBy: o.takenBy,
      at: o.at,
      mark: (date, s) => (o.present(index.get(s)!, o.rollDays.indexOf(date)) ? 'present' : 'absent'),
    });
  }
}

// ---- the kill -9 test's child process ----
// `KILL_CHILD=1 node child.mjs` (this file bundled): settles the term's months in order through the
// service once the parent writes a line to its stdin, printing "ready" once connected and
// "settled YYYY-MM" after each commit. The parent kills it with SIGKILL at a random moment.

export async function settleChild(env: NodeJS.ProcessEnv): Promise<void> {
  const { connect } = await import('../src/db/connect');
  const { loadConfig } = await import('../src/server/config');
  const { settleMonth } = await import('../src/features/billing/service/settle');
  const database = connect({
    databaseUrl: env.KILL_PG_URL || undefined,
    sqliteFile: env.KILL_SQLITE_FILE || undefined,
    poolSize: 1,
  });
  const now = new Date(env.KILL_NOW!);
  const ctx = {
    db: database.db,
    dialect: database.dialect,
    database,
    config: loadConfig({}),
    now: () => now,
  };
  await database.db.selectFrom('settlements').select('id').limit(1).execute();
  process.stdout.write('ready\n');
  // Started ahead of time by the parent: the work begins when it says "go".
  await new Promise<void>((resolve) => process.stdin.once('data', () => resolve()));
  process.stdin.destroy();
  for (const month of JSON.parse(env.KILL_MONTHS!) as string[]) {
    await settleMonth(
      ctx,
      JSON.parse(env.KILL_ACTOR!),
      { ip: null, locale: 'zh-CN' },
      env.KILL_SCHOOL!,
      env.KILL_TERM!,
      month,
    );
    process.stdout.write(`settled ${month}\n`);
  }
  await database.close();
}

if (process.env.KILL_CHILD === '1') await settleChild(process.env);
