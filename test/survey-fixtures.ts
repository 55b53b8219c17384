// The surveys' test world (SURV-1, SURV-2): the test schools, a term at school A whose football club
// is taught by the class teacher and whose chess club by the care teacher, four families of school
// A, a second parent of family 0 (two parents of one family), a second child of family 1 (per-child
// surveys) to whom only its father is also linked, and a parent of school B. Families 0–2 are enrolled in the term and grouped (see below).
import type { Kysely } from 'kysely';
import type { DB } from '../src/db/schema';
import { grantRow, userRow } from '../src/features/people/store';
import { createSession } from '../src/server/auth/sessions';
import { newId } from '../src/server/context';
import type { Harness } from './db-matrix';
import { clientOf, type Family, seedFamilies } from './families';
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
  /** families[1]'s father, linked to the second child only. */
  siblingFather: Client;
  siblingFatherId: string;
  /** families[1]'s second child. */
  secondChild: string;
  parentB: Family;
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

  // Another parent account linked to some children (a guardian of their own).
  const addParent = async (name: string, phone: string, studentIds: string[]) => {
    const user = userRow({ username: `parent-${newId().slice(-6)}`, phone, displayName: name }, at);
    await db.insertInto('users').values(user).execute();
    await db
      .insertInto('role_grants')
      .values(
        grantRow({ userId: user.id, role: 'parent', districtId: w.districtId, schoolId: w.schoolA }, at),
      )
      .execute();
    const guardianId = newId();
    await db
      .insertInto('guardians')
      .values({
        id: guardianId,
        school_id: w.schoolA,
        name,
        phone,
        user_id: user.id,
        created_at: at,
        updated_at: at,
      })
      .execute();
    for (const studentId of studentIds)
      await db
        .insertInto('student_guardians')
        .values({
          student_id: studentId,
          guardian_id: guardianId,
          relation: name,
          is_primary: 0,
          created_at: at,
        })
        .execute();
    const session = await createSession(db, h.ctx, user.id, { ip: null, userAgent: 'test' });
    return { userId: user.id, client: clientOf(h, session.token, session.csrfToken) };
  };
  // A second parent of family 0's child.
  const other = await addParent('父亲', '15630000001', [families[0]!.studentId]);

  // A second child of family 1.
  const guardianOf = async (studentId: string) =>
    (
      await db
        .selectFrom('student_guardians')
        .select('guardian_id')
        .where('student_id', '=', studentId)
        .executeTakeFirstOrThrow()
    ).guardian_id;
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

  // The term's groups (SURV-2 → PAY-7: a family rates only its children's teachers). Families 0, 1
  // (both children) and 2 are enrolled; family 3 is not. The football class (taught by the teacher)
  // has families 0, 1 and 2; the care class (no head teacher) has families 0 and 1, and the
  // published duty roster puts the care teacher on it. So family 2 may rate the teacher only.
  const admin = await userId('admin');
  const enrolled = [families[0]!, families[1]!, families[2]!].map((x) => x.studentId).concat(secondChild);
  await db
    .insertInto('applications')
    .values(
      await Promise.all(
        enrolled.map(async (studentId, i) => ({
          id: newId(),
          school_id: w.schoolA,
          term_id: term.termId,
          student_id: studentId,
          class_id: (
            await db
              .selectFrom('students')
              .select('class_id')
              .where('id', '=', studentId)
              .executeTakeFirstOrThrow()
          ).class_id,
          applicant_user_id: admin,
          public_ref: `SV-${i}-${newId().slice(-6)}`,
          status: 'enrolled',
          conditions: '{}',
          note: '',
          review_note: null,
          submitted_at: at,
          created_at: at,
          updated_at: at,
        })),
      ),
    )
    .execute();
  const tempClass = (name: string, offeringId: string, kind: string) => ({
    id: newId(),
    school_id: w.schoolA,
    term_id: term.termId,
    session_id: term.afternoonSessionId,
    offering_id: offeringId,
    kind,
    name,
    venue_id: null,
    head_teacher_id: null,
    created_at: at,
    updated_at: at,
  });
  const careClass = tempClass('看护一班', term.homeworkCare, 'care');
  const footballClass = tempClass('足球一班', term.football, 'interest');
  await db.insertInto('temp_classes').values([careClass, footballClass]).execute();
  const member = (tempClassId: string, offeringId: string, studentId: string) => ({
    id: newId(),
    temp_class_id: tempClassId,
    offering_id: offeringId,
    student_id: studentId,
    seat_no: null,
    joined_at: at,
    left_at: null,
    changed_by: null,
  });
  await db
    .insertInto('temp_class_members')
    .values([
      ...[families[0]!, families[1]!].map((x) => member(careClass.id, term.homeworkCare, x.studentId)),
      ...[families[0]!, families[1]!, families[2]!].map((x) =>
        member(footballClass.id, term.football, x.studentId),
      ),
    ])
    .execute();
  const rosterId = newId();
  await db
    .insertInto('duty_rosters')
    .values({
      id: rosterId,
      school_id: w.schoolA,
      term_id: term.termId,
      version: 1,
      status: 'published',
      unfilled: '[]',
      generated_by: admin,
      generated_at: at,
      published_at: at,
    })
    .execute();
  await db
    .insertInto('duty_assignments')
    .values({
      id: newId(),
      roster_id: rosterId,
      school_id: w.schoolA,
      date: at.slice(0, 10),
      session_id: term.afternoonSessionId,
      temp_class_id: careClass.id,
      role: 'care',
      user_id: careId,
      outside_staff_id: null,
      created_at: at,
    })
    .execute();

  // Family 1's father, linked to the second child only (the mother is linked to both).
  const father = await addParent('父亲', '15630000003', [secondChild]);

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
    otherParent: other.client,
    otherParentId: other.userId,
    siblingFather: father.client,
    siblingFatherId: father.userId,
    secondChild,
    parentB: parentB!,
  };
}
