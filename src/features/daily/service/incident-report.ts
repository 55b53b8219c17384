// DAY-6: an incident is recorded at once by whoever stands for the class (its head teacher, the
// rostered care teacher, the session's duty teacher, the day's leader) or the school admin, and the
// family is told in the same transaction (inbox now; webhook and mail by the outbox). A critical
// incident also reaches the school's leaders and the day's duty leader (值班领导).
import type { z } from 'zod';
import { accessSchool, auditor } from '../../../server/auth/access';
import { type Actor, can } from '../../../server/auth/policies';
import { type AppContext, newId, type RequestMeta } from '../../../server/context';
import { AppError } from '../../../server/errors';
import { type IdempotentAnswer, runIdempotent } from '../../../server/idempotency';
import { writeAudit } from '../../audit/store';
import { localDate, localDateTime } from '../../enrolment/application-rules';
import { schoolAdminIds } from '../../enrolment/store';
import { notification } from '../../notify/messages';
import { requestDrainNow } from '../../notify/service/drain';
import { notify } from '../../notify/store';
import { loadSettings } from '../../programme/settings';
import { dutiesOn, loadTempClass, requireClassDuty } from '../class-access';
import type {
  IncidentInput,
  IncidentView,
  incidentFormOptions,
  incidentFormQuery,
} from '../incident-contract';
import { alertsLeaders, occurredInFuture, staffRequired, withoutNames } from '../incident-rules';
import * as store from '../incident-store';
import { buildIncidentView, familiesToTell, incidentLink } from './incident-common';

export async function reportIncident(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  input: IncidentInput,
  idempotencyKey?: string,
): Promise<IdempotentAnswer<IncidentView>> {
  return runIdempotent(
    ctx,
    {
      userId: actor.userId,
      key: idempotencyKey,
      operation: 'reportIncident',
      input: { schoolId, body: input },
    },
    async (trx) => {
      const { school } = await accessSchool(trx, actor, schoolId, 'incident.report');
      const leader = can(actor, 'incident.close', school);
      const now = ctx.now();
      if (occurredInFuture(input.occurredAt, now)) throw new AppError('INCIDENT_IN_FUTURE');
      const occurredAt = new Date(input.occurredAt).toISOString();
      const settings = await loadSettings(trx, school.id);
      const date = localDate(occurredAt, settings.timezone);

      // Who may record it: someone standing for the class that day, or the school's leaders.
      const cls = input.tempClassId ? await loadTempClass(trx, school.id, input.tempClassId) : null;
      if (cls) await requireClassDuty(trx, actor.userId, leader, cls, date);
      else if (!leader) throw new AppError('INCIDENT_CLASS_REQUIRED');
      const found = cls
        ? await store.membersAt(trx, cls.id, input.studentIds, occurredAt)
        : await store.studentsInSchool(trx, school.id, input.studentIds);
      if (found.size !== input.studentIds.length)
        throw new AppError(cls ? 'INCIDENT_STUDENT_NOT_IN_CLASS' : 'NOT_FOUND');
      if (staffRequired(input.kind) && !input.staffUserId) throw new AppError('INCIDENT_STAFF_REQUIRED');
      if (input.staffUserId) {
        const staff = await store.schoolStaff(trx, school.id);
        if (!staff.some((s) => s.id === input.staffUserId))
          throw new AppError('INCIDENT_STAFF_NOT_IN_SCHOOL');
      }

      const at = now.toISOString();
      const studentRows = await store.studentNames(trx, input.studentIds);
      const families = await familiesToTell(trx, studentRows);
      const row: store.IncidentRow = {
        id: newId(),
        school_id: school.id,
        temp_class_id: cls?.id ?? null,
        date,
        occurred_at: occurredAt,
        kind: input.kind,
        severity: input.severity,
        description: input.description,
        action_taken: input.actionTaken,
        staff_user_id: input.staffUserId,
        status: 'reported',
        finding: null,
        reported_by: actor.userId,
        reported_at: at,
        guardians_notified: new Set(families.map((f) => f.userId)).size,
        updated_at: at,
      };
      await store.insertIncident(trx, row, input.studentIds);
      await writeAudit(
        trx,
        auditor(ctx, actor, meta, school)('incident.report', 'incident', row.id, null, {
          ...row,
          studentIds: input.studentIds,
        }),
      );

      const place = cls?.name ?? (await schoolName(trx, school.id));
      const when = localDateTime(occurredAt, settings.timezone);
      const link = incidentLink(row.id);
      const items = families.map((f) =>
        notification(
          'incident.reported',
          { userId: f.userId, schoolId: school.id },
          {
            student: f.student.name,
            kind: input.kind,
            severity: input.severity,
            occurredAt: when,
            place,
            // rule SAFE-2: a family never reads another child's name.
            action: withoutNames(input.actionTaken, f.otherNames, 'zh-CN'),
          },
          link,
        ),
      );
      if (alertsLeaders(input.severity)) {
        const leaders = new Set([
          ...(await schoolAdminIds(trx, school.id)),
          ...(await store.leaderIdsOn(trx, school.id, date)),
        ]);
        for (const userId of leaders)
          items.push(
            notification(
              'incident.critical',
              { userId, schoolId: school.id },
              {
                kind: input.kind,
                place,
                occurredAt: when,
                reporter: actor.displayName,
                students: input.studentIds.length,
              },
              link,
            ),
          );
      }
      await notify(trx, at, items);
      // rule DAY-6: the guardian is told at once, so the outside channels do not wait for a tick.
      await requestDrainNow(trx, at);
      const view = await buildIncidentView(trx, row, {
        userId: actor.userId,
        staff: true,
        leader,
        locale: meta.locale,
      });
      return { status: 201, body: view };
    },
  );
}

async function schoolName(db: Parameters<typeof loadSettings>[0], schoolId: string): Promise<string> {
  const row = await db.selectFrom('schools').select('name').where('id', '=', schoolId).executeTakeFirst();
  return row?.name ?? '';
}

/**
 * What the report form offers: the classes the actor stands for on the date with their children,
 * and the school's staff (for "the staff member concerned").
 */
export async function incidentFormOptionsFor(
  ctx: AppContext,
  actor: Actor,
  schoolId: string,
  query: z.infer<typeof incidentFormQuery>,
): Promise<z.infer<typeof incidentFormOptions>> {
  const { school } = await accessSchool(ctx.db, actor, schoolId, 'incident.report');
  const leader = can(actor, 'incident.close', school);
  const settings = await loadSettings(ctx.db, school.id);
  const date = query.date ?? localDate(ctx.now(), settings.timezone);
  const all = await store.classesOnDate(ctx.db, school.id, date);
  let mine = all;
  if (!leader) {
    // One duty query for the day, then the same test class-access applies to each class.
    const duties = await dutiesOn(ctx.db, school.id, actor.userId, date);
    mine = all.filter(
      (c) =>
        c.headTeacherId === actor.userId ||
        duties.some(
          (d) =>
            (d.role === 'care' && d.tempClassId === c.id) ||
            (d.role === 'duty' && d.sessionId === c.sessionId) ||
            d.role === 'leader',
        ),
    );
  }
  const members = await store.currentMembers(
    ctx.db,
    mine.map((c) => c.id),
  );
  const staff = await store.schoolStaff(ctx.db, school.id);
  return {
    date,
    classes: mine.map((c) => ({ id: c.id, name: c.name, students: members.get(c.id) ?? [] })),
    staff,
    general: leader,
  };
}
