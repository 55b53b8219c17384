// Use cases for offerings (PROG-5): what is offered in a session, where, with how many places,
// by whom and at what fee. Subject teaching is refused (严禁集体补课); a venue must suit it (PROG-6).
import { accessSchool, auditor } from '../../../server/auth/access';
import type { Actor } from '../../../server/auth/policies';
import type { AppContext, Executor, RequestMeta } from '../../../server/context';
import { newId } from '../../../server/context';
import { AppError } from '../../../server/errors';
import { writeAudit } from '../../audit/store';
import { checkOfferingFee } from '../../billing/service/caps';
import type { OfferingInput, OfferingUpdate, OfferingView } from '../contract';
import {
  type ClubCategory,
  checkOfferingContent,
  checkVenueUse,
  type FeeBasis,
  type OfferingKind,
} from '../rules';
import * as store from '../store';
import * as venueStore from '../venue-store';
import { lockedTermOf, termOf } from './common';

export function toOfferingView(o: store.OfferingRecord): OfferingView {
  return {
    id: o.id,
    sessionId: o.session_id,
    venueId: o.venue_id,
    venueName: o.venue_name,
    kind: o.kind as OfferingKind,
    category: o.category as ClubCategory | null,
    name: o.name,
    description: o.description,
    capacity: o.capacity,
    teacherUserId: o.teacher_user_id,
    // A staff member's current name, else the free text the school typed.
    teacherName: o.teacher_display_name ?? o.teacher_name,
    feeBasis: o.fee_basis as FeeBasis | null,
    feeFen: o.fee_fen,
    updatedAt: o.updated_at,
  };
}

export async function listOfferings(
  ctx: AppContext,
  actor: Actor,
  schoolId: string,
  termId: string,
): Promise<OfferingView[]> {
  const { school } = await accessSchool(ctx.db, actor, schoolId, 'programme.read');
  const term = await termOf(ctx.db, school.id, termId);
  return (await store.listOfferings(ctx.db, term.id)).map(toOfferingView);
}

/** Every check an offering must pass, on the values it will have after the write. */
async function checkOffering(
  ctx: AppContext,
  trx: Executor,
  school: { id: string; districtId: string },
  termId: string,
  offering: Required<OfferingInput>,
  exceptId?: string,
  feeChanged = true,
) {
  const schoolId = school.id;
  checkOfferingContent(offering);
  if (offering.kind === 'club' && !offering.category) throw new AppError('CLUB_NEEDS_CATEGORY');
  const sessions = await store.listSessions(trx, [termId]);
  const session = sessions.find((s) => s.id === offering.sessionId);
  if (!session) throw new AppError('NOT_FOUND');
  if (offering.venueId) {
    const venue = await venueStore.findVenue(trx, ctx.dialect, schoolId, offering.venueId);
    if (!venue) throw new AppError('NOT_FOUND');
    checkVenueUse(venue, offering);
  }
  if (offering.teacherUserId && !(await store.isStaffOf(trx, schoolId, offering.teacherUserId))) {
    throw new AppError('TEACHER_NOT_STAFF');
  }
  if ((offering.feeBasis === null) !== (offering.feeFen === null))
    throw new AppError('OFFERING_FEE_INCOMPLETE');
  // FEE-3: a fee over the district's cap for its kind is refused, with the cap in the message. An
  // edit that leaves the fee and what decides its cap alone is not held up by a cap lowered since.
  if (feeChanged) await checkOfferingFee(trx, school.districtId, { ...offering, sessionKind: session.kind });
  if (await store.offeringNameTaken(trx, termId, offering.name, exceptId)) {
    throw new AppError('OFFERING_NAME_TAKEN', { name: offering.name });
  }
}

