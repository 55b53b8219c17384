// Shared by the temporary-class use cases: caps from settings, the class view, loading a class.
import type { z } from 'zod';
import type { Executor } from '../../../server/context';
import { AppError } from '../../../server/errors';
import type { SchoolSettings } from '../../programme/settings';
import type { classView } from '../contract';
import { classCap, type TempClassKind, tempClassKinds } from '../rules';
import * as store from '../store';

export function kindOf(value: string): TempClassKind {
  return (tempClassKinds as readonly string[]).includes(value) ? (value as TempClassKind) : 'care';
}

/** rule STAFF-1: a class's cap is its kind's, lowered by its venue's capacity. */
export function capOfClass(
  c: { kind: string; venueCapacity: number | null },
  settings: SchoolSettings,
): number {
  return classCap(kindOf(c.kind), settings, c.venueCapacity);
}

export function toClassView(
  c: store.ClassRecord,
  count: number,
  settings: SchoolSettings,
): z.infer<typeof classView> {
  return {
    id: c.id,
    termId: c.termId,
    name: c.name,
    kind: kindOf(c.kind),
    offeringId: c.offeringId,
    offeringName: c.offeringName,
    sessionId: c.sessionId,
    sessionName: c.sessionName,
    venueId: c.venueId,
    venueName: c.venueName,
    headTeacherId: c.headTeacherId,
    headTeacherName: c.headTeacherName,
    count,
    cap: capOfClass(c, settings),
  };
}

export async function loadClass(db: Executor, schoolId: string, classId: string): Promise<store.ClassRecord> {
  const c = await store.findClass(db, schoolId, classId);
  if (!c) throw new AppError('NOT_FOUND');
  return c;
}

/** Where a family finds the class (the inbox link). */
export function classLink(termId: string): string {
  return `/children/temp-classes?term=${termId}`;
}
