// Use cases for terms (PROG-1) and their school-day calendar: list, read, create, edit.
import { accessSchool, auditor } from '../../../server/auth/access';
import type { Actor } from '../../../server/auth/policies';
import { type AppContext, newId, type RequestMeta } from '../../../server/context';
import { AppError } from '../../../server/errors';
import { writeAudit } from '../../audit/store';
import type { TermDayInput, TermInput, TermUpdate, TermView } from '../contract';
import { checkCalendar, checkTermDates, schoolDays } from '../rules';
import { loadSettings } from '../settings';
import * as store from '../store';
import { changedFields, lockedTermOf, termOf, toTermView } from './common';

export async function listTerms(ctx: AppContext, actor: Actor, schoolId: string): Promise<TermView[]> {
  const { school } = await accessSchool(ctx.db, actor, schoolId, 'programme.read');
  const now = ctx.now();
  return (await store.listTerms(ctx.db, school.id)).map((t) => toTermView(t, now, t.noticeVersion));
}

export async function getTerm(ctx: AppContext, actor: Actor, schoolId: string, termId: string) {
  const { school } = await accessSchool(ctx.db, actor, schoolId, 'programme.read');
  const term = await termOf(ctx.db, school.id, termId);
  return toTermView(term, ctx.now(), await store.latestNoticeVersion(ctx.db, term.id));
}

export async function createTerm(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  input: TermInput,
): Promise<TermView> {
  const termId = await ctx.db.transaction().execute(async (trx) => {
    const { school } = await accessSchool(trx, actor, schoolId, 'programme.write');
    const settings = await loadSettings(trx, school.id);
    checkTermDates(input, settings.timezone);
    if (await store.termNameTaken(trx, school.id, input.name)) {
      throw new AppError('TERM_NAME_TAKEN', { name: input.name });
    }
    const at = ctx.now().toISOString();
    const id = newId();
    await store.insertTerm(trx, {
      id,
      school_id: school.id,
      name: input.name,
      starts_on: input.startsOn,
      ends_on: input.endsOn,
      window_opens_at: input.windowOpensAt,
      window_closes_at: input.windowClosesAt,
      conditions: JSON.stringify(input.conditions),
      seed_hash: null,
      seed: null,
      seed_committed_at: null,
      drawn_at: null,
      draw_result: null,
      seed_revealed_at: null,
      list_published_at: null,
      created_at: at,
      updated_at: at,
    });
    await writeAudit(trx, auditor(ctx, actor, meta, school)('term.create', 'term', id, null, input));
    return id;
  });
  return getTerm(ctx, actor, schoolId, termId);
}

export async function updateTerm(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  termId: string,
  input: TermUpdate,
): Promise<TermView> {
  await ctx.db.transaction().execute(async (trx) => {
    const { school } = await accessSchool(trx, actor, schoolId, 'programme.write');
    const term = await lockedTermOf(ctx, trx, school.id, termId);
    const settings = await loadSettings(trx, school.id);
    const next = { ...term, ...input };
    checkTermDates(next, settings.timezone);
    // Shortening the term must not strand calendar exceptions outside it.
    if (next.startsOn !== term.startsOn || next.endsOn !== term.endsOn) {
      checkCalendar(next, await store.listTermDays(trx, term.id));
    }
    if (next.name !== term.name && (await store.termNameTaken(trx, school.id, next.name, term.id))) {
      throw new AppError('TERM_NAME_TAKEN', { name: next.name });
    }
    const { was, now, changed } = changedFields(term, input);
    if (!changed) return;
    await store.updateTerm(trx, term.id, {
      name: next.name,
      starts_on: next.startsOn,
      ends_on: next.endsOn,
      window_opens_at: next.windowOpensAt,
      window_closes_at: next.windowClosesAt,
      conditions: JSON.stringify(next.conditions),
      updated_at: ctx.now().toISOString(),
    });
    await writeAudit(trx, auditor(ctx, actor, meta, school)('term.update', 'term', term.id, was, now));
  });
  return getTerm(ctx, actor, schoolId, termId);
}

export async function getCalendar(ctx: AppContext, actor: Actor, schoolId: string, termId: string) {
  const { school } = await accessSchool(ctx.db, actor, schoolId, 'programme.read');
  const term = await termOf(ctx.db, school.id, termId);
  return { days: await store.listTermDays(ctx.db, term.id) };
}

/** Replaces the term's exceptions (holidays, make-up days) as one edit. */
export async function setCalendar(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  termId: string,
  days: TermDayInput[],
) {
  await ctx.db.transaction().execute(async (trx) => {
    const { school } = await accessSchool(trx, actor, schoolId, 'programme.write');
    const term = await lockedTermOf(ctx, trx, school.id, termId);
    const next = days.map((d) => ({ ...d, followsWeekday: d.kind === 'makeup' ? d.followsWeekday : null }));
    checkCalendar(term, next);
    const before = await store.listTermDays(trx, term.id);
    await store.replaceTermDays(trx, term.id, next);
    await writeAudit(
      trx,
      auditor(ctx, actor, meta, school)('term.calendar', 'term', term.id, { days: before }, { days: next }),
    );
  });
  return getCalendar(ctx, actor, schoolId, termId);
}

export async function getSchoolDays(ctx: AppContext, actor: Actor, schoolId: string, termId: string) {
  const { school } = await accessSchool(ctx.db, actor, schoolId, 'programme.read');
  const term = await termOf(ctx.db, school.id, termId);
  const days = schoolDays(term, await store.listTermDays(ctx.db, term.id));
  return { count: days.length, days };
}
