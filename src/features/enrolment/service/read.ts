// Reading applications: a family's own for a term (with the status timeline), the staff list with
// filters (a class teacher sees their class), and one application.
import type { z } from 'zod';
import { accessSchool } from '../../../server/auth/access';
import type { Actor } from '../../../server/auth/policies';
import type { AppContext } from '../../../server/context';
import { listStudents } from '../../people/store';
import * as agreementStore from '../agreement-store';
import type { ApplicationRow, ApplicationView, applicationListQuery, myApplications } from '../contract';
import * as store from '../store';
import { loadApplication, loadTerm, refVisibility } from './common';
import { applicationViews, consentStateOf } from './views';

export async function listMyApplications(
  ctx: AppContext,
  actor: Actor,
  schoolId: string,
  termId: string,
): Promise<z.infer<typeof myApplications>> {
  const { school } = await accessSchool(ctx.db, actor, schoolId, 'application.read');
  const term = await loadTerm(ctx.db, school.id, termId);
  // Whatever else the account may be, this page is about its own children.
  const family = { all: false as const, classIds: [], familyOf: actor.userId };
  const { items: children } = await listStudents(ctx.db, ctx.dialect, school.id, family, {
    offset: 0,
    limit: 50,
  });
  const records = await store.applicationsOfStudents(
    ctx.db,
    term.id,
    children.map((c) => c.id),
  );
  const byStudent = new Map(records.map((r) => [r.studentId, r.id]));
  return {
    children: children.map((c) => ({
      studentId: c.id,
      name: c.name,
      grade: c.grade,
      classNo: c.classNo,
      applicationId: byStudent.get(c.id) ?? null,
    })),
    items: await applicationViews(ctx.db, school.id, records),
  };
}

export async function listApplications(
  ctx: AppContext,
  actor: Actor,
  schoolId: string,
  termId: string,
  query: z.infer<typeof applicationListQuery>,
): Promise<{ items: ApplicationRow[]; total: number }> {
  const { school, scope } = await accessSchool(ctx.db, actor, schoolId, 'application.read');
  const term = await loadTerm(ctx.db, school.id, termId);
  const { items, total } = await store.listApplications(ctx.db, school.id, term.id, scope, {
    status: query.status,
    classId: query.classId,
    offeringId: query.offeringId,
    offset: (query.page - 1) * query.pageSize,
    limit: query.pageSize,
  });
  const [lines, consents, showRef] = await Promise.all([
    store.linesOf(
      ctx.db,
      items.map((a) => a.id),
    ),
    agreementStore.consentsOf(
      ctx.db,
      term.id,
      items.map((a) => a.studentId),
    ),
    refVisibility(ctx.db, actor, school),
  ]);
  const linesByApp = new Map<string, store.LineRecord[]>();
  for (const line of lines)
    linesByApp.set(line.applicationId, [...(linesByApp.get(line.applicationId) ?? []), line]);
  return {
    total,
    items: items.map((a) => ({
      id: a.id,
      publicRef: showRef(a.studentId) ? a.publicRef : '',
      studentId: a.studentId,
      studentName: a.studentName,
      classId: a.classId,
      grade: a.grade,
      classNo: a.classNo,
      status: a.status,
      submittedAt: a.submittedAt,
      reviewNote: a.reviewNote,
      consent: consentStateOf(consents.get(a.studentId)),
      lines: (linesByApp.get(a.id) ?? []).map((l) => ({
        offeringId: l.offeringId,
        offeringName: l.offeringName,
        choiceGroup: l.choiceGroup,
        choiceRank: l.choiceRank,
        status: l.status,
        waitlistPosition: l.waitlistPosition,
      })),
    })),
  };
}

export async function getApplication(
  ctx: AppContext,
  actor: Actor,
  schoolId: string,
  applicationId: string,
): Promise<ApplicationView> {
  const { school, scope } = await accessSchool(ctx.db, actor, schoolId, 'application.read');
  const record = await loadApplication(ctx.db, ctx, school.id, applicationId, scope);
  const view = (await applicationViews(ctx.db, school.id, [record]))[0]!;
  const showRef = await refVisibility(ctx.db, actor, school);
  return showRef(record.studentId) ? view : { ...view, publicRef: '' };
}
