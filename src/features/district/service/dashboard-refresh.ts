// The dashboard's derived figures (DIST-1, 0015): built in full for a school's term the first time
// the dashboard shows it, then kept current by an incremental refresh (a recurring job, each minute)
// that recomputes only the session-days and schools with rows stamped since the last refresh. Why:
// dashboard-design.md. Every step recomputes from the source rows, so running it twice is harmless.
import type { AppContext, Executor } from '../../../server/context';
import * as snap from '../dashboard-snapshot-store';
import * as live from '../dashboard-store';

/** Rows saved just before the watermark may commit after it; they are looked at again. */
const overlapMs = 10 * 60_000;

/** Participation and arrears of each (school, term) pair, each term counted on its own. */
async function termFigures(db: Executor, pairs: { schoolId: string; termId: string }[]) {
  const termIds = [...new Set(pairs.map((p) => p.termId))];
  const [grades, arrears] = await Promise.all([
    live.participationByGrade(db, termIds),
    live.arrearsByGrade(db, termIds),
  ]);
  return pairs.map((p) => ({
    ...p,
    figures: {
      participation: grades
        .filter((g) => g.termId === p.termId)
        .map(({ schoolId: _, termId: __, ...g }) => g),
      arrears: arrears.filter((a) => a.termId === p.termId).map(({ schoolId: _, termId: __, ...a }) => a),
    },
  }));
}

function mergeDays(
  present: Awaited<ReturnType<typeof live.presentBySessionDay>>,
  staff: Awaited<ReturnType<typeof live.staffBySessionDay>>,
): snap.SessionDayRow[] {
  const byKey = new Map<string, snap.SessionDayRow>();
  const row = (r: { schoolId: string; termId: string; sessionId: string; date: string }) => {
    const key = `${r.sessionId}:${r.date}`;
    let found = byKey.get(key);
    if (!found) {
      found = { ...r, studentsPresent: 0, staffPresent: 0, hasRoll: false };
      byKey.set(key, found);
    }
    return found;
  };
  for (const p of present) Object.assign(row(p), { studentsPresent: p.present, hasRoll: true });
  for (const s of staff) row(s).staffPresent = s.staff;
  return [...byKey.values()].map(
    ({ sessionId, date, schoolId, termId, studentsPresent, staffPresent, hasRoll }) => ({
      sessionId,
      date,
      schoolId,
      termId,
      studentsPresent,
      staffPresent,
      hasRoll,
    }),
  );
}

/** Builds every figure of some schools' terms from the source rows (the first time they are shown). */
export async function buildTerms(ctx: AppContext, pairs: { schoolId: string; termId: string }[]) {
  if (pairs.length === 0) return;
  const at = ctx.now().toISOString();
  const termIds = pairs.map((p) => p.termId);
  await ctx.db.transaction().execute(async (trx) => {
    await snap.initWatermark(trx, at);
    const scope = { by: 'term' as const, ids: termIds };
    const [figures, present, staff] = await Promise.all([
      termFigures(trx, pairs),
      live.presentBySessionDay(trx, scope),
      live.staffBySessionDay(trx, scope),
    ]);
    await snap.upsertSessionDays(trx, mergeDays(present, staff), at);
    for (const f of figures) await snap.upsertTermFigures(trx, { ...f, at });
  });
}

/**
 * The incremental refresh: session-days with a roll call or staff attendance saved since the
 * watermark, and the figures of schools with ledger, enrolment or student rows changed since it,
 * for the terms already built. Returns what it recomputed.
 */
export async function refreshDashboard(
  ctx: AppContext,
): Promise<{ sessionDays: number; schoolTerms: number }> {
  const at = ctx.now().toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    const mark = await snap.watermark(trx);
    if (mark === null) {
      await snap.initWatermark(trx, at);
      return { sessionDays: 0, schoolTerms: 0 };
    }
    const since = new Date(Date.parse(mark) - overlapMs).toISOString();
    const built = await snap.builtTerms(trx);
    // Nobody has opened the dashboard yet: nothing is kept, so nothing to catch up.
    if (built.length === 0) {
      await snap.setWatermark(trx, at);
      return { sessionDays: 0, schoolTerms: 0 };
    }
    const builtTermIds = new Set(built.map((b) => b.termId));
    const changed = await snap.changedSessionDays(trx, since);
    let sessionDays = 0;
    if (changed.length) {
      const scope = {
        by: 'session' as const,
        ids: [...new Set(changed.map((c) => c.sessionId))],
        dates: [...new Set(changed.map((c) => c.date))],
      };
      const [present, staff] = await Promise.all([
        live.presentBySessionDay(trx, scope),
        live.staffBySessionDay(trx, scope),
      ]);
      const wanted = new Set(changed.map((c) => `${c.sessionId}:${c.date}`));
      const rows = mergeDays(present, staff).filter(
        (r) => wanted.has(`${r.sessionId}:${r.date}`) && builtTermIds.has(r.termId),
      );
      await snap.upsertSessionDays(trx, rows, at);
      sessionDays = rows.length;
    }
    const schools = await snap.changedSchools(trx, since);
    const pairs = built.filter((b) => schools.has(b.schoolId));
    for (const f of await termFigures(trx, pairs)) await snap.upsertTermFigures(trx, { ...f, at });
    await snap.setWatermark(trx, at);
    return { sessionDays, schoolTerms: pairs.length };
  });
}
