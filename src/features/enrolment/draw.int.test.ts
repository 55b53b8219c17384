// rule ENR-4 through the HTTP layer on both databases: the seed is fixed before the window closes
// and revealed after the draw; 500 approved applicants for a 30-place club give exactly 30 places
// and a gapless waitlist 1…470, priority first; the published list re-runs to the same result.
import type { Kysely } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { seedApplications } from '../../../test/applications-fixture';
import { describeBothDatabases } from '../../../test/db-matrix';
import { seedFamilies } from '../../../test/families';
import { type Client, seedWorld, signIn, type World } from '../../../test/fixtures';
import { seedTerm } from '../../../test/programme-fixtures';
import type { DB } from '../../db/schema';
import { renderNotification } from '../notify/messages';
import { allocate, type PublicDrawList, priorityTier, seedHashOf, verifyDraw } from './allocation';

const t0 = '2026-09-01T08:00:00.000Z';
const closes = '2026-09-01T09:00:00.000Z';
const afterClose = '2026-09-01T10:00:00.000Z';

describeBothDatabases('the draw', (h) => {
  let w: World;
  let admin: Client;
  let parent: Client;
  let adminB: Client;
  let teacher: Client;
  const db = () => h().ctx.db as Kysely<DB>;
  const drawUrl = (termId: string, school = w.schoolA) => `/api/v1/schools/${school}/terms/${termId}/draw`;

  beforeAll(async () => {
    h().setNow(t0);
    w = await seedWorld(h());
    admin = await signIn(h(), 'admin');
    parent = await signIn(h(), w.parentPhone);
    adminB = await signIn(h(), 'adminB');
    teacher = await signIn(h(), 'teacher');
  });

  it('commits the seed once, before the window closes, and shows its hash to families only after', async () => {
    h().setNow(t0);
    const term = await seedTerm(h(), w, { name: 'seed term', closesAt: closes });
    const url = drawUrl(term.termId);

    const before = (await parent.get(url)).json();
    expect(before).toMatchObject({ status: 'not_committed', seedHash: null, seed: null, list: null });
    expect(before.readiness).toBeUndefined();
    // Too early, and without a commitment.
    const early = await admin.send('POST', url);
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('DRAW_WINDOW_OPEN');
    expect(early.json().message).toContain('2026-09-01 17:00');

    expect((await parent.send('POST', `${url}/seed`)).statusCode).toBe(403);
    expect((await teacher.send('POST', `${url}/seed`)).statusCode).toBe(403);
    expect((await adminB.send('POST', `${url}/seed`)).statusCode).toBe(404);
    expect((await adminB.get(url)).statusCode).toBe(404);
    expect((await adminB.get(drawUrl(term.termId, w.schoolB))).statusCode).toBe(404);

    const committed = await admin.send('POST', `${url}/seed`);
    expect(committed.statusCode).toBe(201);
    const seedHash = committed.json().seedHash as string;
    expect(seedHash).toMatch(/^[0-9a-f]{64}$/);
    expect(committed.json()).toMatchObject({ status: 'committed', seed: null });
    const row = await db()
      .selectFrom('terms')
      .selectAll()
      .where('id', '=', term.termId)
      .executeTakeFirstOrThrow();
    expect(seedHashOf(row.seed!)).toBe(seedHash);

    const again = await admin.send('POST', `${url}/seed`);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('DRAW_SEED_ALREADY_COMMITTED');
    expect(again.json().message).toContain(seedHash);

    // While the window is open only the school sees the commitment; nobody sees the seed.
    expect((await parent.get(url)).json()).toMatchObject({ status: 'committed', seedHash: null, seed: null });
    expect((await admin.get(url)).json()).toMatchObject({
      seedHash,
      seed: null,
      readiness: { undecided: 0 },
    });
    h().setNow(afterClose);
    expect((await parent.get(url)).json()).toMatchObject({ seedHash, seed: null, list: null });
    expect((await teacher.get(url)).json().seedHash).toBe(seedHash);

    const audit = await db()
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_id', '=', term.termId)
      .where('action', '=', 'draw.commitSeed')
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.after_json!)).toEqual({ seedHash });
  });

  it('refuses a seed after the window closed, and a draw without one', async () => {
    h().setNow(t0);
    const term = await seedTerm(h(), w, { name: 'late seed term', closesAt: closes });
    h().setNow(afterClose);
    const late = await admin.send('POST', `${drawUrl(term.termId)}/seed`, undefined, {
      'accept-language': 'en',
    });
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({ code: 'DRAW_SEED_TOO_LATE' });
    expect(late.json().message).toContain('2026-09-01 17:00');
    const draw = await admin.send('POST', drawUrl(term.termId));
    expect(draw.statusCode).toBe(409);
    expect(draw.json().code).toBe('DRAW_SEED_NOT_COMMITTED');
  });

  it('500 approved applicants for 30 places: 30 placed, 470 waiting 1…470, priority and lower grades first', async () => {
    h().setNow(t0);
    const term = await seedTerm(h(), w, { name: 'big draw', closesAt: closes, footballPlaces: 30 });
    const families = await seedFamilies(h(), w.schoolA, 500, { categoryEvery: 25, phonePrefix: '1581' });
    const apps = await seedApplications(h(), {
      schoolId: w.schoolA,
      termId: term.termId,
      families,
      choices: () => [{ offeringId: term.football }],
    });
    // One application still before the school's decision holds the draw back.
    const [undecided] = await seedApplications(h(), {
      schoolId: w.schoolA,
      termId: term.termId,
      families: [{ studentId: w.otherChild, userId: families[0]!.userId }],
      choices: () => [{ offeringId: term.football }],
      status: 'pre_reviewed',
    });
    expect((await admin.send('POST', `${drawUrl(term.termId)}/seed`)).statusCode).toBe(201);
    h().setNow(afterClose);

    const held = await admin.send('POST', drawUrl(term.termId));
    expect(held.statusCode).toBe(409);
    expect(held.json()).toMatchObject({ code: 'DRAW_UNDECIDED_APPLICATIONS' });
    expect(held.json().message).toContain('1');
    expect((await parent.send('POST', drawUrl(term.termId))).statusCode).toBe(403);
    expect((await adminB.send('POST', drawUrl(term.termId))).statusCode).toBe(404);
    await db()
      .updateTable('applications')
      .set({ status: 'rejected' })
      .where('id', '=', undecided!.applicationId)
      .execute();

    const started = performance.now();
    const res = await admin.send('POST', drawUrl(term.termId));
    const ms = performance.now() - started;
    expect(res.statusCode).toBe(200);
    expect(res.json().summary).toEqual({
      applications: 500,
      offered: 30,
      waitlisted: 470,
      placedLines: 30,
      queuedLines: 470,
      skippedLines: 0,
    });
    console.log(`draw of 500 applications [${h().dialect}]: ${ms.toFixed(0)} ms`);

    const lines = await db()
      .selectFrom('application_lines')
      .select(['student_id', 'offering_id', 'status', 'waitlist_position'])
      .where('term_id', '=', term.termId)
      .execute();
    expect(lines.filter((l) => l.status === 'offered')).toHaveLength(30);
    const positions = lines
      .filter((l) => l.status === 'waitlisted')
      .map((l) => l.waitlist_position!)
      .sort((a, b) => a - b);
    expect(positions).toEqual(Array.from({ length: 470 }, (_, i) => i + 1));
    const pairs = new Set(lines.map((l) => `${l.student_id}/${l.offering_id}`));
    expect(pairs.size).toBe(lines.length);
    const statuses = await db()
      .selectFrom('applications')
      .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
      .where('term_id', '=', term.termId)
      .groupBy('status')
      .execute();
    expect(Object.fromEntries(statuses.map((s) => [s.status, Number(s.n)]))).toEqual({
      offered: 30,
      waitlisted: 470,
      rejected: 1,
    });

    // rule ENR-4: the 20 priority children all placed; the other 10 places go to grade 1.
    const placedStudents = new Set(lines.filter((l) => l.status === 'offered').map((l) => l.student_id));
    const priority = families.filter((_, i) => i % 25 === 0);
    expect(priority).toHaveLength(20);
    expect(priority.every((f) => placedStudents.has(f.studentId))).toBe(true);
    const others = families.filter((f, i) => i % 25 !== 0 && placedStudents.has(f.studentId));
    expect(others).toHaveLength(10);
    expect(others.every((f) => f.grade === 1)).toBe(true);

    // One audit row per application transition, one for the draw; one notice per family.
    const audits = await db()
      .selectFrom('audit_log')
      .select(['action', 'after_json'])
      .where('action', 'in', ['application.offer', 'application.waitlist', 'draw.run'])
      .where('at', '=', afterClose)
      .execute();
    expect(audits.filter((a) => a.action === 'application.offer')).toHaveLength(30);
    expect(audits.filter((a) => a.action === 'application.waitlist')).toHaveLength(470);
    const drawAudit = audits.find((a) => a.action === 'draw.run')!;
    expect(JSON.parse(drawAudit.after_json!).seedHash).toBe(res.json().seedHash);
    const notes = await db()
      .selectFrom('notifications')
      .select(['kind', 'params', 'user_id'])
      .where('kind', 'in', ['application.offered', 'application.waitlisted'])
      .where('created_at', '=', afterClose)
      .execute();
    expect(notes).toHaveLength(500);
    const last = apps.find((a) => !placedStudents.has(a.studentId))!;
    const note = notes.find((n) => n.user_id === last.userId)!;
    expect(note.kind).toBe('application.waitlisted');
    // What the family reads: the club and the place in the queue, no empty blanks.
    const inbox = renderNotification(note.kind, JSON.parse(note.params), 'zh-CN').body;
    expect(inbox).toMatch(/^.+暂未获得“足球社团”的名额，目前候补第 \d+ 位。$/);
    expect(
      await db().selectFrom('notify_outbox').select('id').where('created_at', '=', afterClose).execute(),
    ).toHaveLength(500);

    const twice = await admin.send('POST', drawUrl(term.termId));
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('DRAW_ALREADY_RUN');

    // Revealed: the seed matches its commitment and the list re-runs to the same result.
    const published = (await parent.get(drawUrl(term.termId))).json();
    expect(published.status).toBe('drawn');
    expect(seedHashOf(published.seed)).toBe(published.seedHash);
    const list = published.list as PublicDrawList;
    expect(verifyDraw(list)).toMatchObject({ ok: true, problems: [] });
    const football = list.offerings.find((o) => o.offeringId === term.football)!;
    expect(football.placed).toHaveLength(30);
    expect(football.waitlist).toHaveLength(470);
    const refOf = new Map(apps.map((x) => [x.studentId, x.ref]));
    expect(new Set(football.placed)).toEqual(new Set([...placedStudents].map((id) => refOf.get(id))));
    // No names, no categories: only references the families know.
    const text = JSON.stringify(list);
    expect(text).not.toContain('学生');
    expect(text).not.toContain('left_behind');
    expect(text).not.toContain(families[0]!.studentId);

    // The allocation re-run from the database's inputs and the revealed seed gives the stored list.
    const stored = await db()
      .selectFrom('terms')
      .select('draw_result')
      .where('id', '=', term.termId)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(stored.draw_result!)).toEqual(list);
    const again = allocate({ ...(await inputsFromDatabase(db(), term.termId)), seed: published.seed });
    expect(again.list).toEqual(list);
  });

  it('places second choices in round 2 and marks the lines not needed', async () => {
    h().setNow(t0);
    const term = await seedTerm(h(), w, {
      name: 'two choices',
      closesAt: closes,
      footballPlaces: 1,
      chessPlaces: 2,
    });
    const families = await seedFamilies(h(), w.schoolA, 4, { phonePrefix: '1582' });
    const apps = await seedApplications(h(), {
      schoolId: w.schoolA,
      termId: term.termId,
      families,
      choices: (i) => [
        { offeringId: term.homeworkCare, group: 1 },
        { offeringId: term.football, group: 2, rank: 1 },
        ...(i < 3 ? [{ offeringId: term.chess, group: 2, rank: 2 }] : []),
      ],
    });
    await admin.send('POST', `${drawUrl(term.termId)}/seed`);
    h().setNow(afterClose);
    const res = await admin.send('POST', drawUrl(term.termId));
    expect(res.statusCode).toBe(200);
    expect(res.json().summary).toMatchObject({ applications: 4, offered: 4, waitlisted: 0 });
    const lines = await db()
      .selectFrom('application_lines')
      .select(['application_id', 'offering_id', 'status', 'waitlist_position'])
      .where('term_id', '=', term.termId)
      .execute();
    expect(
      lines.filter((l) => l.offering_id === term.homeworkCare).every((l) => l.status === 'offered'),
    ).toBe(true);
    const football = lines.filter((l) => l.offering_id === term.football);
    expect(football.filter((l) => l.status === 'offered')).toHaveLength(1);
    const chess = lines.filter((l) => l.offering_id === term.chess);
    expect(chess.filter((l) => l.status === 'offered')).toHaveLength(2);
    const fourth = apps[3]!;
    const fourthFootball = football.find((l) => l.application_id === fourth.applicationId)!;
    for (const app of apps) {
      const mine = lines.filter(
        (l) => l.application_id === app.applicationId && l.offering_id !== term.homeworkCare,
      );
      // Each child holds at most one place in the club group; a skipped line is not needed.
      expect(mine.filter((l) => l.status === 'offered').length).toBeLessThanOrEqual(1);
      for (const l of mine.filter((x) => x.status !== 'offered'))
        expect(['not_needed', 'waitlisted']).toContain(l.status);
    }
    // With one football place and two chess places, someone without a second choice may wait.
    if (fourthFootball.status === 'waitlisted') expect(fourthFootball.waitlist_position).toBe(1);
    const list = (await admin.get(drawUrl(term.termId))).json().list as PublicDrawList;
    expect(verifyDraw(list).ok).toBe(true);
  });
});

