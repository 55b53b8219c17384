// Outside institutions (DIST-2) for integration tests: the duty world at school A (so an
// institution's staff can be rostered), a term at school B, and a second district with its own
// officer and institution (whose data the first district's officer must not find).
import type { Kysely } from 'kysely';
import { addStaff, seedDistrict } from '../src/cli/demo';
import type { DB } from '../src/db/schema';
import { hashPassword } from '../src/server/auth/passwords';
import { newId } from '../src/server/context';
import type { Harness } from './db-matrix';
import { type DutyWorld, seedDutyWorld } from './duty-fixtures';
import { password, seedWorld, type World } from './fixtures';

export interface InstitutionWorld {
  w: World;
  d: DutyWorld;
  termB: string;
  otherDistrict: string;
  otherInstitution: string;
}

export async function seedInstitutionWorld(h: Harness): Promise<InstitutionWorld> {
  const db = h.ctx.db as Kysely<DB>;
  const w = await seedWorld(h);
  const d = await seedDutyWorld(h, w, { name: '机构', prefix: 'it', teacherCount: 1, endsOn: '2026-09-04' });
  const at = h.ctx.now().toISOString();
  const termB = newId();
  await db
    .insertInto('terms')
    .values({
      id: termB,
      school_id: w.schoolB,
      name: '2026 秋季学期',
      starts_on: '2026-09-01',
      ends_on: '2027-01-15',
      window_opens_at: '2026-08-01T00:00:00.000Z',
      window_closes_at: '2026-08-20T00:00:00.000Z',
      conditions: '[]',
      seed_hash: null,
      seed: null,
      seed_committed_at: null,
      drawn_at: null,
      draw_result: null,
      seed_revealed_at: null,
      list_published_at: null,
      created_at: at,
      updated_at: at,
    })
    .execute();
  const otherDistrict = await seedDistrict(db, 'D-O', '另一区教育局', at);
  await addStaff(
    db,
    {
      username: 'district2',
      displayName: '外区科员',
      passwordHash: await hashPassword(password),
      grants: [{ role: 'district_officer', districtId: otherDistrict, schoolId: null }],
    },
    at,
  );
  const otherInstitution = newId();
  await db
    .insertInto('institutions')
    .values({
      id: otherInstitution,
      district_id: otherDistrict,
      name: '外区美术馆',
      kind: 'art',
      status: 'approved',
      created_at: at,
      updated_at: at,
    })
    .execute();
  return { w, d, termB, otherDistrict, otherInstitution };
}
