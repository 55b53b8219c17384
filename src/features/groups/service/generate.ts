// STAFF-1, STAFF-2: the school regroups an offering's enrolled students into temporary classes, for
// one offering or every offering of a term, in one transaction. Allowed while no roll call exists
// for the offerings' classes (before that, the grouping is a draft and is replaced whole);
// afterwards, newcomers are placed and students moved one by one, so the attendance record keeps
// its meaning. A term-wide run reads and writes in a handful of statements, not per offering.
import type { z } from 'zod';
import { accessSchool, auditor } from '../../../server/auth/access';
import type { Actor } from '../../../server/auth/policies';
import { type AppContext, type Executor, newId, type RequestMeta } from '../../../server/context';
import { AppError } from '../../../server/errors';
import { writeAudit } from '../../audit/store';
import { isNapUse } from '../../programme/rules';
import { loadSettings, type SchoolSettings } from '../../programme/settings';
import type { generateInput, generateResult } from '../contract';
import * as lookup from '../lookup-store';
import { assignVenues, classCap, type Pupil, planClasses, tempClassKindOf } from '../rules';
import * as store from '../store';

export async function generateTempClasses(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  termId: string,
  input: z.infer<typeof generateInput>,
): Promise<z.infer<typeof generateResult>> {
  return ctx.db.transaction().execute(async (trx) => {
    const { school } = await accessSchool(trx, actor, schoolId, 'tempClass.write');
    const term = await lookup.termOf(trx, school.id, termId);
    if (!term) throw new AppError('NOT_FOUND');
    const allOfferings = await store.offeringsOfTerm(trx, school.id, term.id);
    const named = input.offeringId ? allOfferings.filter((o) => o.id === input.offeringId) : allOfferings;
    if (input.offeringId && named.length === 0) throw new AppError('NOT_FOUND');
    const [settings, pupils] = await Promise.all([
      loadSettings(trx, school.id),
      store.enrolledPupils(
        trx,
        named.map((o) => o.id),
      ),
    ]);
    // A term-wide run skips offerings nobody is enrolled in; naming one regroups it even if empty.
    const enrolledIn = new Set(pupils.map((p) => p.offeringId));
    const offerings = named.filter((o) => input.offeringId || enrolledIn.has(o.id));
    const outcomes = await regroupOfferings(trx, ctx, {
      schoolId: school.id,
      termId: term.id,
      offerings,
      allOfferings,
      pupils,
      settings,
      userId: actor.userId,
    });
    const audit = auditor(ctx, actor, meta, school);
    await writeAudit(
      trx,
      outcomes.map((o) =>
        audit('tempClass.generate', 'offering', o.offering.id, o.before, {
          classes: o.classes.map((c) => ({ id: c.id, name: c.name, count: c.count, venueId: c.venueId })),
        }),
      ),
    );
    return {
      offerings: outcomes.map((o) => ({
        offeringId: o.offering.id,
        offeringName: o.offering.name,
        classes: o.classes.length,
        students: o.classes.reduce((s, c) => s + c.count, 0),
        withoutVenue: o.classes.filter((c) => c.venueId === null).length,
      })),
    };
  });
}

interface RegroupInput {
  schoolId: string;
  termId: string;
  /** The offerings to regroup. */
  offerings: store.OfferingRecord[];
  /** Every offering of the term: their venues are busy in their sessions. */
  allOfferings: store.OfferingRecord[];
  pupils: (Pupil & { offeringId: string })[];
  settings: SchoolSettings;
  userId: string;
}

