// Kysely queries for the demand survey (PROG-8): each child of a class with the class teacher's
// record for the term, if any.
import type { Executor } from '../../server/context';

export async function findClass(db: Executor, schoolId: string, classId: string) {
  return db
    .selectFrom('classes')
    .select(['id', 'grade', 'class_no as classNo'])
    .where('school_id', '=', schoolId)
    .where('id', '=', classId)
    .executeTakeFirst();
}

export async function findStudent(db: Executor, schoolId: string, studentId: string) {
  return db
    .selectFrom('students')
    .select(['id', 'class_id as classId', 'name'])
    .where('school_id', '=', schoolId)
    .where('id', '=', studentId)
    .executeTakeFirst();
}

/** Children of the given classes (all of the school when null) with their record for the term. */
export async function childrenWithDemand(
  db: Executor,
  schoolId: string,
  termId: string,
  classIds: string[] | null,
) {
  let q = db
    .selectFrom('students')
    .innerJoin('classes', 'classes.id', 'students.class_id')
    .leftJoin('demand_responses', (join) =>
      join
        .onRef('demand_responses.student_id', '=', 'students.id')
        .on('demand_responses.term_id', '=', termId),
    )
    .select([
      'students.id as studentId',
      'students.student_no as studentNo',
      'students.name',
      'classes.id as classId',
      'classes.grade',
      'classes.class_no as classNo',
      'demand_responses.id as responseId',
      'demand_responses.can_collect_on_time as canCollectOnTime',
      'demand_responses.needs',
      'demand_responses.note',
      'demand_responses.recorded_at as recordedAt',
    ])
    .where('students.school_id', '=', schoolId);
  if (classIds) {
    if (classIds.length === 0) return [];
    q = q.where('students.class_id', 'in', classIds);
  }
  return q.orderBy('classes.grade').orderBy('classes.class_no').orderBy('students.student_no').execute();
}

export async function findResponse(db: Executor, termId: string, studentId: string) {
  return db
    .selectFrom('demand_responses')
    .select(['id', 'can_collect_on_time', 'needs', 'note'])
    .where('term_id', '=', termId)
    .where('student_id', '=', studentId)
    .executeTakeFirst();
}

export async function upsertResponse(
  db: Executor,
  row: {
    id: string;
    schoolId: string;
    termId: string;
    classId: string;
    studentId: string;
    canCollectOnTime: boolean;
    needs: string[];
    note: string;
    by: string;
    at: string;
  },
) {
  const values = {
    class_id: row.classId,
    can_collect_on_time: row.canCollectOnTime ? 1 : 0,
    needs: JSON.stringify(row.needs),
    note: row.note,
    recorded_by: row.by,
    recorded_at: row.at,
  };
  await db
    .insertInto('demand_responses')
    .values({
      id: row.id,
      school_id: row.schoolId,
      term_id: row.termId,
      student_id: row.studentId,
      ...values,
    })
    .onConflict((oc) => oc.columns(['term_id', 'student_id']).doUpdateSet(values))
    .execute();
}
