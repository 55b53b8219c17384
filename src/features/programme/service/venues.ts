// Use cases for venues (PROG-6): capacity and the fire-safe mark a nap venue needs before use.
import { accessSchool, auditor } from '../../../server/auth/access';
import type { Actor } from '../../../server/auth/policies';
import { type AppContext, newId, type RequestMeta } from '../../../server/context';
import { AppError } from '../../../server/errors';
import { writeAudit } from '../../audit/store';
import type { VenueInput, VenueUpdate, VenueView } from '../contract';
import { isNapUse, type VenueKind } from '../rules';
import * as venueStore from '../venue-store';
import { changedFields } from './common';

function toView(v: venueStore.VenueRecord): VenueView {
  return { ...v, kind: v.kind as VenueKind };
}

export async function listVenues(ctx: AppContext, actor: Actor, schoolId: string): Promise<VenueView[]> {
  const { school } = await accessSchool(ctx.db, actor, schoolId, 'programme.read');
  return (await venueStore.listVenues(ctx.db, school.id)).map(toView);
}

function checkFireMark(venue: { fireSafe: boolean; fireSafeCheckedOn: string | null }) {
  if (venue.fireSafe && !venue.fireSafeCheckedOn) throw new AppError('VENUE_FIRE_CHECK_DATE');
}

export async function createVenue(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  input: VenueInput,
): Promise<VenueView> {
  return ctx.db.transaction().execute(async (trx) => {
    const { school } = await accessSchool(trx, actor, schoolId, 'programme.write');
    checkFireMark(input);
    if (await venueStore.venueNameTaken(trx, school.id, input.name)) {
      throw new AppError('VENUE_NAME_TAKEN', { name: input.name });
    }
    const at = ctx.now().toISOString();
    const id = newId();
    await venueStore.insertVenue(trx, {
      id,
      school_id: school.id,
      name: input.name,
      kind: input.kind,
      capacity: input.capacity,
      fire_safe: input.fireSafe ? 1 : 0,
      fire_safe_checked_on: input.fireSafeCheckedOn,
      created_at: at,
      updated_at: at,
    });
    await writeAudit(trx, auditor(ctx, actor, meta, school)('venue.create', 'venue', id, null, input));
    return { id, ...input, updatedAt: at };
  });
}

export async function updateVenue(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  venueId: string,
  input: VenueUpdate,
): Promise<VenueView> {
  return ctx.db.transaction().execute(async (trx) => {
    const { school } = await accessSchool(trx, actor, schoolId, 'programme.write');
    const venue = await venueStore.findVenue(trx, ctx.dialect, school.id, venueId);
    if (!venue) throw new AppError('NOT_FOUND');
    const next = { ...venue, ...input };
    checkFireMark(next);
    if (next.name !== venue.name && (await venueStore.venueNameTaken(trx, school.id, next.name, venue.id))) {
      throw new AppError('VENUE_NAME_TAKEN', { name: next.name });
    }
    // The venue must still suit every offering held in it (PROG-6).
    for (const offering of await venueStore.offeringsAtVenue(trx, venue.id)) {
      if (isNapUse(next, offering) && !next.fireSafe) {
        throw new AppError('VENUE_NOT_FIRE_SAFE', { venue: next.name });
      }
      if (offering.capacity > next.capacity) {
        throw new AppError('VENUE_CAPACITY_BELOW_OFFERING', {
          venueCapacity: next.capacity,
          offering: offering.name,
          capacity: offering.capacity,
        });
      }
    }
    const { was, now, changed } = changedFields(venue, input);
    if (!changed) return toView(venue);
    const at = ctx.now().toISOString();
    await venueStore.updateVenue(trx, venue.id, {
      name: next.name,
      kind: next.kind,
      capacity: next.capacity,
      fire_safe: next.fireSafe ? 1 : 0,
      fire_safe_checked_on: next.fireSafeCheckedOn,
      updated_at: at,
    });
    await writeAudit(trx, auditor(ctx, actor, meta, school)('venue.update', 'venue', venue.id, was, now));
    return toView({ ...next, updatedAt: at });
  });
}

export async function deleteVenue(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  venueId: string,
): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const { school } = await accessSchool(trx, actor, schoolId, 'programme.write');
    const venue = await venueStore.findVenue(trx, ctx.dialect, school.id, venueId);
    if (!venue) throw new AppError('NOT_FOUND');
    const used = await venueStore.offeringsAtVenue(trx, venue.id);
    if (used.length) throw new AppError('VENUE_IN_USE', { name: venue.name, count: used.length });
    await venueStore.deleteVenue(trx, venue.id);
    await writeAudit(trx, auditor(ctx, actor, meta, school)('venue.delete', 'venue', venue.id, venue, null));
  });
}