function columns(o: Required<OfferingInput>) {
  return {
    session_id: o.sessionId,
    venue_id: o.venueId,
    kind: o.kind,
    // Only clubs have a category.
    category: o.kind === 'club' ? o.category : null,
    name: o.name,
    description: o.description,
    capacity: o.capacity,
    teacher_user_id: o.teacherUserId,
    // A named staff member wins over free text, so the notice never shows two names.
    teacher_name: o.teacherUserId ? null : o.teacherName || null,
    fee_basis: o.feeBasis,
    fee_fen: o.feeFen,
  };
}

export async function createOffering(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  termId: string,
  input: OfferingInput,
): Promise<OfferingView> {
  const id = await ctx.db.transaction().execute(async (trx) => {
    const { school } = await accessSchool(trx, actor, schoolId, 'programme.write');
    const term = await lockedTermOf(ctx, trx, school.id, termId);
    await checkOffering(ctx, trx, school, term.id, input);
    const at = ctx.now().toISOString();
    const id = newId();
    await store.insertOffering(trx, {
      id,
      school_id: school.id,
      term_id: term.id,
      ...columns(input),
      created_at: at,
      updated_at: at,
    });
    await writeAudit(trx, auditor(ctx, actor, meta, school)('offering.create', 'offering', id, null, input));
    return id;
  });
  return toOfferingView((await store.findOffering(ctx.db, termId, id))!);
}

function inputOf(o: store.OfferingRecord): Required<OfferingInput> {
  const view = toOfferingView(o);
  return {
    sessionId: view.sessionId,
    venueId: view.venueId,
    kind: view.kind,
    category: view.category,
    name: view.name,
    description: view.description,
    capacity: view.capacity,
    teacherUserId: view.teacherUserId,
    teacherName: o.teacher_name,
    feeBasis: view.feeBasis,
    feeFen: view.feeFen,
  };
}

export async function updateOffering(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  termId: string,
  offeringId: string,
  input: OfferingUpdate,
): Promise<OfferingView> {
  await ctx.db.transaction().execute(async (trx) => {
    const { school } = await accessSchool(trx, actor, schoolId, 'programme.write');
    const term = await lockedTermOf(ctx, trx, school.id, termId);
    const found = await store.findOffering(trx, term.id, offeringId);
    if (!found) throw new AppError('NOT_FOUND');
    const before = inputOf(found);
    const next = { ...before, ...input };
    const feeChanged = (['feeBasis', 'feeFen', 'sessionId', 'kind'] as const).some(
      (k) => next[k] !== before[k],
    );
    await checkOffering(ctx, trx, school, term.id, next, found.id, feeChanged);
    const was: Record<string, unknown> = {};
    const now: Record<string, unknown> = {};
    for (const key of Object.keys(input) as (keyof OfferingInput)[]) {
      if (input[key] !== undefined && input[key] !== before[key]) {
        was[key] = before[key];
        now[key] = input[key];
      }
    }
    if (Object.keys(now).length === 0) return;
    await store.updateOffering(trx, found.id, { ...columns(next), updated_at: ctx.now().toISOString() });
    await writeAudit(
      trx,
      auditor(ctx, actor, meta, school)('offering.update', 'offering', found.id, was, now),
    );
  });
  return toOfferingView((await store.findOffering(ctx.db, termId, offeringId))!);
}

export async function deleteOffering(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  termId: string,
  offeringId: string,
): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const { school } = await accessSchool(trx, actor, schoolId, 'programme.write');
    const term = await lockedTermOf(ctx, trx, school.id, termId);
    const found = await store.findOffering(trx, term.id, offeringId);
    if (!found) throw new AppError('NOT_FOUND');
    // Families chose it: removing it would silently drop their choices (ENR-3).
    const count = await store.countApplicationLines(trx, found.id);
    if (count) throw new AppError('OFFERING_IN_USE', { name: found.name, count });
    await store.deleteOffering(trx, found.id);
    await writeAudit(
      trx,
      auditor(ctx, actor, meta, school)('offering.delete', 'offering', found.id, inputOf(found), null),
    );
  });
}
