// Reading incidents: the school's leaders all of them, other staff their own reports and their
// classes, a family its own children's (see incident-common.viewerFor). A staff member opening an
// incident's record reads a child's health or conduct: that read is audited (SAFE-2).
import type { z } from 'zod';
import { accessSchool, auditor } from '../../../server/auth/access';
import { type Actor, can } from '../../../server/auth/policies';
import type { AppContext, RequestMeta } from '../../../server/context';
import { AppError } from '../../../server/errors';
import { writeAudit } from '../../audit/store';
import { classLabel } from '../../people/rules';
import type { IncidentView, incidentList, incidentListQuery } from '../incident-contract';
import type { IncidentKind, IncidentSeverity, IncidentStatus } from '../incident-rules';
import * as store from '../incident-store';
import { buildIncidentView, staffPart, viewerFor } from './incident-common';

export async function getIncident(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  incidentId: string,
): Promise<IncidentView> {
  const { school } = await accessSchool(ctx.db, actor, schoolId, 'incident.read');
  const viewer = viewerFor(actor, school);
  const incident = await store.findIncident(ctx, ctx.db, school.id, incidentId, viewer);
  if (!incident) throw new AppError('NOT_FOUND');
  // Staff reach decides the staff view; reaching it only as a parent gives the family's view.
  const asStaff = staffPart(viewer);
  const staff =
    asStaff !== null && (await store.visibleAmong(ctx.db, school.id, asStaff, [incident.id])).size > 0;
  if (staff)
    await writeAudit(ctx.db, auditor(ctx, actor, meta, school)('read.sensitive', 'incident', incident.id));
  return buildIncidentView(ctx.db, incident, {
    userId: actor.userId,
    staff,
    leader: can(actor, 'incident.close', school),
    locale: meta.locale,
  });
}

export async function listIncidents(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  query: z.infer<typeof incidentListQuery>,
): Promise<z.infer<typeof incidentList>> {
  const { school } = await accessSchool(ctx.db, actor, schoolId, 'incident.read');
  const viewer = viewerFor(actor, school);
  const { rows, total } = await store.listIncidents(ctx.db, school.id, viewer, {
    status: query.status,
    from: query.from,
    to: query.to,
    studentId: query.studentId,
    offset: (query.page - 1) * query.pageSize,
    limit: query.pageSize,
  });
  const ids = rows.map((r) => r.id);
  const [students, names, classes] = await Promise.all([
    store.studentsOf(ctx.db, ids),
    store.namesOf(
      ctx.db,
      rows.map((r) => r.reported_by),
    ),
    store.classNames(
      ctx.db,
      rows.flatMap((r) => (r.temp_class_id ? [r.temp_class_id] : [])),
    ),
  ]);
  // In a list, a reader without staff reach sees only their own children's names.
  const asStaff = staffPart(viewer);
  const staffVisible = asStaff
    ? await store.visibleAmong(ctx.db, school.id, asStaff, ids)
    : new Set<string>();
  const mine = viewer.familyOf
    ? new Set(
        (
          await store.guardianUsersOf(
            ctx.db,
            [...students.values()].flat().map((s) => s.id),
          )
        )
          .filter((g) => g.userId === actor.userId)
          .map((g) => g.studentId),
      )
    : new Set<string>();
  return {
    total,
    items: rows.map((r) => ({
      id: r.id,
      date: r.date,
      occurredAt: r.occurred_at,
      kind: r.kind as IncidentKind,
      severity: r.severity as IncidentSeverity,
      status: r.status as IncidentStatus,
      tempClass: r.temp_class_id ? { id: r.temp_class_id, name: classes.get(r.temp_class_id) ?? '' } : null,
      students: (students.get(r.id) ?? [])
        .filter((s) => viewer.all || staffVisible.has(r.id) || mine.has(s.id))
        .map((s) => ({ id: s.id, name: s.name, classLabel: classLabel(s.grade, s.classNo, meta.locale) })),
      reportedBy: names.get(r.reported_by) ?? '',
    })),
  };
}
