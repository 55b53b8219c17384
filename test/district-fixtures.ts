// A two-school district for the district dashboard (DIST-1): the billing school A (its term, five
// enrolled students, staff ratio 1:2) plus a term for school B with one enrolled student, and, in
// A's term, the rows every figure reads, written straight to the database with known answers:
//  - roll calls of one afternoon class on three days (a correction on the first), staff attendance
//    (one day met, two short; a later version turning someone absent);
//  - a chess offering at 250 yuan a month (over the 200-yuan cap) among A's four priced offerings;
//  - service charges and payments for three students (two owing 810.00 + 310.00), a meal charge
//    (another stream, not arrears);
//  - incidents: three in the term (two open), one before it (not counted);
//  - published statements of September (versions 1 and 2) and October.
// A second district with its own officer (`officer2`) sees none of it.
import type { Kysely } from 'kysely';
import { addStaff, seedDistrict } from '../src/cli/demo';
import type { DB } from '../src/db/schema';
import { appendEntries } from '../src/features/billing/ledger';
import { hashPassword } from '../src/server/auth/passwords';
import { newId } from '../src/server/context';
import { seedApplications } from './applications-fixture';
import { type BillingSchool, seedBillingSchool } from './billing-fixtures';
import type { Harness } from './db-matrix';
import { password } from './fixtures';
import { seedTerm, type TermFixture } from './programme-fixtures';

export interface DistrictFixture {
  school: BillingSchool;
  termB: TermFixture;
  tempClass: string;
  otherDistrictId: string;
  expected: {
    sessionDays: number;
    metDays: number;
    worstDate: string;
    arrears: { families: number; totalFen: number };
    incidents: { total: number; open: number };
    latestStatement: {
      period: string;
      version: number;
      incomeFen: number;
      expensesFen: number;
      closingFen: number;
    };
  };
}

const statement = (incomeFen: number, expensesFen: number, closingFen: number) =>
  JSON.stringify({
    school: { id: '', name: '' },
    term: {},
    publishedBy: '财务',
    statement: { income: { totalFen: incomeFen }, expenses: { totalFen: expensesFen }, closingFen },
  });

