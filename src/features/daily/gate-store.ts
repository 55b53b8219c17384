// Queries of the gate (DAY-9): the visitor register and the outside-staff lookup. No decisions.

import { containsText, type DialectName } from '../../db/dialect';
import type { Executor } from '../../server/context';

export async function insertVisitor(
  db: Executor,
  row: {
    id: string;
    school_id: string;
    name: string;
    id_number: string;
    phone: string;
    purpose: string;
    host: string;
    in_at: string;
    recorded_by: string;
  },
) {
  await db
    .insertInto('gate_visitors')
    .values({ ...row, out_at: null, signed_out_by: null })
    .execute();
}

const visitorColumns = [
  'id',
  'name',
  'id_number as idNumber',
  'phone',
  'purpose',
  'host',
  'in_at as inAt',
  'out_at as outAt',
] as const;

export async function visitorById(db: Executor, schoolId: string, id: string) {
  return db
    .selectFrom('gate_visitors')
    .select(visitorColumns)
    .where('id', '=', id)
    .where('school_id', '=', schoolId)
    .executeTakeFirst();
}

/** Visitors who came in between two instants (a local day), or everyone still inside. */
export async function visitors(
  db: Executor,
  schoolId: string,
  filter: { from: string; to: string; onSiteOnly: boolean },
) {
  let q = db.selectFrom('gate_visitors').select(visitorColumns).where('school_id', '=', schoolId);
  q = filter.onSiteOnly
    ? q.where('out_at', 'is', null)
    : q.where('in_at', '>=', filter.from).where('in_at', '<', filter.to);
  return q.orderBy('in_at', 'desc').limit(500).execute();
}

export async function signOut(db: Executor, id: string, by: string, at: string): Promise<boolean> {
  const r = await db
    .updateTable('gate_visitors')
    .set({ out_at: at, signed_out_by: by })
    .where('id', '=', id)
    .where('out_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Outside staff of the school matching a name, a phone, or the last digits of an ID number. */
export async function findOutsideStaff(db: Executor, dialect: DialectName, schoolId: string, q: string) {
  const digits = /^[0-9Xx]{2,}$/.test(q);
  return db
    .selectFrom('outside_staff as o')
    .leftJoin('institutions as i', 'i.id', 'o.institution_id')
    .select([
      'o.id',
      'o.name',
      'o.kind',
      'o.phone',
      'o.id_number as idNumber',
      'o.status',
      'i.name as institution',
    ])
    .where('o.school_id', '=', schoolId)
    .where((eb) =>
      eb.or([
        containsText(dialect, 'o.name', q),
        ...(digits ? [eb('o.phone', '=', q), eb('o.id_number', 'like', `%${q.toUpperCase()}`)] : []),
      ]),
    )
    .orderBy('o.name')
    .limit(20)
    .execute();
}
