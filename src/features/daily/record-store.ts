// Queries of the day's records beside the roll: handovers (DAY-2), care logs and activity records
// (DAY-6, DAY-8) and the emergency plan (SAFE-3). No decisions here.
import type { Executor } from '../../server/context';

// ---- handovers and care logs ----

export async function handoversOf(db: Executor, tempClassIds: string[], date: string) {
  if (tempClassIds.length === 0) return [];
  return db
    .selectFrom('handovers')
    .selectAll()
    .where('temp_class_id', 'in', tempClassIds)
    .where('date', '=', date)
    .orderBy('recorded_at')
    .orderBy('id')
    .execute();
}

/** The care log in force (highest version) of classes on a date. */
export async function careLogsOn(db: Executor, tempClassIds: string[], date: string) {
  if (tempClassIds.length === 0) return [];
  return db
    .selectFrom('care_logs as l')
    .selectAll('l')
    .where('l.temp_class_id', 'in', tempClassIds)
    .where('l.date', '=', date)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('care_logs as later')
            .select('later.id')
            .whereRef('later.temp_class_id', '=', 'l.temp_class_id')
            .whereRef('later.date', '=', 'l.date')
            .whereRef('later.version', '>', 'l.version'),
        ),
      ),
    )
    .execute();
}

/**
 * DAY-8 → PAY-3: the activity record in force per class and day, with who wrote it and whether it
 * is complete. Pay counts the person who wrote the version in force.
 */
export async function activityRecordsOf(db: Executor, schoolId: string, from: string, to: string) {
  const rows = await db
    .selectFrom('care_logs as l')
    .select(['l.written_by as userId', 'l.temp_class_id as tempClassId', 'l.date', 'l.complete', 'l.version'])
    .where('l.school_id', '=', schoolId)
    .where('l.date', '>=', from)
    .where('l.date', '<=', to)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('care_logs as later')
            .select('later.id')
            .whereRef('later.temp_class_id', '=', 'l.temp_class_id')
            .whereRef('later.date', '=', 'l.date')
            .whereRef('later.version', '>', 'l.version'),
        ),
      ),
    )
    .orderBy('l.date')
    .execute();
  return rows.map((r) => ({ ...r, complete: r.complete === 1 }));
}

// ---- emergency plan (SAFE-3) ----

export async function latestEmergencyPlan(db: Executor, schoolId: string) {
  return db
    .selectFrom('emergency_plans')
    .selectAll()
    .where('school_id', '=', schoolId)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}
