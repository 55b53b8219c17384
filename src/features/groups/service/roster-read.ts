// STAFF-5: reading rosters: the versions of a term, one version with the names its rows refer to
// (the UI groups by date, teacher or class, and prints it), a teacher's own published duties, and
// the Excel export of a version.
import type { z } from 'zod';
import { accessSchool, auditor } from '../../../server/auth/access';
import { type Actor, can } from '../../../server/auth/policies';
import type { AppContext, RequestMeta } from '../../../server/context';
import { AppError } from '../../../server/errors';
import { writeAudit } from '../../audit/store';
import { addDays } from '../../programme/rules';
import { loadSettings } from '../../programme/settings';
import type { RosterStatus, SwapStatus } from '../duty-rules';
import * as swapStore from '../duty-store';
import type {
  myDuties,
  myDutiesQuery,
  RosterDetail,
  RosterSummary,
  rosterList,
  rosterQuery,
} from '../roster-contract';
import type { DutyRole, UnfilledSlot } from '../roster-rules';
import * as store from '../roster-store';
import { loadTermOf, sessionsOf, todayOf } from './roster-common';
import { writeRosterWorkbook } from './roster-xlsx';

function summary(
  r: NonNullable<Awaited<ReturnType<typeof store.findRoster>>>,
  dutyCount: number,
): RosterSummary {
  return {
    id: r.id,
    termId: r.termId,
    version: r.version,
    status: r.status as RosterStatus,
    generatedAt: r.generatedAt,
    publishedAt: r.publishedAt,
    dutyCount,
    unfilledCount: (JSON.parse(r.unfilled) as unknown[]).length,
  };
}

export async function listRosters(
  ctx: AppContext,
  actor: Actor,
  schoolId: string,
  termId: string,
): Promise<z.infer<typeof rosterList>> {
  const { school } = await accessSchool(ctx.db, actor, schoolId, 'duty.read');
  await loadTermOf(ctx.db, school.id, termId);
  const canWrite = can(actor, 'duty.write', school);
  // Drafts are the school's working copies; staff see only what was published.
  const rows = (await store.rostersOfTerm(ctx.db, school.id, termId)).filter(
    (r) => canWrite || r.status !== 'draft',
  );
  return { items: rows.map((r) => summary(r, r.dutyCount)) };
}

export async function rosterDetail(
  ctx: AppContext,
  actor: Actor,
  schoolId: string,
  rosterId: string,
  query: z.infer<typeof rosterQuery>,
): Promise<RosterDetail> {
  const { school } = await accessSchool(ctx.db, actor, schoolId, 'duty.read');
  const roster = await store.findRoster(ctx.db, school.id, rosterId);
  if (!roster) throw new AppError('NOT_FOUND');
  // A draft is the school's working copy: to others it does not exist.
  if (roster.status === 'draft' && !can(actor, 'duty.write', school)) throw new AppError('NOT_FOUND');
  const term = await loadTermOf(ctx.db, school.id, roster.termId);
  const [duties, sessions, classes, staff] = await Promise.all([
    store.dutiesOf(ctx.db, roster.id, query),
    sessionsOf(ctx.db, term.id),
    store.classesOfTerm(ctx.db, term.id),
    store.rosterableStaff(ctx.db, school.id),
  ]);
  const inRange = (d: { date: string }) =>
    (!query.from || d.date >= query.from) && (!query.to || d.date <= query.to);
  const unfilled = (JSON.parse(roster.unfilled) as UnfilledSlot[]).filter(
    (u) =>
      inRange(u) &&
      (!query.tempClassId || u.tempClassId === query.tempClassId) &&
      // A teacher's view has no unfilled slots of its own.
      !query.userId,
  );
  const named = new Set(duties.map((d) => d.userId));
  return {
    roster: summary(roster, await store.countDuties(ctx.db, roster.id)),
    termName: term.name,
    sessions: sessions.map((s) => ({ id: s.id, name: s.name, startsAt: s.startsAt, endsAt: s.endsAt })),
    classes: classes.map((c) => ({
      id: c.id,
      name: c.name,
      sessionId: c.sessionId,
      members: c.members,
      headTeacherId: c.headTeacherId,
    })),
    // Only people the roster names (a former colleague keeps their name through the join below).
    people: await peopleNamed(ctx, [...named], staff),
    duties: duties.map((d) => ({ ...d, role: d.role as DutyRole })),
    unfilled,
  };
}

async function peopleNamed(
  ctx: AppContext,
  ids: string[],
  staff: Awaited<ReturnType<typeof store.rosterableStaff>>,
) {
  const known = new Map(staff.map((s) => [s.userId, s]));
  const missing = ids.filter((id) => !known.has(id));
  const others = await store.userNames(ctx.db, missing);
  return [
    ...ids
      .filter((id) => known.has(id))
      .map((id) => ({ id, name: known.get(id)!.name, subject: known.get(id)!.subject })),
    ...others.map((u) => ({ id: u.id, name: u.name, subject: null })),
  ].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN') || a.id.localeCompare(b.id));
}

/** The caller's own duties in published rosters, from today for four weeks unless asked otherwise. */
export async function listMyDuties(
  ctx: AppContext,
  actor: Actor,
  schoolId: string,
  query: z.infer<typeof myDutiesQuery>,
): Promise<z.infer<typeof myDuties>> {
  const { school } = await accessSchool(ctx.db, actor, schoolId, 'duty.read');
  const settings = await loadSettings(ctx.db, school.id);
  const from = query.from ?? todayOf(ctx.now(), settings);
  const to = query.to ?? addDays(from, 27);
  const rows = await store.publishedDutiesOfUser(ctx.db, school.id, actor.userId, from, to);
  const swaps = await swapStore.openSwapsOf(
    ctx.db,
    rows.map((r) => r.id),
  );
  const open = new Map(swaps.map((s) => [s.assignmentId, s.status as SwapStatus]));
  return {
    items: rows.map((r) => ({ ...r, role: r.role as DutyRole, swapStatus: open.get(r.id) ?? null })),
  };
}

/** An Excel copy of a version (dates × sessions × classes), audited like every export. */
export async function exportRosterXlsx(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  rosterId: string,
): Promise<{ file: Buffer; filename: string }> {
  const detail = await rosterDetail(ctx, actor, schoolId, rosterId, {});
  const file = await writeRosterWorkbook(detail, meta.locale);
  const { school } = await accessSchool(ctx.db, actor, schoolId, 'duty.read');
  await writeAudit(
    ctx.db,
    auditor(ctx, actor, meta, school)('roster.export', 'duty_roster', rosterId, null, {
      version: detail.roster.version,
      duties: detail.duties.length,
    }),
  );
  return { file, filename: `duty-roster-v${detail.roster.version}.xlsx` };
}