/** Replaces the offerings' groupings; refuses once a roll call exists (rule STAFF-3 keeps history). */
export async function regroupOfferings(
  trx: Executor,
  ctx: Pick<AppContext, 'dialect' | 'now'>,
  input: RegroupInput,
) {
  const { schoolId, termId, offerings, settings } = input;
  const ids = new Set(offerings.map((o) => o.id));
  await store.lockOfferings(trx, ctx.dialect, [...ids]);
  const existingAll = await store.listClasses(trx, schoolId, { termId });
  const existing = existingAll.filter((c) => ids.has(c.offeringId));
  const existingIds = existing.map((c) => c.id);
  const rollCall = await store.firstRollCall(trx, existingIds);
  if (rollCall) {
    const cls = existing.find((c) => c.id === rollCall.tempClassId)!;
    throw new AppError('TEMP_CLASS_ROLL_CALL_TAKEN', { offering: cls.offeringName, date: rollCall.date });
  }
  const [counts, venues] = await Promise.all([
    store.memberCounts(trx, existingIds),
    lookup.schoolVenues(trx, schoolId),
  ]);
  // Venues held in each session: by offerings, and by classes (updated as this run assigns them).
  let held = existingAll
    .filter((c) => c.venueId)
    .map((c) => ({ sessionId: c.sessionId, offeringId: c.offeringId, venueId: c.venueId!, name: c.name }));

  const at = ctx.now().toISOString();
  const newClasses: Parameters<typeof store.insertClasses>[1] = [];
  const venueChanges: { id: string; venueId: string | null }[] = [];
  const members: Parameters<typeof store.insertMembers>[1] = [];
  const removedAll: store.ClassRecord[] = [];
  const outcomes = [];
  for (const offering of offerings) {
    const mine = existing.filter((c) => c.offeringId === offering.id);
    const before = { classes: mine.map((c) => ({ id: c.id, name: c.name, count: counts.get(c.id) ?? 0 })) };
    const kind = tempClassKindOf(offering.kind, offering.sessionKind);
    const cap = classCap(kind, settings, offering.venueCapacity);
    const plan = planClasses({
      kind,
      offeringName: offering.name,
      pupils: input.pupils.filter((p) => p.offeringId === offering.id),
      cap,
      noonGroupMin: settings.noonGroupMin,
    });

    // A class whose name survives keeps its id, head teacher and (if it still fits) venue.
    const byName = new Map(mine.map((c) => [c.name, c]));
    const keptIds = new Set(plan.map((p) => byName.get(p.name)?.id).filter((x): x is string => !!x));
    removedAll.push(...mine.filter((c) => !keptIds.has(c.id)));
    const keptVenue = (p: (typeof plan)[number]) => {
      const old = byName.get(p.name);
      return old?.venueId && (old.venueCapacity ?? 0) >= p.students.length ? old.venueId : null;
    };
    const busy = new Set([
      ...input.allOfferings
        .filter((o) => o.sessionId === offering.sessionId && o.id !== offering.id && o.venueId)
        .map((o) => o.venueId!),
      ...held
        .filter((h) => h.sessionId === offering.sessionId && h.offeringId !== offering.id)
        .map((h) => h.venueId),
      ...plan.map(keptVenue).filter((v): v is string => !!v),
    ]);
    const usable = venues.filter(
      (v) => !busy.has(v.id) && (!isNapUse(v, offering) || v.fireSafe) && v.id !== offering.venueId,
    );
    const offeringVenue =
      offering.venueId && offering.venueCapacity !== null && !busy.has(offering.venueId)
        ? { id: offering.venueId, name: offering.venueName ?? '', capacity: offering.venueCapacity }
        : null;
    const needVenue = plan.filter((p) => !keptVenue(p));
    const assigned = assignVenues(
      needVenue.map((p) => p.students.length),
      offeringVenue,
      usable.map((v) => ({ id: v.id, name: v.name, capacity: v.capacity })),
    );
    const venueOf = new Map(needVenue.map((p, i) => [p.name, assigned[i] ?? null]));

    const classes = plan.map((p) => {
      const old = byName.get(p.name);
      return {
        id: old?.id ?? newId(),
        old,
        name: p.name,
        students: p.students,
        count: p.students.length,
        venueId: keptVenue(p) ?? venueOf.get(p.name) ?? null,
      };
    });
    for (const c of classes) {
      if (!c.old)
        newClasses.push({
          id: c.id,
          school_id: schoolId,
          term_id: termId,
          session_id: offering.sessionId,
          offering_id: offering.id,
          kind,
          name: c.name,
          venue_id: c.venueId,
          head_teacher_id: null,
          created_at: at,
          updated_at: at,
        });
      else if (c.old.venueId !== c.venueId) venueChanges.push({ id: c.id, venueId: c.venueId });
      // rule STAFF-3: seats are numbered in roster order at generation; the seat plan edits them.
      c.students.forEach((studentId, i) => {
        members.push({
          id: newId(),
          temp_class_id: c.id,
          offering_id: offering.id,
          student_id: studentId,
          seat_no: i + 1,
          joined_at: at,
          left_at: null,
          changed_by: input.userId,
        });
      });
    }
    held = [
      ...held.filter((h) => h.offeringId !== offering.id),
      ...classes
        .filter((c) => c.venueId)
        .map((c) => ({
          sessionId: offering.sessionId,
          offeringId: offering.id,
          venueId: c.venueId!,
          name: c.name,
        })),
    ];
    outcomes.push({ offering, before, classes });
  }

  const onRoster = await store.classesOnRoster(
    trx,
    removedAll.map((c) => c.id),
  );
  const blocked = removedAll.find((c) => onRoster.has(c.id));
  if (blocked) throw new AppError('TEMP_CLASS_ON_ROSTER', { className: blocked.name });
  if (existing.length)
    await store.clearOfferings(
      trx,
      [...ids],
      removedAll.map((c) => c.id),
    );
  await store.insertClasses(trx, newClasses);
  for (const change of venueChanges)
    await store.updateClass(trx, change.id, { venue_id: change.venueId, updated_at: at });
  await store.insertMembers(trx, members);
  return outcomes;
}