/** The draw's inputs read afresh from the database: every application the draw decided. */
async function inputsFromDatabase(db: Kysely<DB>, termId: string) {
  const offerings = await db
    .selectFrom('offerings')
    .select(['id', 'name', 'capacity'])
    .where('term_id', '=', termId)
    .execute();
  const apps = await db
    .selectFrom('applications')
    .innerJoin('classes', 'classes.id', 'applications.class_id')
    .select(['applications.id', 'applications.public_ref', 'applications.student_id', 'classes.grade'])
    .where('term_id', '=', termId)
    .where('status', 'in', ['offered', 'waitlisted'])
    .execute();
  const lines = await db.selectFrom('application_lines').selectAll().where('term_id', '=', termId).execute();
  const categories = await db.selectFrom('student_categories').select(['student_id', 'category']).execute();
  return {
    termId,
    lowerGradesFirst: true,
    offerings,
    candidates: apps.map((a) => {
      const mine = lines.filter((l) => l.application_id === a.id);
      const groups = [...new Set(mine.map((l) => l.choice_group))].map((group) => ({
        group,
        first: mine.find((l) => l.choice_group === group && l.choice_rank === 1)!.offering_id,
        second: mine.find((l) => l.choice_group === group && l.choice_rank === 2)?.offering_id ?? null,
      }));
      return {
        ref: a.public_ref,
        tier: priorityTier(categories.filter((c) => c.student_id === a.student_id).map((c) => c.category)),
        grade: a.grade,
        groups,
      };
    }),
  };
}
