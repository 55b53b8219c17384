// Registration day end to end through HTTP on both databases (issue 3, reliability): 500 families
// apply at once for a 30-place club; every request gets a definite answer; the class pre-review and
// the school's approval go through in batches; the draw places exactly 30 and waitlists the other
// 470 at positions 1…470 with no gap; no (child, offering) pair exists twice.
import type { Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { describeBothDatabases } from '../../../test/db-matrix';
import { seedFamilies } from '../../../test/families';
import { seedWorld, signIn } from '../../../test/fixtures';
import { seedTerm } from '../../../test/programme-fixtures';
import type { DB } from '../../db/schema';

describeBothDatabases('registration day', (h) => {
  it('500 concurrent applications for 30 places: 30 placed, 470 waitlisted 1…470', async () => {
    h().setNow('2026-09-01T08:00:00.000Z');
    const w = await seedWorld(h());
    const term = await seedTerm(h(), w, { closesAt: '2026-09-01T12:00:00.000Z', footballPlaces: 30 });
    const families = await seedFamilies(h(), w.schoolA, 500, { phonePrefix: '1590', categoryEvery: 25 });
    const admin = await signIn(h(), 'admin');
    const school = `/api/v1/schools/${w.schoolA}`;
    await admin.send('POST', `${school}/terms/${term.termId}/draw/seed`);

    const answers = await Promise.all(
      families.map((f, i) =>
        f.client.send(
          'POST',
          `${school}/terms/${term.termId}/applications`,
          { studentId: f.studentId, choices: [{ offeringIds: [term.football] }], conditions: [] },
          { 'idempotency-key': `day-${i}` },
        ),
      ),
    );
    expect(answers.map((r) => r.statusCode).filter((s) => s !== 201)).toEqual([]);
    const ids = answers.map((r) => r.json().id as string);

    // The school reviews in batches of 100 (the admin may pre-review for any class).
    for (let i = 0; i < ids.length; i += 100) {
      const batch = ids.slice(i, i + 100);
      const pre = await admin.send('POST', `${school}/applications/pre-review`, {
        ids: batch,
        decision: 'pass',
      });
      expect(pre.json().items.every((r: { ok: boolean }) => r.ok)).toBe(true);
      const ok = await admin.send('POST', `${school}/applications/decide`, {
        ids: batch,
        decision: 'approve',
      });
      expect(ok.json().items.every((r: { ok: boolean }) => r.ok)).toBe(true);
    }

    h().setNow('2026-09-01T13:00:00.000Z');
    const draw = await admin.send('POST', `${school}/terms/${term.termId}/draw`);
    expect(draw.statusCode).toBe(200);

    const db = h().ctx.db as Kysely<DB>;
    const lines = await db
      .selectFrom('application_lines')
      .select(['student_id', 'status', 'waitlist_position'])
      .where('offering_id', '=', term.football)
      .execute();
    expect(lines).toHaveLength(500);
    expect(new Set(lines.map((l) => l.student_id)).size).toBe(500);
    expect(lines.filter((l) => l.status === 'offered')).toHaveLength(30);
    const positions = lines
      .filter((l) => l.status === 'waitlisted')
      .map((l) => l.waitlist_position!)
      .sort((a, b) => a - b);
    expect(positions).toEqual(Array.from({ length: 470 }, (_, i) => i + 1));
    const statuses = await db
      .selectFrom('applications')
      .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
      .where('term_id', '=', term.termId)
      .groupBy('status')
      .execute();
    expect(Object.fromEntries(statuses.map((s) => [s.status, Number(s.n)]))).toEqual({
      offered: 30,
      waitlisted: 470,
    });
  }, 120_000);
});
