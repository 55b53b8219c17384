// Use cases for sessions (PROG-2): create, edit and delete, each checked against the daily
// class-hour limits (PROG-3) with the term locked, so two edits at once cannot together break them.
import { accessSchool, auditor } from '../../../server/auth/access';
import type { Actor } from '../../../server/auth/policies';
import { type AppContext, newId, type RequestMeta } from '../../../server/context';
import { AppError } from '../../../server/errors';
import { writeAudit } from '../../audit/store';
import type { SessionInput, SessionList, SessionUpdate, SessionView } from '../contract';
import { checkPeriodLimits, checkSessionTimes, dailyLoad } from '../rules';
import { loadSettings } from '../settings';
import * as store from '../store';
import { changedFields, lockedTermOf, termOf } from './common';

function toView(s: store.SessionRecord): SessionView {
  return {
    id: s.id,
    name: s.name,
    kind: s.kind,
    weekdays: s.weekdays,
    startsAt: s.startsAt,
    endsAt: s.endsAt,
    classHours: s.classHours,
    updatedAt: s.updatedAt,
  };
}

export async function listSessions(
  ctx: AppContext,
  actor: Actor,
  schoolId: string,
  termId: string,
): Promise<SessionList> {
  const { school } = await accessSchool(ctx.db, actor, schoolId, 'programme.read');
  const term = await termOf(ctx.db, school.id, termId);
  const [sessions, settings] = await Promise.all([
    store.listSessions(ctx.db, [term.id]),
    loadSettings(ctx.db, school.id),
  ]);
  return { items: sessions.map(toView), load: dailyLoad(sessions), limits: settings.periodLimits };
}

export async function createSession(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  termId: string,
  input: SessionInput,
): Promise<SessionView> {
  return ctx.db.transaction().execute(async (trx) => {
    const { school } = await accessSchool(trx, actor, schoolId, 'programme.write');
    const term = await lockedTermOf(ctx, trx, school.id, termId);
    checkSessionTimes(input);
    if (await store.sessionNameTaken(trx, term.id, input.name)) {
      throw new AppError('SESSION_NAME_TAKEN', { name: input.name });
    }
    const at = ctx.now().toISOString();
    const session: store.SessionRecord = {
      id: newId(),
      termId: term.id,
      ...input,
      weekdays: [...new Set(input.weekdays)].sort((a, b) => a - b),
      updatedAt: at,
    };
    const before = await store.listSessions(trx, [term.id]);
    const settings = await loadSettings(trx, school.id);
    checkPeriodLimits(before, [...before, session], settings.periodLimits);
    await store.insertSession(trx, {
      id: session.id,
      school_id: school.id,
      term_id: term.id,
      name: session.name,
      kind: session.kind,
      weekdays: store.weekdaysText(session.weekdays),
      starts_at: session.startsAt,
      ends_at: session.endsAt,
      class_hours: session.classHours,
      created_at: at,
      updated_at: at,
    });
    await writeAudit(
      trx,
      auditor(ctx, actor, meta, school)('session.create', 'session', session.id, null, input),
    );
    return toView(session);
  });
}

export async function updateSession(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  termId: string,
  sessionId: string,
  input: SessionUpdate,
): Promise<SessionView> {
  return ctx.db.transaction().execute(async (trx) => {
    const { school } = await accessSchool(trx, actor, schoolId, 'programme.write');
    const term = await lockedTermOf(ctx, trx, school.id, termId);
    const before = await store.listSessions(trx, [term.id]);
    const session = before.find((s) => s.id === sessionId);
    if (!session) throw new AppError('NOT_FOUND');
    const next: store.SessionRecord = {
      ...session,
      ...input,
      weekdays: input.weekdays ? [...new Set(input.weekdays)].sort((a, b) => a - b) : session.weekdays,
    };
    checkSessionTimes(next);
    if (next.name !== session.name && (await store.sessionNameTaken(trx, term.id, next.name, session.id))) {
      throw new AppError('SESSION_NAME_TAKEN', { name: next.name });
    }
    const settings = await loadSettings(trx, school.id);
    checkPeriodLimits(
      before,
      before.map((s) => (s.id === session.id ? next : s)),
      settings.periodLimits,
    );
    const { was, now, changed } = changedFields(session, { ...input, weekdays: next.weekdays });
    if (!changed) return toView(session);
    const at = ctx.now().toISOString();
    await store.updateSession(trx, session.id, {
      name: next.name,
      kind: next.kind,
      weekdays: store.weekdaysText(next.weekdays),
      starts_at: next.startsAt,
      ends_at: next.endsAt,
      class_hours: next.classHours,
      updated_at: at,
    });
    await writeAudit(
      trx,
      auditor(ctx, actor, meta, school)('session.update', 'session', session.id, was, now),
    );
    return toView({ ...next, updatedAt: at });
  });
}

export async function deleteSession(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  termId: string,
  sessionId: string,
): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const { school } = await accessSchool(trx, actor, schoolId, 'programme.write');
    const term = await lockedTermOf(ctx, trx, school.id, termId);
    const session = (await store.listSessions(trx, [term.id])).find((s) => s.id === sessionId);
    if (!session) throw new AppError('NOT_FOUND');
    const count = await store.countOfferingsInSession(trx, session.id);
    if (count) throw new AppError('SESSION_IN_USE', { name: session.name, count });
    await store.deleteSession(trx, session.id);
    await writeAudit(
      trx,
      auditor(ctx, actor, meta, school)('session.delete', 'session', session.id, toView(session), null),
    );
  });
}
