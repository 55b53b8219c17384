// The demo district: two schools of about 600 students each (grades 1–6, classes of 40–45),
// guardians with phone numbers, and staff holding every role. Deterministic, so screenshots and
// tests can rely on names. The bench's generator uses the same code at a larger size.
import type { Kysely } from 'kysely';
import { insertInChunks } from '../db/batch';
import type { DB } from '../db/schema';
import { issueSetupCodes } from '../features/accounts/service/index';
import { writeAudit } from '../features/audit/store';
import type { Role, SensitiveCategory } from '../features/people/rules';
import { grantRow, userRow } from '../features/people/store';
import { hashPassword } from '../server/auth/passwords';
import type { AppContext } from '../server/context';
import { newId } from '../server/context';
import { seedDemoAttendance } from './demo-attendance';
import { seedDemoBilling } from './demo-billing';
import { seedDemoDay } from './demo-day';
import { seedDemoDistrict } from './demo-district';
import { seedDemoEnrolment } from './demo-enrolment';
import { seedDemoInstitutions } from './demo-institutions';
import { seedDemoPay } from './demo-pay';
import { demoTerms, seedDemoProgramme } from './demo-programme';
import { seedDemoStaff } from './demo-staff';
import { seedDemoSurveys } from './demo-surveys';

export const demoPassword = 'Kehou2026';

const surnames =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程魏苏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史黎贺顾毛郝龚邵万钱覃武戴孔汤庞'.split(
    '',
  );
const givenChars =
  '子涵欣怡梓轩浩然雨萱一诺宇轩思琪俊杰嘉怡晨曦佳琪博文静怡梓豪紫涵皓轩诗涵明轩雅琪天佑心怡泽宇可馨铭泽若汐景行语桐沐阳安琪瑞霖书瑶'.split(
    '',
  );
const motherSurnames = '李王张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗'.split('');

