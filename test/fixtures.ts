// A small school world for integration tests: two schools of one district, a few classes and
// students, and one account per role. Logins all use the same password.
import type { Kysely } from 'kysely';
import { addStaff, seedDistrict, seedSchool } from '../src/cli/demo';
import type { DB } from '../src/db/schema';
import { hashPassword } from '../src/server/auth/passwords';
import type { Harness } from './db-matrix';

export const password = 'Passw0rd1';

export interface World {
  districtId: string;
  schoolA: string;
  schoolB: string;
  classA11: string;
  classA12: string;
  classA21: string;
  classB11: string;
  /** A student of class 1-1 at school A whose family is `parentPhone`. */
  childOfParent: string;
  /** A student of class 1-2 at school A: not the parent's, not the class teacher's. */
  otherChild: string;
  studentOfB: string;
  parentPhone: string;
}

export async function seedWorld(h: Harness): Promise<World> {
  const db = h.ctx.db as Kysely<DB>;
  const at = h.ctx.now().toISOString();
  const hash = await hashPassword(password);
  const districtId = await seedDistrict(db, 'D-T', '测试区教育局', at);
  const a = await seedSchool(
    db,
    districtId,
    {
      code: 'T-A',
      name: '测试一小',
      classesPerGrade: [2, 1],
      minClassSize: 5,
      maxClassSize: 6,
      phonePrefix: '1370',
    },
    at,
    7,
  );
  const b = await seedSchool(
    db,
    districtId,
    {
      code: 'T-B',
      name: '测试二小',
      classesPerGrade: [1],
      minClassSize: 4,
      maxClassSize: 4,
      phonePrefix: '1371',
    },
    at,
    8,
  );
  const [classA11, classA12] = a.classIds[1]!;
  const classA21 = a.classIds[2]![0]!;
  const classB11 = b.classIds[1]![0]!;
  const staff: [string, Parameters<typeof addStaff>[1]['grants']][] = [
    ['district', [{ role: 'district_officer', districtId, schoolId: null }]],
    ['admin', [{ role: 'school_admin', districtId, schoolId: a.id }]],
    ['admin2', [{ role: 'school_admin', districtId, schoolId: a.id }]],
    ['finance', [{ role: 'finance', districtId, schoolId: a.id }]],
    ['teacher', [{ role: 'class_teacher', districtId, schoolId: a.id, classId: classA11! }]],
    ['care', [{ role: 'care_teacher', districtId, schoolId: a.id }]],
    ['guard', [{ role: 'guard', districtId, schoolId: a.id }]],
    ['adminB', [{ role: 'school_admin', districtId, schoolId: b.id }]],
  ];
  for (const [username, grants] of staff) {
    await addStaff(db, { username, displayName: `${username} 老师`, passwordHash: hash, grants }, at);
  }
  const students = await db
    .selectFrom('students')
    .innerJoin('student_guardians', 'student_guardians.student_id', 'students.id')
    .innerJoin('guardians', 'guardians.id', 'student_guardians.guardian_id')
    .select(['students.id', 'students.class_id', 'students.school_id', 'guardians.phone'])
    .orderBy('students.student_no')
    .execute();
  const child = students.find((s) => s.class_id === classA11)!;
  await db.updateTable('users').set({ password_hash: hash }).where('phone', '=', child.phone).execute();
  return {
    districtId,
    schoolA: a.id,
    schoolB: b.id,
    classA11: classA11!,
    classA12: classA12!,
    classA21,
    classB11,
    childOfParent: child.id,
    otherChild: students.find((s) => s.class_id === classA12)!.id,
    studentOfB: students.find((s) => s.school_id === b.id)!.id,
    parentPhone: child.phone,
  };
}

export interface Client {
  csrf: string;
  cookie: string;
  get(url: string): Promise<Awaited<ReturnType<Harness['app']['inject']>>>;
  send(
    method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<Awaited<ReturnType<Harness['app']['inject']>>>;
}

/** Signs in through the HTTP layer and returns a client carrying the session cookie and CSRF token. */
export async function signIn(
  h: Harness,
  account: string,
  pass = password,
  headers: Record<string, string> = {},
): Promise<Client> {
  const res = await h.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    headers: { 'x-csrf-token': 'login', ...headers },
    payload: { account, password: pass },
  });
  if (res.statusCode !== 200) throw new Error(`login ${account} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'kehou_session')!;
  const csrf = res.json().csrfToken as string;
  const cookieHeader = `kehou_session=${cookie.value}`;
  return {
    csrf,
    cookie: cookieHeader,
    get: (url) => h.app.inject({ method: 'GET', url, headers: { cookie: cookieHeader, ...headers } }),
    send: (method, url, body, extra = {}) =>
      h.app.inject({
        method,
        url,
        headers: { cookie: cookieHeader, 'x-csrf-token': csrf, ...headers, ...extra },
        ...(body === undefined ? {} : { payload: body as object }),
      }),
  };
}
