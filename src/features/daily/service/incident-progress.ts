// DAY-6 after the report: follow-ups are appended (never edited) by staff who reach the incident;
// the school's leaders close it with a finding, or reopen it. Each step goes through the rules'
// state machine, is audited with before/after (SAFE-1), and — unless internal — tells the family.
import type { Transaction } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../../db/schema';
import { accessSchool, auditor } from '../../../server/auth/access';
import { type Action, type Actor, can } from '../../../server/auth/policies';
import { type AppContext, newId, type RequestMeta } from '../../../server/context';
import { AppError } from '../../../server/errors';
import { type IdempotentAnswer, runIdempotent } from '../../../server/idempotency';
import { writeAudit } from '../../audit/store';
import { notification } from '../../notify/messages';
import { notify } from '../../notify/store';
import type { closeInput, followUpInput, IncidentView, reopenInput } from '../incident-contract';
import {
  type IncidentAction,
  type IncidentStatus,
  nextIncidentStatus,
  withoutNames,
} from '../incident-rules';
import * as store from '../incident-store';
import { buildIncidentView, familiesToTell, incidentLink, staffPart, viewerFor } from './incident-common';

type Step =
  | { action: 'followUp'; input: z.infer<typeof followUpInput> }
  | { action: 'close'; input: z.infer<typeof closeInput> }
  | { action: 'reopen'; input: z.infer<typeof reopenInput> };

const eventKind: Record<IncidentAction, 'followup' | 'close' | 'reopen'> = {
  followUp: 'followup',
  close: 'close',
  reopen: 'reopen',
};
const policyOf: Record<IncidentAction, Action> = {
  followUp: 'incident.read',
  close: 'incident.close',
  reopen: 'incident.close',
};

export async function progressIncident(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  incidentId: string,
  step: Step,
  idempotencyKey?: string,
): Promise<IdempotentAnswer<IncidentView>> {
  return runIdempotent(
    ctx,
    {
      userId: actor.userId,
      key: idempotencyKey,
      operation: `${step.action}Incident`,
      input: { schoolId, incidentId, body: step.input },
    },
    (trx) => apply(ctx, trx, actor, meta, schoolId, incidentId, step),
  );
}

async function apply(
  ctx: AppContext,
  trx: Transaction<DB>,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  incidentId: string,
  step: Step,
): Promise<IdempotentAnswer<IncidentView>> {
  const { school } = await accessSchool(trx, actor, schoolId, policyOf[step.action]);
  // A family reads its child's incident but does not write to it.
  const viewer = staffPart(viewerFor(actor, school));
  if (!viewer) throw new AppError('FORBIDDEN');
  const incident = await store.findIncident(ctx, trx, school.id, incidentId, viewer, { lock: true });
  if (!incident) throw new AppError('NOT_FOUND');
  const from = incident.status as IncidentStatus;
  const to = nextIncidentStatus(from, step.action, meta.locale);
  const at = ctx.now().toISOString();
  const internal = step.action === 'followUp' ? step.input.internal : false;
  await store.insertEvent(trx, {
    id: newId(),
    incident_id: incident.id,
    kind: eventKind[step.action],
    note: step.input.note,
    internal: internal ? 1 : 0,
    from_status: from,
    to_status: to,
    by_user_id: actor.userId,
    at,
  });
  const finding =
    step.action === 'close' ? step.input.finding : step.action === 'reopen' ? null : incident.finding;
  await store.setStatus(trx, incident.id, { status: to, finding, updated_at: at });
  await writeAudit(
    trx,
    auditor(ctx, actor, meta, school)(
      `incident.${step.action}`,
      'incident',
      incident.id,
      { status: from, finding: incident.finding },
      { status: to, finding, note: step.input.note, internal },
    ),
  );
  // The family hears of follow-ups and the close; internal notes and reopening stay with staff.
  if ((step.action === 'followUp' && !internal) || step.action === 'close') {
    const involved = (await store.studentsOf(trx, [incident.id])).get(incident.id) ?? [];
    const families = await familiesToTell(trx, involved);
    await notify(
      trx,
      at,
      families.map((f) =>
        notification(
          step.action === 'close' ? 'incident.closed' : 'incident.followedUp',
          { userId: f.userId, schoolId: school.id },
          { student: f.student.name, note: withoutNames(step.input.note, f.otherNames, 'zh-CN') },
          incidentLink(incident.id),
        ),
      ),
    );
  }
  const view = await buildIncidentView(
    trx,
    { ...incident, status: to, finding, updated_at: at },
    { userId: actor.userId, staff: true, leader: can(actor, 'incident.close', school), locale: meta.locale },
  );
  return { status: 200, body: view };
}