/** A small deterministic generator (mulberry32), so the demo is the same on every machine. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SchoolPlan {
  code: string;
  name: string;
  classesPerGrade: number[];
  minClassSize: number;
  maxClassSize: number;
  phonePrefix: string;
}

export interface SeededSchool {
  id: string;
  districtId: string;
  code: string;
  classIds: string[][];
  studentCount: number;
  firstFamilyPhone: string;
  secondFamilyPhone: string;
}

export async function seedDistrict(db: Kysely<DB>, districtCode: string, districtName: string, at: string) {
  const id = newId();
  await db
    .insertInto('districts')
    .values({ id, code: districtCode, name: districtName, created_at: at })
    .execute();
  return id;
}

/** Classes, students, guardians (with parent accounts, no password yet) and a few authorised adults. */
export async function seedSchool(
  db: Kysely<DB>,
  districtId: string,
  plan: SchoolPlan,
  at: string,
  seed: number,
) {
  const rand = random(seed);
  const pick = <T>(list: T[]) => list[Math.floor(rand() * list.length)] as T;
  const schoolId = newId();
  await db
    .insertInto('schools')
    .values({
      id: schoolId,
      district_id: districtId,
      code: plan.code,
      name: plan.name,
      timezone: 'Asia/Shanghai',
      created_at: at,
    })
    .execute();

  const classes: DB['classes'][] = [];
  const students: DB['students'][] = [];
  const guardians: DB['guardians'][] = [];
  const links: DB['student_guardians'][] = [];
  const users: DB['users'][] = [];
  const grants: DB['role_grants'][] = [];
  const categories: DB['student_categories'][] = [];
  const adults: DB['authorised_adults'][] = [];
  const classIds: string[][] = [];
  const studentsByClass = new Map<string, string[]>();
  let phoneCounter = 0;
  const newGuardian = (name: string) => {
    phoneCounter++;
    const phone = `${plan.phonePrefix}${String(phoneCounter).padStart(11 - plan.phonePrefix.length, '0')}`;
    const user = userRow({ phone, displayName: name }, at);
    const userId = user.id;
    users.push(user);
    grants.push(grantRow({ userId, role: 'parent', districtId, schoolId }, at));
    const guardian = {
      id: newId(),
      school_id: schoolId,
      name,
      phone,
      user_id: userId,
      created_at: at,
      updated_at: at,
    };
    guardians.push(guardian);
    return guardian;
  };
  const categoryList: SensitiveCategory[] = [
    'migrant_worker_child',
    'single_parent',
    'left_behind',
    'economic_difficulty',
    'registered_poor',
    'subsistence_allowance',
    'disabled',
    'orphan',
  ];
  const entryYear = 2026;

  plan.classesPerGrade.forEach((count, gradeIndex) => {
    const grade = gradeIndex + 1;
    classIds[grade] = [];
    for (let classNo = 1; classNo <= count; classNo++) {
      const classId = newId();
      classIds[grade]!.push(classId);
      classes.push({ id: classId, school_id: schoolId, grade, class_no: classNo, created_at: at });
      const size = plan.minClassSize + Math.floor(rand() * (plan.maxClassSize - plan.minClassSize + 1));
      for (let n = 1; n <= size; n++) {
        const surname = pick(surnames);
        const given = pick(givenChars) + (rand() < 0.8 ? pick(givenChars) : '');
        const studentId = newId();
        studentsByClass.set(classId, [...(studentsByClass.get(classId) ?? []), studentId]);
        students.push({
          id: studentId,
          school_id: schoolId,
          class_id: classId,
          student_no: `${entryYear - grade + 1}${String(classNo).padStart(2, '0')}${String(n).padStart(2, '0')}`,
          name: surname + given,
          gender: rand() < 0.5 ? 'M' : 'F',
          created_at: at,
          updated_at: at,
        });
        // Now and then a younger sibling: same family as a child two grades up.
        const sibling =
          grade >= 3 && n % 17 === 3
            ? studentsByClass.get(classIds[grade - 2]![classNo - 1] ?? '')?.[n - 1]
            : undefined;
        const siblingLinks = sibling ? links.filter((l) => l.student_id === sibling) : [];
        if (siblingLinks.length) {
          for (const l of siblingLinks) links.push({ ...l, student_id: studentId, created_at: at });
        } else {
          const father = newGuardian(`${surname}${pick(givenChars)}${pick(givenChars)}`);
          links.push({
            student_id: studentId,
            guardian_id: father.id,
            relation: '父亲',
            is_primary: 1,
            created_at: at,
          });
          if (rand() < 0.35) {
            const mother = newGuardian(`${pick(motherSurnames)}${pick(givenChars)}${pick(givenChars)}`);
            links.push({
              student_id: studentId,
              guardian_id: mother.id,
              relation: '母亲',
              is_primary: 0,
              created_at: at,
            });
          }
        }
        if (rand() < 0.08)
          categories.push({ student_id: studentId, category: pick(categoryList), created_at: at });
        if (rand() < 0.1) {
          adults.push({
            id: newId(),
            school_id: schoolId,
            student_id: studentId,
            name: `${surname}${pick(givenChars)}${pick(givenChars)}`,
            relation: rand() < 0.5 ? '爷爷' : '奶奶',
            phone: null,
            revoked_at: null,
            created_by: users[0]!.id,
            created_at: at,
          });
        }
      }
    }
  });

  await insertInChunks(db, 'classes', classes);
  await insertInChunks(db, 'users', users);
  await insertInChunks(db, 'role_grants', grants);
  await insertInChunks(db, 'students', students);
  await insertInChunks(db, 'guardians', guardians);
  await insertInChunks(db, 'student_guardians', links);
  await insertInChunks(db, 'student_categories', categories);
  // DAY-4: the guardians themselves head each child's list of adults who may collect; a tenth of
  // the families add a grandparent (above).
  const guardianById = new Map(guardians.map((g) => [g.id, g]));
  const familyAdults = links.map((l) => {
    const g = guardianById.get(l.guardian_id)!;
    return {
      id: newId(),
      school_id: schoolId,
      student_id: l.student_id,
      name: g.name,
      relation: l.relation,
      phone: g.phone,
      revoked_at: null,
      created_by: users[0]!.id,
      created_at: at,
    };
  });
  await insertInChunks(db, 'authorised_adults', [...familyAdults, ...adults]);
  // The third child of class 1-1 has a sibling in class 3-1: the demo parent with two children.
  const firstStudent = students[2]!;
  const familyOfFirst = links.find((l) => l.student_id === firstStudent.id)!;
  const secondStudent = students[0]!;
  const familyOfSecond = links.find((l) => l.student_id === secondStudent.id)!;
  return {
    id: schoolId,
    districtId,
    code: plan.code,
    classIds,
    studentCount: students.length,
    firstFamilyPhone: guardians.find((g) => g.id === familyOfFirst.guardian_id)!.phone,
    secondFamilyPhone: guardians.find((g) => g.id === familyOfSecond.guardian_id)!.phone,
  } satisfies SeededSchool;
}

