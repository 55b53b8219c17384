// STAFF-1, STAFF-2: the school regroups an offering's enrolled students into temporary classes, for
// one offering or every offering of a term. Allowed while no roll call exists for the offering's
// classes (before that, the grouping is a draft and is replaced whole); afterwards, newcomers are
// placed and students moved one by one, so the attendance record keeps its meaning.
import type { z } from 'zod';
import { accessSchool, auditor } from '../../../server/auth/access';
import type { Actor } from '../../../server/auth/policies';
import { type AppContext, type Executor, newId, type RequestMeta } from '../../../server/context';
import { AppError } from '../../../server/errors';
import { writeAudit } from '../../audit/store';
import { isNapUse } from '../../programme/rules';
import { loadSettings, type SchoolSettings } from '../../programme/settings';
import type { generateInput, generateResult, offeringResult } from '../contract';
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
    const offerings = await store.offeringsOfTerm(trx, school.id, term.id, input.offeringId);
    if (input.offeringId && offerings.length === 0) throw new AppError('NOT_FOUND');
    const settings = await loadSettings(trx, school.id);
    const pupils = await store.enrolledPupils(
      trx,
      offerings.map((o) => o.id),
    );
    const results: z.infer<typeof offeringResult>[] = [];
    const audit = auditor(ctx, actor, meta, school);
    for (const offering of offerings) {
      const mine = pupils.filter((p) => p.offeringId === offering.id);
      // A term-wide run skips offerings nobody is enrolled in; naming one regroups it even if empty.
      if (mine.length === 0 && !input.offeringId) continue;
      const outcome = await regroupOffering(
        trx,
        ctx,
        school.id,
        term.id,
        offering,
        mine,
        settings,
        actor.userId,
      );
      await writeAudit(trx, [
        audit('tempClass.generate', 'offering', offering.id, outcome.before, {
          classes: outcome.classes.map((c) => ({
            id: c.id,
            name: c.name,
            count: c.count,
            venueId: c.venueId,
          })),
        }),
      ]);
      results.push({
        offeringId: offering.id,
        offeringName: offering.name,
        classes: outcome.classes.length,
        students: mine.length,
        withoutVenue: outcome.classes.filter((c) => c.venueId === null).length,
      });
    }
    return { offerings: results };
  });
}

/** Replaces one offering's grouping; refuses once a roll call exists (rule STAFF-3 keeps history). */
export async function regroupOffering(
  trx: Executor,
  ctx: Pick<AppContext, 'dialect' | 'now'>,
  schoolId: string,
  termId: string,
  offering: store.OfferingRecord,
  pupils: Pupil[],
  settings: SchoolSettings,
  userId: string,
) {
  await store.lockOffering(trx, ctx.dialect, offering.id);
  const existing = await store.listClasses(trx, schoolId, { termId, offeringId: offering.id });
  const existingIds = existing.map((c) => c.id);
  const rollCall = await store.firstRollCall(trx, existingIds);
  if (rollCall)
    throw new AppError('TEMP_CLASS_ROLL_CALL_TAKEN', { offering: offering.name, date: rollCall.date });
  const counts = await store.memberCounts(trx, existingIds);
  const before = { classes: existing.map((c) => ({ id: c.id, name: c.name, count: counts.get(c.id) ?? 0 })) };

  const kind = tempClassKindOf(offering.kind, offering.sessionKind);
  const cap = classCap(kind, settings, offering.venueCapacity);
  const plan = planClasses({
    kind,
    offeringName: offering.name,
    pupils,
    cap,
    noonGroupMin: settings.noonGroupMin,
  });

  // A class whose name survives keeps its id, head teacher and (if it still fits) venue.
  const byName = new Map(existing.map((c) => [c.name, c]));
  const kept = new Set(plan.map((p) => byName.get(p.name)?.id).filter((x): x is string => !!x));
  const removed = existing.filter((c) => !kept.has(c.id));
  const onRoster = await store.classesOnRoster(
    trx,
    removed.map((c) => c.id),
  );
  const blocked = removed.find((c) => onRoster.has(c.id));
  if (blocked) throw new AppError('TEMP_CLASS_ON_ROSTER', { className: blocked.name });

  const [venues, busy] = await Promise.all([
    lookup.schoolVenues(trx, schoolId),
    lookup.venuesBusyInSession(trx, offering.sessionId, offering.id),
  ]);
  const keptVenue = (p: (typeof plan)[number]) => {
    const old = byName.get(p.name);
    return old?.venueId && (old.venueCapacity ?? 0) >= p.students.length ? old.venueId : null;
  };
  const taken = new Set([...busy.keys(), ...plan.map(keptVenue).filter((v): v is string => !!v)]);
  const usable = venues.filter(
    (v) => !taken.has(v.id) && (!isNapUse(v, offering) || v.fireSafe) && v.id !== offering.venueId,
  );
  const offeringVenue =
    offering.venueId && offering.venueCapacity !== null
      ? { id: offering.venueId, name: offering.venueName ?? '', capacity: offering.venueCapacity }
      : null;
  const needVenue = plan.filter((p) => !keptVenue(p));
  const assigned = assignVenues(
    needVenue.map((p) => p.students.length),
    // The offering's own venue goes to the first class that has none yet, unless a kept class holds it.
    offeringVenue && !taken.has(offeringVenue.id) ? offeringVenue : null,
    usable.map((v) => ({ id: v.id, name: v.name, capacity: v.capacity })),
  );
  const venueOf = new Map(needVenue.map((p, i) => [p.name, assigned[i] ?? null]));

  await store.clearOffering(
    trx,
    offering.id,
    removed.map((c) => c.id),
  );
  const at = ctx.now().toISOString();
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
  await store.insertClasses(
    trx,
    classes
      .filter((c) => !c.old)
      .map((c) => ({
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
      })),
  );
  for (const c of classes.filter((x) => x.old && x.old.venueId !== x.venueId))
    await store.updateClass(trx, c.id, { venue_id: c.venueId, updated_at: at });
  // rule STAFF-3: seats are numbered in roster order at generation; the seat plan edits them.
  await store.insertMembers(
    trx,
    classes.flatMap((c) =>
      c.students.map((studentId, i) => ({
        id: newId(),
        temp_class_id: c.id,
        offering_id: offering.id,
        student_id: studentId,
        seat_no: i + 1,
        joined_at: at,
        left_at: null,
        changed_by: userId,
      })),
    ),
  );
  return { before, classes };
}
