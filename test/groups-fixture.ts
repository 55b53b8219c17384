// Temporary-class tests share one small enrolled term: school A with 20 new families (7 / 7 / 6 in
// classes 1-1, 1-2, 2-1) enrolled in homework care, the first six also in the football club, and a
// care-class cap of 8 so that the fixture makes several classes. Written straight to the database.
import type { Kysely } from 'kysely';
import type { DB } from '../src/db/schema';
import { seedApplications } from './applications-fixture';
import type { Harness } from './db-matrix';
import { type Family, seedFamilies } from './families';
import { type Client, seedWorld, signIn, type World } from './fixtures';
import { seedTerm, type TermFixture } from './programme-fixtures';

export interface GroupsWorld {
  w: World;
  term: TermFixture;
  admin: Client;
  care: Client;
  families: Family[];
}

export interface ClassRow {
  id: string;
  name: string;
  count: number;
  cap: number;
  venueId: string | null;
  venueName: string | null;
}

export async function seedGroupsWorld(h: Harness): Promise<GroupsWorld> {
  const db = h.ctx.db as Kysely<DB>;
  h.setNow('2026-09-01T08:00:00.000Z');
  const w = await seedWorld(h);
  const admin = await signIn(h, 'admin');
  const care = await signIn(h, 'care');
  const term = await seedTerm(h, w, { name: 'groups' });
  // rule STAFF-1: caps are settings; small ones keep the fixture small.
  await db
    .insertInto('school_settings')
    .values({
      school_id: w.schoolA,
      settings: JSON.stringify({ careClassCap: 8, interestClassCap: 30 }),
      updated_at: '2026-09-01T08:00:00.000Z',
      updated_by: null,
    })
    .execute();
  const families = await seedFamilies(h, w.schoolA, 20, { phonePrefix: '1586' });
  await seedApplications(h, {
    schoolId: w.schoolA,
    termId: term.termId,
    families,
    status: 'enrolled',
    lineStatus: 'accepted',
    choices: (i) => [
      { offeringId: term.homeworkCare },
      ...(i < 6 ? [{ offeringId: term.football, group: 2 }] : []),
    ],
  });
  return { w, term, admin, care, families };
}

/** Helpers over one groups world: the classes of an offering, membership rows, audit counts. */
export function groupsHelpers(h: () => Harness, g: () => GroupsWorld) {
  const db = () => h().ctx.db as Kysely<DB>;
  const base = () => `/api/v1/schools/${g().w.schoolA}`;
  return {
    db,
    base,
    classesOf: async (offeringId: string, termId = g().term.termId) =>
      (await g().admin.get(`${base()}/terms/${termId}/temp-classes?offeringId=${offeringId}`)).json()
        .items as ClassRow[],
    currentRows: (offeringId: string) =>
      db()
        .selectFrom('temp_class_members')
        .select(['id', 'temp_class_id', 'student_id', 'seat_no', 'left_at'])
        .where('offering_id', '=', offeringId)
        .orderBy('id')
        .execute(),
    auditCount: async (action: string) =>
      (await db().selectFrom('audit_log').select('id').where('action', '=', action).execute()).length,
    userId: async (username: string) =>
      (await db().selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow())
        .id,
  };
}
