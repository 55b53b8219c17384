// Many families at once, for the concurrency tests: each a new child in one of the school's classes,
// a parent account, and a signed-in session made straight in the database (signing in hundreds of
// parents through scrypt would only test the password hash).
import type { Kysely } from 'kysely';
import { insertInChunks } from '../src/db/batch';
import type { DB } from '../src/db/schema';
import { grantRow, userRow } from '../src/features/people/store';
import { createSession } from '../src/server/auth/sessions';
import { type AppContext, newId } from '../src/server/context';
import type { Harness } from './db-matrix';
import type { Client } from './fixtures';

export interface NewFamily {
  studentId: string;
  userId: string;
  grade: number;
  /** The session cookie's value and its CSRF token. */
  token: string;
  csrf: string;
}

export interface Family extends Omit<NewFamily, 'token' | 'csrf'> {
  client: Client;
}

export interface FamilyOptions {
  /** A test that seeds families twice gives each call its own phone prefix. */
  phonePrefix?: string;
  /** Every n-th child gets an ENR-4 priority category (left-behind). */
  categoryEvery?: number;
}

/** Writes the families and their sessions; the bench uses this directly. */
export async function createFamilies(
  db: Kysely<DB>,
  ctx: Pick<AppContext, 'now' | 'config'>,
  schoolId: string,
  count: number,
  options: FamilyOptions = {},
): Promise<NewFamily[]> {
  const at = ctx.now().toISOString();
  const school = await db
    .selectFrom('schools')
    .select(['id', 'district_id'])
    .where('id', '=', schoolId)
    .executeTakeFirstOrThrow();
  const classes = await db
    .selectFrom('classes')
    .select(['id', 'grade'])
    .where('school_id', '=', schoolId)
    .orderBy('grade')
    .orderBy('class_no')
    .execute();
  const prefix = options.phonePrefix ?? '1588';
  const tag = Math.random().toString(36).slice(2, 7);
  const users: DB['users'][] = [];
  const grants: DB['role_grants'][] = [];
  const students: DB['students'][] = [];
  const guardians: DB['guardians'][] = [];
  const links: DB['student_guardians'][] = [];
  const categories: DB['student_categories'][] = [];
  const made: Omit<NewFamily, 'token' | 'csrf'>[] = [];
  for (let i = 0; i < count; i++) {
    const klass = classes[i % classes.length]!;
    const user = userRow(
      {
        username: `family-${tag}-${i}`,
        phone: `${prefix}${String(i).padStart(11 - prefix.length, '0')}`,
        displayName: `家长${i}`,
      },
      at,
    );
    users.push(user);
    grants.push(grantRow({ userId: user.id, role: 'parent', districtId: school.district_id, schoolId }, at));
    const studentId = newId();
    students.push({
      id: studentId,
      school_id: schoolId,
      class_id: klass.id,
      student_no: `F${tag}${String(i).padStart(5, '0')}`,
      name: `学生${i}`,
      gender: i % 2 ? 'F' : 'M',
      created_at: at,
      updated_at: at,
    });
    const guardianId = newId();
    guardians.push({
      id: guardianId,
      school_id: schoolId,
      name: `家长${i}`,
      phone: user.phone!,
      user_id: user.id,
      created_at: at,
      updated_at: at,
    });
    links.push({
      student_id: studentId,
      guardian_id: guardianId,
      relation: '母亲',
      is_primary: 1,
      created_at: at,
    });
    if (options.categoryEvery && i % options.categoryEvery === 0)
      categories.push({ student_id: studentId, category: 'left_behind', created_at: at });
    made.push({ studentId, userId: user.id, grade: klass.grade });
  }
  await insertInChunks(db, 'users', users);
  await insertInChunks(db, 'role_grants', grants);
  await insertInChunks(db, 'students', students);
  await insertInChunks(db, 'guardians', guardians);
  await insertInChunks(db, 'student_guardians', links);
  await insertInChunks(db, 'student_categories', categories);
  const families: NewFamily[] = [];
  for (const f of made) {
    const session = await createSession(db, ctx as AppContext, f.userId, { ip: null, userAgent: 'test' });
    families.push({ ...f, token: session.token, csrf: session.csrfToken });
  }
  return families;
}

export async function seedFamilies(
  h: Harness,
  schoolId: string,
  count: number,
  options: FamilyOptions = {},
): Promise<Family[]> {
  const made = await createFamilies(h.ctx.db as Kysely<DB>, h.ctx, schoolId, count, options);
  return made.map(({ token, csrf, ...f }) => ({ ...f, client: clientOf(h, token, csrf) }));
}

/** A signed-in client for a session token and its CSRF token. */
export function clientOf(h: Harness, token: string, csrf: string): Client {
  const cookie = `kehou_session=${token}`;
  return {
    csrf,
    cookie,
    get: (url) => h.app.inject({ method: 'GET', url, headers: { cookie } }),
    send: (method, url, body, headers = {}) =>
      h.app.inject({
        method,
        url,
        headers: { cookie, 'x-csrf-token': csrf, ...headers },
        ...(body === undefined ? {} : { payload: body as object }),
      }),
  };
}
