// Queries of walk-home-alone permits (DAY-5). No decisions.
import type { Executor } from '../../server/context';

const permitColumns = [
  'p.id',
  'p.student_id as studentId',
  's.name as studentName',
  'c.grade',
  'c.class_no as classNo',
  'p.term_id as termId',
  't.name as termName',
  't.starts_on as startsOn',
  't.ends_on as endsOn',
  'p.weekdays',
  'p.note',
  'p.signed_name as signedName',
  'p.signed_at as signedAt',
  'p.revoked_at as revokedAt',
  'p.token',
  'p.school_id as schoolId',
] as const;

function permitQuery(db: Executor) {
  return db
    .selectFrom('walk_home_permits as p')
    .innerJoin('students as s', 's.id', 'p.student_id')
    .innerJoin('classes as c', 'c.id', 's.class_id')
    .innerJoin('terms as t', 't.id', 'p.term_id')
    .select(permitColumns);
}

export type PermitRow = NonNullable<Awaited<ReturnType<typeof permitById>>>;

export async function permitById(db: Executor, schoolId: string, permitId: string) {
  return permitQuery(db).where('p.id', '=', permitId).where('p.school_id', '=', schoolId).executeTakeFirst();
}

export async function permitByToken(db: Executor, schoolId: string, token: string) {
  return permitQuery(db).where('p.token', '=', token).where('p.school_id', '=', schoolId).executeTakeFirst();
}

export async function permitsOf(
  db: Executor,
  schoolId: string,
  filter: { studentIds?: readonly string[]; classIds?: readonly string[]; termId?: string },
) {
  let q = permitQuery(db).where('p.school_id', '=', schoolId);
  if (filter.studentIds) {
    if (filter.studentIds.length === 0) return [];
    q = q.where('p.student_id', 'in', filter.studentIds);
  }
  if (filter.classIds) {
    if (filter.classIds.length === 0) return [];
    q = q.where('s.class_id', 'in', filter.classIds);
  }
  if (filter.termId) q = q.where('p.term_id', '=', filter.termId);
  return q.orderBy('p.signed_at', 'desc').limit(500).execute();
}

/** Unrevoked permits of some children in the term covering `date`. */
export async function activePermits(db: Executor, studentIds: readonly string[], date: string) {
  if (studentIds.length === 0) return [];
  return permitQuery(db)
    .where('p.student_id', 'in', studentIds)
    .where('p.revoked_at', 'is', null)
    .where('t.starts_on', '<=', date)
    .where('t.ends_on', '>=', date)
    .execute();
}

export async function insertPermit(
  db: Executor,
  row: {
    id: string;
    school_id: string;
    student_id: string;
    term_id: string;
    weekdays: string;
    note: string;
    signed_name: string;
    signed_by: string;
    signed_at: string;
    ip: string | null;
    user_agent: string | null;
    token: string;
  },
) {
  await db
    .insertInto('walk_home_permits')
    .values({ ...row, revoked_at: null, revoked_by: null })
    .execute();
}

export async function revokePermit(db: Executor, id: string, by: string, at: string): Promise<boolean> {
  const r = await db
    .updateTable('walk_home_permits')
    .set({ revoked_at: at, revoked_by: by })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