export async function seedDistrictDashboard(h: Harness): Promise<DistrictFixture> {
  const db = h.ctx.db as Kysely<DB>;
  const school = await seedBillingSchool(h, { settings: { staffRatio: 2 } });
  const { world, term } = school;
  const at = h.ctx.now().toISOString();
  const termB = await seedTerm(h, world, { schoolId: world.schoolB });
  await seedApplications(h, {
    schoolId: world.schoolB,
    termId: termB.termId,
    families: [{ studentId: world.studentOfB, userId: school.adminId }],
    choices: () => [{ offeringId: termB.homeworkCare, group: 1, rank: 1 }],
    status: 'enrolled',
    lineStatus: 'accepted',
  });

  // Fees: chess over the care cap (FEE-3).
  await db.updateTable('offerings').set({ fee_fen: 25_000 }).where('id', '=', term.chess).execute();

  // A care class in the afternoon with its roll calls (present counts are what the dashboard reads).
  const tempClass = newId();
  await db
    .insertInto('temp_classes')
    .values({
      id: tempClass,
      school_id: world.schoolA,
      term_id: term.termId,
      session_id: term.afternoonSessionId,
      offering_id: school.homeworkCare,
      kind: 'care',
      name: '看护一班',
      venue_id: null,
      head_teacher_id: null,
      created_at: at,
      updated_at: at,
    })
    .execute();
  const admin = school.adminId;
  const roll = (date: string, version: number, present: number) => ({
    id: newId(),
    school_id: world.schoolA,
    temp_class_id: tempClass,
    date,
    version,
    taken_by: admin,
    marked_at: at,
    saved_at: at,
    present_count: present,
    note: '',
  });
  await db
    .insertInto('roll_calls')
    .values([
      roll('2026-09-01', 1, 4),
      roll('2026-09-01', 2, 5),
      roll('2026-09-02', 1, 3),
      roll('2026-09-03', 1, 4),
      // After the dashboard's date: not counted.
      roll('2026-10-09', 1, 5),
    ])
    .execute();
  const hash = await hashPassword(password);
  const staffIds: string[] = [];
  for (const n of [1, 2, 3]) {
    const id = await addStaff(
      db,
      {
        username: `dcare${n}`,
        displayName: `看护${n}`,
        passwordHash: hash,
        grants: [{ role: 'care_teacher', districtId: world.districtId, schoolId: world.schoolA }],
      },
      at,
    );
    staffIds.push(typeof id === 'string' ? id : (id as { id: string }).id);
  }
  const attend = (date: string, user: number, status: string, version = 1) => ({
    id: newId(),
    school_id: world.schoolA,
    date,
    session_id: term.afternoonSessionId,
    user_id: staffIds[user]!,
    version,
    status,
    minutes_late: status === 'late' ? 5 : 0,
    excused: null,
    reason: '',
    source: 'roster',
    checked_in_at: at,
    recorded_by: admin,
    recorded_at: at,
  });
  await db
    .insertInto('staff_attendance')
    .values([
      // 09-01: 5 children need 3 at 1:2; 3 there (one late) → met.
      attend('2026-09-01', 0, 'on_time'),
      attend('2026-09-01', 1, 'late'),
      attend('2026-09-01', 2, 'on_time'),
      // 09-02: 3 children need 2; one on time, one absent → short by one.
      attend('2026-09-02', 0, 'on_time'),
      attend('2026-09-02', 1, 'absent'),
      // 09-03: 4 children need 2; two on time, then one corrected to absent → short by one.
      attend('2026-09-03', 0, 'on_time'),
      attend('2026-09-03', 1, 'on_time'),
      attend('2026-09-03', 1, 'absent', 2),
    ])
    .execute();

  // Arrears: plain owes all 810.00, allowance 310.00 of 810.00, poor has paid; a meal charge aside.
  const { plain, allowance, poor } = school.students;
  const entry = (
    studentId: string,
    kind: string,
    amountFen: number,
    stream: 'service' | 'meal' = 'service',
  ) => ({
    schoolId: world.schoolA,
    termId: term.termId,
    book: 'family' as const,
    stream,
    kind: kind as 'charge',
    studentId,
    amountFen,
    sourceType: kind === 'charge' ? 'term_bill' : 'payment',
    sourceId: newId(),
    entryKey: `dash:${kind}:${stream}:${studentId}:${amountFen}`,
    reasonCode: kind,
    reasonParams: {},
  });
  await appendEntries(
    db,
    [
      entry(plain, 'charge', 81_000),
      entry(allowance, 'charge', 81_000),
      entry(allowance, 'payment', -50_000),
      entry(poor, 'charge', 81_000),
      entry(poor, 'payment', -81_000),
      entry(poor, 'charge', 9_000, 'meal'),
    ],
    at,
    admin,
  );

  // Incidents: two open of three in the term, one before the term.
  const incident = (date: string, kind: string, severity: string, status: string) => ({
    id: newId(),
    school_id: world.schoolA,
    temp_class_id: tempClass,
    date,
    occurred_at: at,
    kind,
    severity,
    description: '测试',
    action_taken: '',
    staff_user_id: null,
    status,
    finding: null,
    reported_by: admin,
    reported_at: at,
    guardians_notified: 1,
    updated_at: at,
  });
  await db
    .insertInto('incidents')
    .values([
      incident('2026-09-02', 'injury', 'minor', 'closed'),
      incident('2026-09-03', 'injury', 'minor', 'reported'),
      incident('2026-09-03', 'conflict', 'serious', 'following_up'),
      incident('2026-08-20', 'injury', 'critical', 'reported'),
    ])
    .execute();

  // Published statements: September twice (version 2 newest), October once.
  const published = (period: string, version: number, publishedAt: string, content: string) => ({
    id: newId(),
    school_id: world.schoolA,
    term_id: term.termId,
    period,
    version,
    content,
    published_at: publishedAt,
    published_by: admin,
  });
  await db
    .insertInto('fund_statements')
    .values([
      published('2026-09', 1, '2026-10-03T02:00:00.000Z', statement(100_000, 40_000, 60_000)),
      published('2026-09', 2, '2026-10-04T02:00:00.000Z', statement(100_000, 45_000, 55_000)),
      published('2026-10', 1, '2026-11-03T02:00:00.000Z', statement(120_000, 70_000, 105_000)),
    ])
    .execute();

  const otherDistrictId = await seedDistrict(db, 'D-O', '另一区', at);
  await addStaff(
    db,
    {
      username: 'officer2',
      displayName: '另一区',
      passwordHash: hash,
      grants: [{ role: 'district_officer', districtId: otherDistrictId, schoolId: null }],
    },
    at,
  );

  return {
    school,
    termB,
    tempClass,
    otherDistrictId,
    expected: {
      sessionDays: 3,
      metDays: 1,
      worstDate: '2026-09-03',
      arrears: { families: 2, totalFen: 81_000 + 31_000 },
      incidents: { total: 3, open: 2 },
      latestStatement: {
        period: '2026-10',
        version: 1,
        incomeFen: 120_000,
        expensesFen: 70_000,
        closingFen: 105_000,
      },
    },
  };
}
