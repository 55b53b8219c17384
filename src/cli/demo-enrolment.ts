// The demo's term in progress, enrolled the way a real school would have done it in the summer:
// about three families in four applied (homework care for all of them, the nap room for some of
// the youngest, a club with a second choice for some), the school approved them, the seed was
// committed before the window closed and the draw ran through the enrolment service, so the draw
// record verifies (`kehou draw verify --term`). Families then signed the agreement and consented,
// and the list was published. Signatures, consents and enrolment are written straight to the
// database, like the rest of the demo.
import type { Kysely } from 'kysely';
import { insertInChunks } from '../db/batch';
import type { DB } from '../db/schema';
import { commitTermSeed, drawTerm } from '../features/enrolment/service/draw';
import type { AppContext } from '../server/context';
import { newId } from '../server/context';

const refAlphabet = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** A deterministic public reference per school and index (the demo is the same on every machine). */
function demoRef(schoolCode: string, index: number): string {
  let n = index * 7919 + schoolCode.length * 104_729 + schoolCode.charCodeAt(3) * 31;
  let ref = 'D';
  for (let i = 0; i < 7; i++) {
    ref += refAlphabet[n % refAlphabet.length];
    n = Math.floor(n / refAlphabet.length) + i * 13;
  }
  return ref;
}

export async function seedDemoEnrolment(
  ctx: AppContext,
  school: { id: string; code: string; adminUserId: string; alwaysStudentIds: string[] },
  termId: string,
): Promise<{ enrolled: number }> {
  const db = ctx.db as Kysely<DB>;
  const term = await db
    .selectFrom('terms')
    .select(['window_opens_at', 'window_closes_at'])
    .where('id', '=', termId)
    .executeTakeFirstOrThrow();
  const offerings = await db
    .selectFrom('offerings')
    .select(['id', 'kind', 'name'])
    .where('term_id', '=', termId)
    .orderBy('name')
    .execute();
  const care = offerings.find((o) => o.kind === 'homework_care')!;
  const nap = offerings.find((o) => o.kind === 'nap');
  const clubs = offerings.filter((o) => o.kind === 'club');
  const students = await db
    .selectFrom('students as s')
    .innerJoin('classes as c', 'c.id', 's.class_id')
    .select(['s.id', 's.class_id as classId', 'c.grade', 's.student_no'])
    .where('s.school_id', '=', school.id)
    .orderBy('s.student_no')
    .execute();
  const applicants = new Map(
    (
      await db
        .selectFrom('student_guardians as sg')
        .innerJoin('guardians as g', 'g.id', 'sg.guardian_id')
        .select(['sg.student_id as studentId', 'g.user_id as userId', 'g.name'])
        .where('g.school_id', '=', school.id)
        .where('g.user_id', 'is not', null)
        .orderBy('sg.is_primary', 'desc')
        .execute()
    )
      .reverse()
      .map((r) => [r.studentId, { userId: r.userId!, name: r.name }]),
  );
  const always = new Set(school.alwaysStudentIds);

  const submittedAt = new Date(Date.parse(term.window_opens_at) + 3 * 86_400_000).toISOString();
  const apps: DB['applications'][] = [];
  const lines: DB['application_lines'][] = [];
  students.forEach((s, i) => {
    const applicant = applicants.get(s.id);
    if (!applicant || (i % 4 === 3 && !always.has(s.id))) return;
    const id = newId();
    apps.push({
      id,
      school_id: school.id,
      term_id: termId,
      student_id: s.id,
      class_id: s.classId,
      applicant_user_id: applicant.userId,
      public_ref: demoRef(school.code, i),
      status: 'approved',
      conditions: JSON.stringify({ insurance: true, self_care: true, pickup: true }),
      note: '',
      review_note: null,
      submitted_at: submittedAt,
      created_at: submittedAt,
      updated_at: submittedAt,
    });
    const line = (offeringId: string, group: number, rank: number) =>
      lines.push({
        id: newId(),
        application_id: id,
        term_id: termId,
        student_id: s.id,
        offering_id: offeringId,
        choice_group: group,
        choice_rank: rank,
        status: 'pending',
        waitlist_position: null,
        offer_expires_at: null,
        updated_at: submittedAt,
      });
    line(care.id, 1, 1);
    if (nap && s.grade <= 2 && i % 3 === 0) line(nap.id, 2, 1);
    if (clubs.length > 1 && i % 5 === 0) {
      line(clubs[i % clubs.length]!.id, 3, 1);
      line(clubs[(i + 2) % clubs.length]!.id, 3, 2);
    }
  });
  await insertInChunks(db, 'applications', apps);
  await insertInChunks(db, 'application_lines', lines);

  // The seed is committed while the window is open, and the draw runs after it closed.
  const closes = Date.parse(term.window_closes_at);
  await commitTermSeed({ ...ctx, now: () => new Date(closes - 86_400_000) }, termId);
  const drawnAt = new Date(closes + 3_600_000);
  await drawTerm({ ...ctx, now: () => drawnAt }, termId);

  // Families with a place signed and consented within a few days; the list was then published.
  const signedAt = new Date(drawnAt.getTime() + 2 * 86_400_000).toISOString();
  const offered = await db
    .selectFrom('applications')
    .select(['id', 'student_id', 'applicant_user_id'])
    .where('term_id', '=', termId)
    .where('status', '=', 'offered')
    .execute();
  const agreement = await db
    .selectFrom('agreement_texts')
    .select('id')
    .where('term_id', '=', termId)
    .orderBy('version', 'desc')
    .executeTakeFirstOrThrow();
  await insertInChunks(
    db,
    'agreement_signatures',
    offered.map((a) => ({
      id: newId(),
      application_id: a.id,
      agreement_text_id: agreement.id,
      signed_name: applicants.get(a.student_id)!.name,
      signed_by: a.applicant_user_id,
      signed_at: signedAt,
      ip: null,
    })),
  );
  await insertInChunks(
    db,
    'data_consents',
    offered.map((a) => ({
      id: newId(),
      school_id: school.id,
      student_id: a.student_id,
      term_id: termId,
      granted: 1,
      decided_by: a.applicant_user_id,
      decided_at: signedAt,
    })),
  );
  await db
    .updateTable('application_lines')
    .set({ status: 'accepted', offer_expires_at: null, updated_at: signedAt })
    .where('term_id', '=', termId)
    .where('status', '=', 'offered')
    .execute();
  await db
    .updateTable('applications')
    .set({ status: 'enrolled', updated_at: signedAt })
    .where('term_id', '=', termId)
    .where('status', '=', 'offered')
    .execute();
  await db
    .updateTable('terms')
    .set({ list_published_at: signedAt, updated_at: signedAt })
    .where('id', '=', termId)
    .execute();
  return { enrolled: offered.length };
}
