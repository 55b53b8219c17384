// STAFF-3: the school names a class, gives it a venue and a temporary head teacher (临时班主任).
import type { z } from 'zod';
import { accessSchool, auditor } from '../../../server/auth/access';
import type { Actor } from '../../../server/auth/policies';
import type { AppContext, RequestMeta } from '../../../server/context';
import { AppError } from '../../../server/errors';
import { writeAudit } from '../../audit/store';
import { notification } from '../../notify/messages';
import { notify } from '../../notify/store';
import { isNapUse } from '../../programme/rules';
import type { classDetail, classUpdate } from '../contract';
import * as lookup from '../lookup-store';
import * as store from '../store';
import { loadClass } from './common';
import { readClassDetail } from './read';

export async function updateTempClass(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  classId: string,
  input: z.infer<typeof classUpdate>,
): Promise<z.infer<typeof classDetail>> {
  await ctx.db.transaction().execute(async (trx) => {
    const { school } = await accessSchool(trx, actor, schoolId, 'tempClass.write');
    const cls = await loadClass(trx, school.id, classId);
    await store.lockClasses(trx, ctx.dialect, [cls.id]);
    const set: Parameters<typeof store.updateClass>[2] = {};
    if (input.name !== undefined && input.name !== cls.name) {
      const same = await store.listClasses(trx, school.id, {
        termId: cls.termId,
        offeringId: cls.offeringId,
      });
      if (same.some((c) => c.name === input.name))
        throw new AppError('TEMP_CLASS_NAME_TAKEN', { name: input.name });
      set.name = input.name;
    }
    if (input.headTeacherId !== undefined && input.headTeacherId !== cls.headTeacherId) {
      // rule STAFF-3: the temporary head teacher is one of the school's teachers.
      if (input.headTeacherId && !(await lookup.isSchoolTeacher(trx, school.id, input.headTeacherId)))
        throw new AppError('TEMP_CLASS_HEAD_NOT_STAFF');
      set.head_teacher_id = input.headTeacherId;
    }
    if (input.venueId !== undefined && input.venueId !== cls.venueId) {
      if (input.venueId) {
        const venue = (await lookup.schoolVenues(trx, school.id)).find((v) => v.id === input.venueId);
        if (!venue) throw new AppError('NOT_FOUND');
        const count = (await store.memberCounts(trx, [cls.id])).get(cls.id) ?? 0;
        // STAFF-1: the room must hold the class; PROG-6: a nap needs a fire-safe room.
        if (venue.capacity < count)
          throw new AppError('TEMP_CLASS_VENUE_TOO_SMALL', {
            venue: venue.name,
            capacity: venue.capacity,
            className: cls.name,
            count,
          });
        if (isNapUse(venue, { kind: cls.offeringKind }) && !venue.fireSafe)
          throw new AppError('VENUE_NOT_FIRE_SAFE', { venue: venue.name });
        const busy = await lookup.venuesBusyInSession(trx, cls.sessionId, cls.offeringId);
        const sameOffering = (
          await store.listClasses(trx, school.id, { termId: cls.termId, offeringId: cls.offeringId })
        ).find((c) => c.venueId === venue.id && c.id !== cls.id);
        const other = busy.get(venue.id) ?? sameOffering?.name;
        if (other) throw new AppError('TEMP_CLASS_VENUE_TAKEN', { venue: venue.name, other });
      }
      set.venue_id = input.venueId;
    }
    if (Object.keys(set).length === 0) return;
    set.updated_at = ctx.now().toISOString();
    await store.updateClass(trx, cls.id, set);
    // STAFF-3: the teacher learns they now stand for the class.
    if (set.head_teacher_id)
      await notify(trx, set.updated_at, [
        notification(
          'tempClass.headAssigned',
          { userId: set.head_teacher_id, schoolId: school.id },
          { className: set.name ?? cls.name, offering: cls.offeringName },
          '/temp-classes',
        ),
      ]);
    await writeAudit(trx, [
      auditor(ctx, actor, meta, school)(
        'tempClass.update',
        'temp_class',
        cls.id,
        { name: cls.name, venueId: cls.venueId, headTeacherId: cls.headTeacherId },
        {
          name: set.name ?? cls.name,
          venueId: set.venue_id ?? cls.venueId,
          headTeacherId: set.head_teacher_id ?? cls.headTeacherId,
        },
      ),
    ]);
  });
  return readClassDetail(ctx, actor, schoolId, classId);
}
