// Kysely queries for people. No decisions here: callers pass the scope the policy gave them.
import { type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import { containsText, type DialectName, toNumber } from '../../db/dialect';
import type { DB } from '../../db/schema';
import type { Scope } from '../../server/auth/policies';
import { type Executor, newId } from '../../server/context';
import type { Role } from './rules';

export async function findSchool(db: Executor, schoolId: string) {
  return db
    .selectFrom('schools')
    .select(['id', 'district_id as districtId', 'code', 'name', 'timezone'])
    .where('id', '=', schoolId)
    .executeTakeFirst();
}

export async function findSchoolByCode(db: Executor, code: string) {
  return db
    .selectFrom('schools')
    .select(['id', 'district_id as districtId', 'code', 'name', 'timezone'])
    .where('code', '=', code)
    .executeTakeFirst();
}

export async function listSchoolsByIds(db: Executor, ids: string[], districtIds: string[]) {
  if (ids.length === 0 && districtIds.length === 0) return [];
  return db
    .selectFrom('schools')
    .innerJoin('districts', 'districts.id', 'schools.district_id')
    .select([
      'schools.id',
      'schools.code',
      'schools.name',
      'schools.district_id as districtId',
      'districts.name as districtName',
    ])
    .where((eb) =>
      eb.or([
        ...(ids.length ? [eb('schools.id', 'in', ids)] : []),
        ...(districtIds.length ? [eb('schools.district_id', 'in', districtIds)] : []),
      ]),
    )
    .orderBy('schools.code')
    .execute();
}

/** The students a parent account is a guardian of, as a subquery (a family's reach). */
export function childrenOfAccount(db: Executor, userId: string) {
  return db
    .selectFrom('student_guardians as sg')
    .innerJoin('guardians as g', 'g.id', 'sg.guardian_id')
    .select('sg.student_id')
    .where('g.user_id', '=', userId);
}

/** Restricts a query over `students` to what a scope reaches. */
function studentInScope(scope: Scope) {
  return (eb: ExpressionBuilder<DB, 'students'>) => {
    if (scope.all) return sql<SqlBool>`1 = 1`;
    const parts = [];
    if (scope.classIds.length) parts.push(eb('students.class_id', 'in', scope.classIds));
    if (scope.familyOf) {
      parts.push(
        eb(
          'students.id',
          'in',
          eb
            .selectFrom('student_guardians')
            .innerJoin('guardians', 'guardians.id', 'student_guardians.guardian_id')
            .select('student_guardians.student_id')
            .where('guardians.user_id', '=', scope.familyOf),
        ),
      );
    }
    return parts.length ? eb.or(parts) : sql<SqlBool>`1 = 0`;
  };
}

export async function listClasses(db: Executor, schoolId: string, scope: Scope) {
  let q = db
    .selectFrom('classes')
    .leftJoin('students', 'students.class_id', 'classes.id')
    .select((eb) => [
      'classes.id',
      'classes.grade',
      'classes.class_no as classNo',
      eb.fn.count('students.id').as('size'),
    ])
    .where('classes.school_id', '=', schoolId)
    .groupBy(['classes.id', 'classes.grade', 'classes.class_no'])
    .orderBy('classes.grade')
    .orderBy('classes.class_no');
  if (!scope.all) {
    if (scope.classIds.length === 0) return [];
    q = q.where('classes.id', 'in', scope.classIds);
  }
  const rows = await q.execute();
  return rows.map((r) => ({ ...r, size: toNumber(r.size) }));
}

export async function findClass(db: Executor, schoolId: string, grade: number, classNo: number) {
  return db
    .selectFrom('classes')
    .select(['id', 'grade', 'class_no as classNo'])
    .where('school_id', '=', schoolId)
    .where('grade', '=', grade)
    .where('class_no', '=', classNo)
    .executeTakeFirst();
}

export async function findClassById(db: Executor, schoolId: string, classId: string) {
  return db
    .selectFrom('classes')
    .select(['id', 'grade', 'class_no as classNo'])
    .where('school_id', '=', schoolId)
    .where('id', '=', classId)
    .executeTakeFirst();
}

export async function allClasses(db: Executor, schoolId: string) {
  return db
    .selectFrom('classes')
    .select(['id', 'grade', 'class_no as classNo'])
    .where('school_id', '=', schoolId)
    .execute();
}

export interface StudentFilter {
  grade?: number | undefined;
  classId?: string | undefined;
  q?: string | undefined;
  offset: number;
  limit: number;
}

export async function listStudents(
  db: Executor,
  dialect: DialectName,
  schoolId: string,
  scope: Scope,
  filter: StudentFilter,
) {
  let base = db
    .selectFrom('students')
    .innerJoin('classes', 'classes.id', 'students.class_id')
    .where('students.school_id', '=', schoolId)
    .where(studentInScope(scope));
  if (filter.grade) base = base.where('classes.grade', '=', filter.grade);
  if (filter.classId) base = base.where('students.class_id', '=', filter.classId);
  if (filter.q) {
    const text = filter.q;
    base = base.where((eb) =>
      eb.or([
        containsText(dialect, 'students.name', text),
        containsText(dialect, 'students.student_no', text),
      ]),
    );
  }
  const rows = await base
    .select([
      'students.id',
      'students.student_no as studentNo',
      'students.name',
      'students.gender',
      'students.class_id as classId',
      'classes.grade',
      'classes.class_no as classNo',
    ])
    .orderBy('classes.grade')
    .orderBy('classes.class_no')
    .orderBy('students.student_no')
    .offset(filter.offset)
    .limit(filter.limit + 1)
    .execute();
  // One row more than asked tells whether a next page exists. The total needs a count only then,
  // or when a page past the end comes back empty.
  const more = rows.length > filter.limit;
  const items = more ? rows.slice(0, filter.limit) : rows;
  let total = filter.offset + items.length;
  if (more || (filter.offset > 0 && items.length === 0)) {
    const row = await base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    total = toNumber(row.n as number | string);
  }
  return { items, total };
}

export async function findStudent(db: Executor, schoolId: string, studentId: string, scope: Scope) {
  return db
    .selectFrom('students')
    .innerJoin('classes', 'classes.id', 'students.class_id')
    .select([
      'students.id',
      'students.student_no as studentNo',
      'students.name',
      'students.gender',
      'students.class_id as classId',
      'classes.grade',
      'classes.class_no as classNo',
      'students.created_at as createdAt',
      'students.updated_at as updatedAt',
    ])
    .where('students.school_id', '=', schoolId)
    .where('students.id', '=', studentId)
    .where(studentInScope(scope))
    .executeTakeFirst();
}

export async function findStudentByNo(db: Executor, schoolId: string, studentNo: string) {
  return db
    .selectFrom('students')
    .select(['id', 'student_no as studentNo'])
    .where('school_id', '=', schoolId)
    .where('student_no', '=', studentNo)
    .executeTakeFirst();
}

export async function categoriesOf(db: Executor, studentIds: string[]) {
  if (studentIds.length === 0) return new Map<string, string[]>();
  const rows = await db
    .selectFrom('student_categories')
    .select(['student_id', 'category'])
    .where('student_id', 'in', studentIds)
    .orderBy('category')
    .execute();
  const map = new Map<string, string[]>();
  for (const r of rows) map.set(r.student_id, [...(map.get(r.student_id) ?? []), r.category]);
  return map;
}

export async function guardiansOf(db: Executor, studentIds: string[]) {
  if (studentIds.length === 0) return [];
  return db
    .selectFrom('student_guardians')
    .innerJoin('guardians', 'guardians.id', 'student_guardians.guardian_id')
    .select([
      'student_guardians.student_id as studentId',
      'guardians.id',
      'guardians.name',
      'guardians.phone',
      'guardians.user_id as userId',
      'student_guardians.relation',
      'student_guardians.is_primary as isPrimary',
    ])
    .where('student_guardians.student_id', 'in', studentIds)
    .orderBy('student_guardians.is_primary', 'desc')
    .orderBy('guardians.name')
    .execute();
}

export async function adultsOf(db: Executor, studentId: string) {
  return db
    .selectFrom('authorised_adults')
    .select(['id', 'name', 'relation', 'phone', 'revoked_at as revokedAt', 'created_at as createdAt'])
    .where('student_id', '=', studentId)
    .orderBy('created_at')
    .execute();
}

export async function findGuardianByPhone(db: Executor, schoolId: string, phone: string) {
  return db
    .selectFrom('guardians')
    .selectAll()
    .where('school_id', '=', schoolId)
    .where('phone', '=', phone)
    .executeTakeFirst();
}

/** A new account row: no password until one is set (first sign-in code or `create-admin`). */
export function userRow(
  input: {
    id?: string;
    username?: string | null;
    phone?: string | null;
    displayName: string;
    passwordHash?: string | null;
  },
  at: string,
): DB['users'] {
  return {
    id: input.id ?? newId(),
    // Usernames are compared in lower case everywhere (sign-in lowers what is typed).
    username: input.username?.toLowerCase() ?? null,
    phone: input.phone ?? null,
    display_name: input.displayName,
    password_hash: input.passwordHash ?? null,
    locale: 'zh-CN',
    disabled: 0,
    created_at: at,
    updated_at: at,
  };
}

export function grantRow(
  input: { userId: string; role: Role; districtId: string; schoolId: string | null; classId?: string | null },
  at: string,
): DB['role_grants'] {
  return {
    id: newId(),
    user_id: input.userId,
    role: input.role,
    district_id: input.districtId,
    school_id: input.schoolId,
    class_id: input.classId ?? null,
    created_at: at,
  };
}

/** The accounts among `userIds` holding a role outside this school (another school, or the district). */
export async function heldElsewhere(db: Executor, userIds: string[], schoolId: string): Promise<string[]> {
  const found = new Set<string>();
  for (let i = 0; i < userIds.length; i += 500) {
    const rows = await db
      .selectFrom('role_grants')
      .select('user_id')
      .where('user_id', 'in', userIds.slice(i, i + 500))
      .where((eb) => eb.or([eb('school_id', 'is', null), eb('school_id', '!=', schoolId)]))
      .execute();
    for (const r of rows) found.add(r.user_id);
  }
  return [...found];
}
