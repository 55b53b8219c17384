// ENR-8: the published list (公示). Publishing enrols every application whose agreement is signed
// (ENR-2: the list comes after the signature) and tells the families; the list shows names masked
// (张*明), grouped by class and by offering, with no sensitive category and no student ids.
import type { z } from 'zod';
import { accessSchool } from '../../../server/auth/access';
import type { Actor } from '../../../server/auth/policies';
import type { AppContext, RequestMeta } from '../../../server/context';
import { AppError } from '../../../server/errors';
import { maskName } from '../../people/rules';
import { loadSettings } from '../../programme/settings';
import { localDateTime } from '../application-rules';
import type { publishedList, publishResult } from '../contract';
import * as store from '../store';
import { loadTerm, notifyApplicants } from './common';
import { moveApplications } from './transition';

export async function publishList(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  termId: string,
): Promise<z.infer<typeof publishResult>> {
  return ctx.db.transaction().execute(async (trx) => {
    const { school } = await accessSchool(trx, actor, schoolId, 'list.publish');
    // Locked, so two admins pressing at once publish once.
    const term = await store.lockTerm(trx, ctx.dialect, school.id, termId);
    if (!term) throw new AppError('NOT_FOUND');
    if (term.listPublishedAt) {
      const settings = await loadSettings(trx, school.id);
      throw new AppError('LIST_ALREADY_PUBLISHED', {
        publishedAt: localDateTime(term.listPublishedAt, settings.timezone),
      });
    }
    const at = ctx.now().toISOString();
    await store.setListPublished(trx, term.id, at);
    const agreedIds = await store.applicationIdsWithStatus(trx, term.id, 'agreed');
    const agreed = await store.findApplications(
      trx,
      ctx.dialect,
      school.id,
      agreedIds,
      { all: true },
      {
        lock: true,
      },
    );
    const { moved } = await moveApplications(trx, ctx, { actor, meta, school }, agreed, 'enrol');
    await notifyApplicants(trx, at, moved, 'list.published');
    return { publishedAt: at, enrolled: moved.length };
  });
}

export async function getPublishedList(
  ctx: AppContext,
  actor: Actor,
  schoolId: string,
  termId: string,
): Promise<z.infer<typeof publishedList>> {
  const { school } = await accessSchool(ctx.db, actor, schoolId, 'list.read');
  const term = await loadTerm(ctx.db, school.id, termId);
  if (!term.listPublishedAt) throw new AppError('LIST_NOT_PUBLISHED');
  const rows = await store.enrolledOf(ctx.db, term.id);
  const lines = (
    await store.linesOf(
      ctx.db,
      rows.map((r) => r.id),
    )
  ).filter((l) => l.status === 'accepted');
  const masked = new Map(rows.map((r) => [r.id, maskName(r.name)]));
  const byClass = new Map<string, { grade: number; classNo: number; names: string[] }>();
  for (const r of rows) {
    const key = `${r.grade}-${r.classNo}`;
    const group = byClass.get(key) ?? { grade: r.grade, classNo: r.classNo, names: [] };
    group.names.push(masked.get(r.id)!);
    byClass.set(key, group);
  }
  const byOffering = new Map<
    string,
    { offeringId: string; offeringName: string; sessionName: string; names: string[] }
  >();
  const order = new Map(rows.map((r, i) => [r.id, i]));
  for (const l of [...lines].sort((a, b) => order.get(a.applicationId)! - order.get(b.applicationId)!)) {
    const group = byOffering.get(l.offeringId) ?? {
      offeringId: l.offeringId,
      offeringName: l.offeringName,
      sessionName: l.sessionName,
      names: [],
    };
    group.names.push(masked.get(l.applicationId)!);
    byOffering.set(l.offeringId, group);
  }
  return {
    termName: term.name,
    publishedAt: term.listPublishedAt,
    total: rows.length,
    byClass: [...byClass.values()],
    byOffering: [...byOffering.values()].sort((a, b) => a.offeringName.localeCompare(b.offeringName, 'zh')),
  };
}
