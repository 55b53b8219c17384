// The surveys' test world (SURV-1, SURV-2): the test schools, a term at school A whose football club
// is taught by the class teacher and whose chess club by the care teacher, four families of school
// A, a second parent of family 0 (two parents of one family), a second child of family 1 (per-child
// surveys), and a parent of school B.
import type { Kysely } from 'kysely';
import type { DB } from '../src/db/schema';
import { grantRow, userRow } from '../src/features/people/store';
import { createSession } from '../src/server/auth/sessions';
import { newId } from '../src/server/context';
import type { Harness } from './db-matrix';
import { type Family, seedFamilies } from './families';
import { type Client, seedWorld, signIn, type World } from './fixtures';
import { seedTerm, type TermFixture } from './programme-fixtures';

export interface SurveyWorld {
  w: World;
  term: TermFixture;
  admin: Client;
  adminB: Client;
  teacher: Client;
  care: Client;
  district: Client;
  finance: Client;
  teacherId: string;
  careId: string;
  families: Family[];
  /** The second parent of families[0]: same child, another account. */
  otherParent: Client;
  otherParentId: string;
  /** families[1]'s second child. */
  secondChild: string;
  parentB: Family;
}

function clientOf(h: Harness, token: string, csrf: string): Client {
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

export async function seedSurveyWorld(h: Harness): Promise<SurveyWorld> {
  const db = h.ctx.db as Kysely<DB>;
  const at = h.ctx.now().toISOString();
  const w = await seedWorld(h);
  const term = await seedTerm(h, w);
  const userId = async (username: string) =>
    (await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
  const teacherId = await userId('teacher');
  const careId = await userId('care');
  await db
    .updateTable('offerings')
    .set({ teacher_user_id: teacherId })
    .where('id', '=', term.football)
    .execute();
  await db.updateTable('offerings').set({ teacher_user_id: careId }).where('id', '=', term.chess).execute();
  const families = await seedFamilies(h, w.schoolA, 4, { phonePrefix: '1561' });
  const [parentB] = await seedFamilies(h, w.schoolB, 1, { phonePrefix: '1562' });

  // A second parent of family 0's child.
  const guardianOf = async (studentId: string) =>
    (
      await db
        .selectFrom('student_guardians')
        .select('guardian_id')
        .where('student_id', '=', studentId)
        .executeTakeFirstOrThrow()
    ).guardian_id;
  const other = userRow(
    { username: `father-${newId().slice(-6)}`, phone: '15630000001', displayName: '父亲' },
    at,
  );
  await db.insertInto('users').values(other).execute();
  await db
    .insertInto('role_grants')
    .values(grantRow({ userId: other.id, role: 'parent', districtId: w.districtId, schoolId: w.schoolA }, at))
    .execute();
  const otherGuardian = newId();
  await db
    .insertInto('guardians')
    .values({
      id: otherGuardian,
      school_id: w.schoolA,
      name: '父亲',
      phone: '15630000001',
      user_id: other.id,
      created_at: at,
      updated_at: at,
    })
    .execute();
  await db
    .insertInto('student_guardians')
    .values({
      student_id: families[0]!.studentId,
      guardian_id: otherGuardian,
      relation: '父亲',
      is_primary: 0,
      created_at: at,
    })
    .execute();
  const session = await createSession(db, h.ctx, other.id, { ip: null, userAgent: 'test' });

  // A second child of family 1.
  const klass = await db
    .selectFrom('students')
    .select('class_id')
    .where('id', '=', families[1]!.studentId)
    .executeTakeFirstOrThrow();
  const secondChild = newId();
  await db
    .insertInto('students')
    .values({
      id: secondChild,
      school_id: w.schoolA,
      class_id: klass.class_id,
      student_no: `S2-${secondChild.slice(-6)}`,
      name: '二宝',
      gender: 'F',
      created_at: at,
      updated_at: at,
    })
    .execute();
  await db
    .insertInto('student_guardians')
    .values({
      student_id: secondChild,
      guardian_id: await guardianOf(families[1]!.studentId),
      relation: '母亲',
      is_primary: 1,
      created_at: at,
    })
    .execute();

  return {
    w,
    term,
    admin: await signIn(h, 'admin'),
    adminB: await signIn(h, 'adminB'),
    teacher: await signIn(h, 'teacher'),
    care: await signIn(h, 'care'),
    district: await signIn(h, 'district'),
    finance: await signIn(h, 'finance'),
    teacherId,
    careId,
    families,
    otherParent: clientOf(h, session.token, session.csrfToken),
    otherParentId: other.id,
    secondChild,
    parentB: parentB!,
  };
}
