// Reading the roll in force (DAY-1): the highest saved version of a class's roll call for a day.
// Shared by roll call, handover, pickup and the duty board so they all count the same children.
import type { ExpressionBuilder } from 'kysely';
import type { DB } from '../../db/schema';
import type { Executor } from '../../server/context';

export type RollMark = 'present' | 'late' | 'absent' | 'leave';

/** Children counted as on site by a roll: present or late. */
export const onSiteMarks: readonly RollMark[] = ['present', 'late'];

/**
 * The condition "`r` is the roll in force": no higher version of the same class's roll for the same
 * day. For queries reading `roll_calls as r` (here and the district dashboard).
 */
export const rollInForce = ({
  not,
  exists,
  selectFrom,
}: ExpressionBuilder<DB & { r: DB['roll_calls'] }, 'r'>) =>
  not(
    exists(
      selectFrom('roll_calls as later')
        .select('later.id')
        .whereRef('later.temp_class_id', '=', 'r.temp_class_id')
        .whereRef('later.date', '=', 'r.date')
        .whereRef('later.version', '>', 'r.version'),
    ),
  );

export interface RollInForce {
  id: string;
  version: number;
  takenBy: string;
  markedAt: string;
  marks: { studentId: string; status: RollMark; note: string }[];
}

/** The heads of the rolls in force (no marks) for classes on `date`: the highest version of each. */
export async function rollHeadsInForce(db: Executor, tempClassIds: readonly string[], date: string) {
  if (tempClassIds.length === 0) return [];
  return db
    .selectFrom('roll_calls as r')
    .select([
      'r.id',
      'r.temp_class_id as tempClassId',
      'r.version',
      'r.taken_by as takenBy',
      'r.marked_at as markedAt',
      'r.present_count as presentCount',
    ])
    .where('r.temp_class_id', 'in', tempClassIds)
    .where('r.date', '=', date)
    .where(rollInForce)
    .execute();
}

/** The roll in force for each of the classes on `date` (classes without a roll are absent from the map). */
export async function rollsInForce(
  db: Executor,
  tempClassIds: readonly string[],
  date: string,
): Promise<Map<string, RollInForce>> {
  const result = new Map<string, RollInForce>();
  const heads = await rollHeadsInForce(db, tempClassIds, date);
  if (heads.length === 0) return result;
  const marks = await db
    .selectFrom('roll_call_marks')
    .select(['roll_call_id as rollCallId', 'student_id as studentId', 'status', 'note'])
    .where(
      'roll_call_id',
      'in',
      heads.map((h) => h.id),
    )
    .execute();
  for (const h of heads)
    result.set(h.tempClassId, {
      id: h.id,
      version: h.version,
      takenBy: h.takenBy,
      markedAt: h.markedAt,
      marks: [],
    });
  const byId = new Map(heads.map((h) => [h.id, result.get(h.tempClassId)!]));
  for (const m of marks)
    byId
      .get(m.rollCallId)!
      .marks.push({ studentId: m.studentId, status: m.status as RollMark, note: m.note });
  return result;
}
