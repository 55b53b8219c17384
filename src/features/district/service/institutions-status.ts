// DIST-2: the district moves an institution through applied → approved → suspended → removed,
// each change with its reason (a removal names one of DIST-2's and is final). Suspension and
// removal end the institution's active bookings that day, stop new ones, take its staff off the
// roster (outsideRosterable reads the institution's status) and tell every affected school's
// administrators. The district also marks a school's complaint handled.
import type { z } from 'zod';
import type { Actor } from '../../../server/auth/policies';
import { type AppContext, newId, type RequestMeta } from '../../../server/context';
import { AppError } from '../../../server/errors';
import { writeAudit } from '../../audit/store';
import { schoolAdminIds } from '../../enrolment/store';
import { notification } from '../../notify/messages';
import { notify } from '../../notify/store';
import type {
  ComplaintView,
  complaintHandleInput,
  InstitutionSummary,
  institutionEventInput,
} from '../institutions-contract';
import {
  affectedSchools,
  type ComplaintCategory,
  checkTransitionReason,
  endsBookings,
  institutionTransition,
} from '../institutions-rules';
import * as store from '../institutions-store';
import {
  authorizeDistrict,
  districtAudit,
  districtToday,
  loadInstitution,
  summaries,
} from './institutions-common';

export async function moveInstitution(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  districtId: string,
  institutionId: string,
  input: z.infer<typeof institutionEventInput>,
): Promise<InstitutionSummary> {
  authorizeDistrict(actor, districtId, 'institution.write');
  return ctx.db.transaction().execute(async (trx) => {
    // Locked: a concurrent status change or booking of this institution waits for this one.
    const row = await loadInstitution(trx, districtId, institutionId, ctx.dialect);
    const to = institutionTransition(row.status, input.event);
    checkTransitionReason(input.event, input.reason, input.note);
    const at = ctx.now().toISOString();
    const today = districtToday(ctx);
    if (!(await store.updateInstitutionStatus(trx, row.id, row.status, { status: to, updated_at: at })))
      throw new AppError('INVALID_TRANSITION', { from: row.status, event: input.event });
    await store.insertTransition(trx, {
      id: newId(),
      institution_id: row.id,
      from_status: row.status,
      to_status: to,
      event: input.event,
      reason: input.reason ?? null,
      note: input.note,
      by_user_id: actor.userId,
      at,
    });
    let ended: { id: string; schoolId: string }[] = [];
    let schools: string[] = [];
    if (endsBookings(to)) {
      ended = await store.activeBookingsOf(trx, row.id);
      const staffSchools = await store.staffSchoolsOf(trx, row.id);
      await store.endBookings(
        trx,
        ended.map((b) => b.id),
        today,
        `institution.${to}`,
        at,
      );
      schools = affectedSchools(
        ended.map((b) => b.schoolId),
        staffSchools,
      );
    }
    await writeAudit(
      trx,
      districtAudit(ctx, actor, meta, districtId)(
        `institution.${input.event}`,
        'institution',
        row.id,
        { status: row.status },
        {
          status: to,
          reason: input.reason ?? null,
          note: input.note,
          endedBookings: ended.map((b) => b.id),
          endsOn: ended.length > 0 ? today : null,
          schoolsTold: schools,
        },
      ),
    );
    for (const schoolId of schools) {
      const admins = await schoolAdminIds(trx, schoolId);
      const bookings = ended.filter((b) => b.schoolId === schoolId).length;
      await notify(
        trx,
        at,
        admins.map((userId) =>
          to === 'removed'
            ? notification(
                'institution.removed',
                { userId, schoolId },
                { name: row.name, reason: (input.reason ?? 'other') as ComplaintCategory, bookings },
                '/duty/institutions',
              )
            : notification(
                'institution.suspended',
                { userId, schoolId },
                { name: row.name, note: input.note, bookings },
                '/duty/institutions',
              ),
        ),
      );
    }
    const [summary] = await summaries(trx, [await loadInstitution(trx, districtId, row.id)]);
    return summary!;
  });
}

export async function handleInstitutionComplaint(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  districtId: string,
  institutionId: string,
  complaintId: string,
  input: z.infer<typeof complaintHandleInput>,
): Promise<ComplaintView> {
  authorizeDistrict(actor, districtId, 'institution.write');
  return ctx.db.transaction().execute(async (trx) => {
    const institution = await loadInstitution(trx, districtId, institutionId);
    const complaint = await store.findComplaint(trx, institution.id, complaintId);
    if (!complaint) throw new AppError('NOT_FOUND');
    if (complaint.status !== 'open') throw new AppError('INSTITUTION_COMPLAINT_HANDLED');
    const at = ctx.now().toISOString();
    await store.handleComplaint(trx, complaint.id, {
      handled_note: input.note,
      handled_by: actor.userId,
      handled_at: at,
    });
    await writeAudit(
      trx,
      districtAudit(ctx, actor, meta, districtId)(
        'institution.complaint.handle',
        'institution_complaint',
        complaint.id,
        { status: complaint.status },
        { status: 'handled', note: input.note, institutionId: institution.id },
      ),
    );
    const after = (await store.findComplaint(trx, institution.id, complaint.id))!;
    return after as ComplaintView;
  });
}
