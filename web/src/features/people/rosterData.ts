// Gathers what the printed roster needs: the classes, and each class's students with their guardians.
import type { RosterEntry } from '../../../../src/features/people/contract';
import { get } from '../../app/api';
import { type ClassSummary, sortClasses } from './queries';

export interface RosterClass {
  cls: ClassSummary;
  students: RosterEntry[];
}

export async function loadRoster(
  schoolId: string,
  classes: ClassSummary[],
  filter: { classId?: string; grade?: number },
): Promise<RosterClass[]> {
  const chosen = sortClasses(classes).filter(
    (c) => (!filter.classId || c.id === filter.classId) && (!filter.grade || c.grade === filter.grade),
  );
  // One request for the whole roster in view, already in class and student-number order.
  const params = new URLSearchParams();
  if (filter.classId) params.set('classId', filter.classId);
  if (filter.grade) params.set('grade', String(filter.grade));
  const { items } = await get<{ items: RosterEntry[] }>(
    `/api/v1/schools/${encodeURIComponent(schoolId)}/roster${params.size ? `?${params}` : ''}`,
  );
  return chosen.map((cls) => ({ cls, students: items.filter((s) => s.classId === cls.id) }));
}
