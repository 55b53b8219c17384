// Use cases for the notice to parents (告家长书, PROG-7): the school edits its own paragraphs, the
// rest is composed from the term; publishing freezes a snapshot as a new version that everyone at
// the school reads.
import { accessSchool, auditor } from '../../../server/auth/access';
import type { Actor } from '../../../server/auth/policies';
import { type AppContext, type Executor, newId, type RequestMeta } from '../../../server/context';
import { AppError } from '../../../server/errors';
import { writeAudit } from '../../audit/store';
import { findSchool } from '../../people/store';
import { type NoticeContent, type NoticeTexts, noticeTexts, type PublishedNotice } from '../contract';
import * as noticeStore from '../notice-store';
import { checkNoticePublishable, composeNotice } from '../rules';
import { loadSettings } from '../settings';
import * as store from '../store';
import { lockedTermOf, termOf } from './common';
import { toOfferingView } from './offerings';

async function draftOf(db: Executor, termId: string) {
  const row = await noticeStore.findDraft(db, termId);
  return {
    texts: noticeTexts.parse(row ? JSON.parse(row.texts) : {}),
    updatedAt: row?.updated_at ?? null,
  };
}

async function compose(db: Executor, schoolId: string, term: store.TermRecord): Promise<NoticeContent> {
  const [school, settings, calendar, sessions, offerings, draft] = await Promise.all([
    findSchool(db, schoolId),
    loadSettings(db, schoolId),
    store.listTermDays(db, term.id),
    store.listSessions(db, [term.id]),
    store.listOfferings(db, term.id),
    draftOf(db, term.id),
  ]);
  return composeNotice({
    schoolName: school?.name ?? '',
    term,
    calendar,
    sessions,
    offerings: offerings.map(toOfferingView),
    texts: draft.texts,
    timeZone: settings.timezone,
  });
}

export async function getDraft(ctx: AppContext, actor: Actor, schoolId: string, termId: string) {
  const { school } = await accessSchool(ctx.db, actor, schoolId, 'programme.write');
  const term = await termOf(ctx.db, school.id, termId);
  return draftOf(ctx.db, term.id);
}

export async function saveDraft(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  termId: string,
  texts: NoticeTexts,
) {
  await ctx.db.transaction().execute(async (trx) => {
    const { school } = await accessSchool(trx, actor, schoolId, 'programme.write');
    const term = await termOf(trx, school.id, termId);
    const before = await draftOf(trx, term.id);
    await noticeStore.saveDraft(trx, term.id, texts, ctx.now().toISOString());
    await writeAudit(
      trx,
      auditor(ctx, actor, meta, school)('notice.draft', 'term', term.id, before.texts, texts),
    );
  });
  return getDraft(ctx, actor, schoolId, termId);
}

/** The notice as it would be published now. */
export async function previewNotice(
  ctx: AppContext,
  actor: Actor,
  schoolId: string,
  termId: string,
): Promise<NoticeContent> {
  const { school } = await accessSchool(ctx.db, actor, schoolId, 'programme.write');
  return compose(ctx.db, school.id, await termOf(ctx.db, school.id, termId));
}

export async function publishNotice(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  termId: string,
): Promise<PublishedNotice> {
  const version = await ctx.db.transaction().execute(async (trx) => {
    const { school } = await accessSchool(trx, actor, schoolId, 'programme.write');
    // Locked so two publishes at once take versions one after the other.
    const term = await lockedTermOf(ctx, trx, school.id, termId);
    const settings = await loadSettings(trx, school.id);
    const content = await compose(trx, school.id, term);
    checkNoticePublishable(term, content, ctx.now(), settings.timezone);
    const version = ((await store.latestNoticeVersion(trx, term.id)) ?? 0) + 1;
    const id = newId();
    const at = ctx.now().toISOString();
    await noticeStore.insertNotice(trx, { id, termId: term.id, version, content, at, by: actor.userId });
    await writeAudit(
      trx,
      auditor(ctx, actor, meta, school)('notice.publish', 'term', term.id, null, { version, noticeId: id }),
    );
    return version;
  });
  return readNotice(ctx.db, schoolId, termId, version);
}

async function readNotice(
  db: Executor,
  schoolId: string,
  termId: string,
  version?: number,
): Promise<PublishedNotice> {
  const term = await termOf(db, schoolId, termId);
  const row = await noticeStore.findNotice(db, term.id, version);
  if (!row) throw new AppError(version === undefined ? 'NOTICE_NOT_PUBLISHED' : 'NOT_FOUND');
  return {
    version: row.version,
    publishedAt: row.published_at,
    publishedBy: row.published_by,
    content: JSON.parse(row.content),
  };
}

/** The latest published version: for everyone at the school, parents included. */
export async function getPublishedNotice(ctx: AppContext, actor: Actor, schoolId: string, termId: string) {
  const { school } = await accessSchool(ctx.db, actor, schoolId, 'programme.read');
  return readNotice(ctx.db, school.id, termId);
}

/** Any earlier version, for the school to see what families were shown when. */
export async function getNoticeVersion(
  ctx: AppContext,
  actor: Actor,
  schoolId: string,
  termId: string,
  version: number,
) {
  const { school } = await accessSchool(ctx.db, actor, schoolId, 'programme.write');
  return readNotice(ctx.db, school.id, termId, version);
}

export async function listNoticeVersions(ctx: AppContext, actor: Actor, schoolId: string, termId: string) {
  const { school } = await accessSchool(ctx.db, actor, schoolId, 'programme.write');
  const term = await termOf(ctx.db, school.id, termId);
  const rows = await noticeStore.listVersions(ctx.db, term.id);
  return {
    items: rows.map((r) => ({
      version: r.version,
      publishedAt: r.published_at,
      publishedBy: r.published_by,
    })),
  };
}