export async function addStaff(
  db: Kysely<DB>,
  input: {
    username: string;
    displayName: string;
    phone?: string;
    passwordHash: string | null;
    grants: { role: Role; districtId: string; schoolId: string | null; classId?: string }[];
  },
  at: string,
) {
  const user = userRow(input, at);
  await db.insertInto('users').values(user).execute();
  await insertInChunks(
    db,
    'role_grants',
    input.grants.map((g) => grantRow({ ...g, userId: user.id }, at)),
  );
  return user.id;
}

export interface DemoLogin {
  role: string;
  account: string;
  password: string;
  note?: string;
}

/** Loads the demo district into an empty database; returns the logins, or null if there was data already. */
export async function loadDemoIfEmpty(ctx: AppContext): Promise<DemoLogin[] | null> {
  const existing = await ctx.db.selectFrom('districts').select('id').limit(1).executeTakeFirst();
  if (existing) return null;
  return loadDemo(ctx);
}

export async function loadDemo(ctx: AppContext): Promise<DemoLogin[]> {
  const at = ctx.now().toISOString();
  const hash = () => hashPassword(demoPassword);
  const result = await ctx.db.transaction().execute(async (trx) => {
    const db = trx as unknown as Kysely<DB>;
    const districtId = await seedDistrict(db, 'D-HX', '华溪区教育和体育局', at);
    const a = await seedSchool(
      db,
      districtId,
      {
        code: 'HX-SY',
        name: '华溪区实验小学',
        classesPerGrade: [3, 3, 2, 2, 2, 2],
        minClassSize: 40,
        maxClassSize: 45,
        phonePrefix: '1390',
      },
      at,
      1,
    );
    const b = await seedSchool(
      db,
      districtId,
      {
        code: 'HX-HP',
        name: '华溪区和平路小学',
        classesPerGrade: [2, 3, 3, 2, 2, 2],
        minClassSize: 40,
        maxClassSize: 45,
        phonePrefix: '1391',
      },
      at,
      2,
    );
    const staff: [string, string, Role, string | null, string?][] = [
      ['district', '区教体局 周科长', 'district_officer', null],
      ['admin', '实验小学 陈校长', 'school_admin', a.id],
      ['finance', '实验小学 财务 刘会计', 'finance', a.id],
      ['care', '实验小学 看护 孙老师', 'care_teacher', a.id],
      ['guard', '实验小学 门卫 老赵', 'guard', a.id],
      ['coach', '外聘 围棋教练 吴老师', 'outside_staff', a.id],
      ['admin2', '和平路小学 林校长', 'school_admin', b.id],
      ['finance2', '和平路小学 财务 何会计', 'finance', b.id],
    ];
    const staffIds = new Map<string, { userId: string; displayName: string }>();
    for (const [username, displayName, role, schoolId] of staff) {
      const userId = await addStaff(
        db,
        { username, displayName, passwordHash: await hash(), grants: [{ role, districtId, schoolId }] },
        at,
      );
      staffIds.set(username, { userId, displayName });
    }
    // One person, several roles in two schools: class teacher of 1-1 and care teacher at the
    // experimental school, and class teacher of 2-1 at Heping Road.
    await addStaff(
      db,
      {
        username: 'teacher',
        displayName: '王老师',
        passwordHash: await hash(),
        grants: [
          { role: 'class_teacher', districtId, schoolId: a.id, classId: a.classIds[1]![0]! },
          { role: 'care_teacher', districtId, schoolId: a.id },
          { role: 'class_teacher', districtId, schoolId: b.id, classId: b.classIds[2]![0]! },
        ],
      },
      at,
    );
    // Issue 4: the teachers who staff the temporary classes and the duty roster.
    const staffHash = await hash();
    const teacherId = await db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'teacher')
      .executeTakeFirstOrThrow();
    await seedDemoStaff(
      db,
      {
        districtId,
        schoolId: a.id,
        label: '实验小学',
        prefix: 'sy',
        phonePrefix: '1770',
        teachers: 44,
        passwordHash: staffHash,
        existing: [
          { userId: staffIds.get('care')!.userId, subject: '语文' },
          { userId: teacherId.id, subject: '数学' },
        ],
      },
      at,
    );
    await seedDemoStaff(
      db,
      {
        districtId,
        schoolId: b.id,
        label: '和平路小学',
        prefix: 'hp',
        phonePrefix: '1771',
        teachers: 44,
        passwordHash: staffHash,
        existing: [],
      },
      at,
    );
    // The first family of class 1-1 has set its password; the second has not (it gets a code below).
    await db
      .updateTable('users')
      .set({ password_hash: await hash() })
      .where('phone', '=', a.firstFamilyPhone)
      .execute();
    // Issue 3 and 4: each school's term in progress (enrolled below, after this transaction, by
    // the real draw) and the next term, its window open now, with a published notice.
    const terms = demoTerms(at);
    const schools = [
      {
        id: a.id,
        name: '华溪区实验小学',
        studentCount: a.studentCount,
        adminUserId: staffIds.get('admin')!.userId,
        teachers: { 作业辅导看护: staffIds.get('care')!, 围棋社团: staffIds.get('coach')! },
      },
      {
        id: b.id,
        name: '华溪区和平路小学',
        studentCount: b.studentCount,
        adminUserId: staffIds.get('admin2')!.userId,
      },
    ];
    const runningTerms: string[] = [];
    for (const school of schools) {
      runningTerms.push(await seedDemoProgramme(db, school, at, terms.running));
      await seedDemoProgramme(db, school, at, terms.next);
    }
    await writeAudit(db, {
      districtId,
      schoolId: null,
      actorUserId: null,
      action: 'demo.load',
      entity: 'district',
      entityId: districtId,
      at,
      ip: null,
    });
    return { districtId, a, b, runningTerms, admins: schools.map((x) => x.adminUserId) };
  });
  // The running terms' enrolment goes through the draw service, which opens its own transactions.
  // The demo family's children, the first by student number (the one the walkthroughs follow).
  const firstFamily = await ctx.db
    .selectFrom('guardians as g')
    .innerJoin('student_guardians as sg', 'sg.guardian_id', 'g.id')
    .innerJoin('students as s', 's.id', 'sg.student_id')
    .select('sg.student_id')
    .where('g.phone', '=', result.a.firstFamilyPhone)
    .orderBy('s.student_no')
    .execute();
  for (const [i, school] of [result.a, result.b].entries())
    await seedDemoEnrolment(
      ctx,
      {
        id: school.id,
        code: school.code,
        adminUserId: result.admins[i]!,
        alwaysStudentIds: i === 0 ? firstFamily.map((f) => f.student_id) : [],
      },
      result.runningTerms[i]!,
    );
  // Issue 4: temporary classes, head teachers and the published duty roster of the running terms.
  // The demo's care teacher (孙老师) heads the homework-care class of the demo family's first child.
  const care = await ctx.db
    .selectFrom('users')
    .select('id')
    .where('username', '=', 'care')
    .executeTakeFirstOrThrow();
  for (const [i, school] of [result.a, result.b].entries())
    await seedDemoDay(ctx, {
      id: school.id,
      termId: result.runningTerms[i]!,
      adminUserId: result.admins[i]!,
      namedHead:
        i === 0 && firstFamily[0] ? { userId: care.id, studentId: firstFamily[0].student_id } : undefined,
    });
  // Issue 5: the running term's roll calls so far, so finance can settle its past months.
  for (const [i, school] of [result.a, result.b].entries())
    await seedDemoAttendance(ctx, {
      id: school.id,
      termId: result.runningTerms[i]!,
      timeZone: 'Asia/Shanghai',
      adminUserId: result.admins[i]!,
      steadyStudentId: i === 0 ? firstFamily[0]?.student_id : undefined,
    });
  // Issue 5: bills, payments, the settled months, the subsidy, expenses and a published statement.
  for (const [i, school] of [result.a, result.b].entries()) {
    const finance = await ctx.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', i === 0 ? 'finance' : 'finance2')
      .executeTakeFirstOrThrow();
    await seedDemoBilling(ctx, {
      id: school.id,
      code: school.code,
      termId: result.runningTerms[i]!,
      financeUserId: finance.id,
      unpaidStudentIds: i === 0 ? firstFamily.map((f) => f.student_id) : [],
    });
  }
  // Issue 6 (DIST-2): the district's outside institutions, one booked by 实验小学 and complained about.
  await seedDemoInstitutions(ctx, {
    districtId: result.districtId,
    schoolId: result.a.id,
    termId: result.runningTerms[0]!,
    adminUserId: result.admins[0]!,
  });
  // Issue 6: the running term's staff check-ins and activity records, for teacher pay (PAY-3…5);
  // before the dashboard's seeder, which fills only the session-days left without check-ins.
  for (const [i, school] of [result.a, result.b].entries())
    await seedDemoPay(ctx, {
      id: school.id,
      termId: result.runningTerms[i]!,
      timeZone: 'Asia/Shanghai',
      adminUserId: result.admins[i]!,
      careUserId: i === 0 ? care.id : undefined,
    });
  // Issue 6 (DIST-1): staff attendance and incidents, so every figure of the district dashboard shows.
  for (const [i, school] of [result.a, result.b].entries())
    await seedDemoDistrict(ctx, {
      id: school.id,
      termId: result.runningTerms[i]!,
      adminUserId: result.admins[i]!,
    });
  // Issue 6: a closed demand survey and an open satisfaction survey of the running terms (SURV-1,
  // SURV-2); the demo family has not answered the satisfaction survey (the walkthrough does).
  for (const [i, school] of [result.a, result.b].entries())
    await seedDemoSurveys(ctx, {
      id: school.id,
      termId: result.runningTerms[i]!,
      adminUserId: result.admins[i]!,
      excludeStudentIds: i === 0 ? firstFamily.map((f) => f.student_id) : [],
    });
  const admin = await ctx.db
    .selectFrom('users')
    .select('id')
    .where('username', '=', 'admin')
    .executeTakeFirstOrThrow();
  const grants = await ctx.db
    .selectFrom('role_grants')
    .select(['role', 'district_id', 'school_id', 'class_id'])
    .where('user_id', '=', admin.id)
    .execute();
  const second = await ctx.db
    .selectFrom('users')
    .select('id')
    .where('phone', '=', result.a.secondFamilyPhone)
    .executeTakeFirstOrThrow();
  const slips = await issueSetupCodes(
    ctx,
    {
      userId: admin.id,
      displayName: 'admin',
      locale: 'zh-CN',
      grants: grants.map((g) => ({
        role: g.role as Role,
        districtId: g.district_id,
        schoolId: g.school_id,
        classId: g.class_id,
      })),
    },
    { ip: null, locale: 'zh-CN' },
    result.a.id,
    { userId: second.id },
  );
  return [
    { role: 'district officer 区教体局', account: 'district', password: demoPassword },
    { role: 'school admin 校长 (实验小学)', account: 'admin', password: demoPassword },
    { role: 'finance 财务', account: 'finance', password: demoPassword },
    {
      role: 'class+care teacher 班主任',
      account: 'teacher',
      password: demoPassword,
      note: '(一年级1班; also at 和平路小学)',
    },
    { role: 'care teacher 看护教师', account: 'care', password: demoPassword },
    { role: 'guard 门卫', account: 'guard', password: demoPassword },
    { role: 'outside staff 外聘', account: 'coach', password: demoPassword },
    { role: 'school admin 校长 (和平路小学)', account: 'admin2', password: demoPassword },
    { role: 'parent 家长', account: result.a.firstFamilyPhone, password: demoPassword },
    {
      role: 'parent, first sign-in 首次登录',
      account: result.a.secondFamilyPhone,
      password: `code ${slips.items[0]!.code}`,
      note: '(use 首次登录 with this code)',
    },
  ];
}
