// A term ready for applications, written straight to the database so enrolment tests do not depend
// on the programme routes: an afternoon and a noon session, homework care and two clubs, a
// published notice and version 1 of the agreement. The window is open at the harness's clock.
import type { Kysely } from 'kysely';
import type { DB } from '../src/db/schema';
import { composeNotice } from '../src/features/programme/rules';
import { newId } from '../src/server/context';
import type { Harness } from './db-matrix';
import type { World } from './fixtures';

export interface TermFixture {
  termId: string;
  afternoonSessionId: string;
  noonSessionId: string;
  homeworkCare: string;
  football: string;
  chess: string;
  agreementTextId: string;
}

export interface TermOptions {
  schoolId?: string;
  name?: string;
  opensAt?: string;
  closesAt?: string;
  footballPlaces?: number;
  chessPlaces?: number;
  homeworkPlaces?: number;
  /** ENR-5 conditions, e.g. [{ key: 'insurance', text: '已为孩子投保人身保险', needsProof: true }]. */
  conditions?: { key: string; text: string; needsProof: boolean }[];
  published?: boolean;
}

export async function seedTerm(h: Harness, world: World, options: TermOptions = {}): Promise<TermFixture> {
  const db = h.ctx.db as Kysely<DB>;
  const at = h.ctx.now().toISOString();
  const schoolId = options.schoolId ?? world.schoolA;
  const termId = newId();
  await db
    .insertInto('terms')
    .values({
      id: termId,
      school_id: schoolId,
      name: options.name ?? '2026 秋季学期',
      starts_on: '2026-09-01',
      ends_on: '2027-01-15',
      window_opens_at: options.opensAt ?? new Date(Date.parse(at) - 86_400_000).toISOString(),
      window_closes_at: options.closesAt ?? new Date(Date.parse(at) + 7 * 86_400_000).toISOString(),
      conditions: JSON.stringify(options.conditions ?? []),
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
  const session = (name: string, kind: string, starts: string, ends: string, hours: number) => ({
    id: newId(),
    school_id: schoolId,
    term_id: termId,
    name,
    kind,
    weekdays: '1,2,3,4,5',
    starts_at: starts,
    ends_at: ends,
    class_hours: hours,
    created_at: at,
    updated_at: at,
  });
  const afternoon = session('课后服务', 'afternoon', '15:30', '17:30', 2);
  const noon = session('午托', 'noon', '11:40', '13:30', 2);
  await db.insertInto('term_sessions').values([afternoon, noon]).execute();
  const offering = (name: string, kind: string, sessionId: string, capacity: number) => ({
    id: newId(),
    school_id: schoolId,
    term_id: termId,
    session_id: sessionId,
    venue_id: null,
    kind,
    name,
    description: '',
    capacity,
    teacher_user_id: null,
    teacher_name: null,
    fee_basis: 'month',
    fee_fen: 18000,
    created_at: at,
    updated_at: at,
  });
  const homework = offering('作业辅导看护', 'homework_care', afternoon.id, options.homeworkPlaces ?? 500);
  const football = offering('足球社团', 'club', afternoon.id, options.footballPlaces ?? 30);
  const chess = offering('围棋社团', 'club', afternoon.id, options.chessPlaces ?? 20);
  await db.insertInto('offerings').values([homework, football, chess]).execute();
  const admin = await db
    .selectFrom('users')
    .select('id')
    .where('username', '=', 'admin')
    .executeTakeFirstOrThrow();
  const agreementTextId = newId();
  await db
    .insertInto('agreement_texts')
    .values({
      id: agreementTextId,
      school_id: schoolId,
      term_id: termId,
      version: 1,
      title: '课后服务安全责任书',
      body: '一、服务时间……二、安全责任……',
      created_by: admin.id,
      created_at: at,
    })
    .execute();
  if (options.published ?? true) {
    await db
      .insertInto('term_notices')
      .values({
        id: newId(),
        term_id: termId,
        version: 1,
        // A full snapshot, as publishing would freeze it, so the notice routes can serve it.
        content: JSON.stringify(
          composeNotice({
            schoolName: '测试学校',
            term: {
              name: options.name ?? '2026 秋季学期',
              startsOn: '2026-09-01',
              endsOn: '2027-01-15',
              windowOpensAt: options.opensAt ?? new Date(Date.parse(at) - 86_400_000).toISOString(),
              windowClosesAt: options.closesAt ?? new Date(Date.parse(at) + 7 * 86_400_000).toISOString(),
              conditions: options.conditions ?? [],
            },
            calendar: [],
            sessions: [afternoon, noon].map((s) => ({
              id: s.id,
              name: s.name,
              kind: s.kind as 'noon' | 'afternoon',
              weekdays: [1, 2, 3, 4, 5],
              startsAt: s.starts_at,
              endsAt: s.ends_at,
              classHours: s.class_hours,
            })),
            offerings: [homework, football, chess].map((o) => ({
              sessionId: o.session_id,
              kind: o.kind as 'club' | 'homework_care',
              category: null,
              name: o.name,
              description: '',
              capacity: o.capacity,
              venueName: null,
              teacherName: null,
              feeBasis: 'month',
              feeFen: o.fee_fen,
            })),
            texts: { greeting: '尊敬的家长：', applyMethod: '', safety: '', notes: '', contact: '' },
            timeZone: 'Asia/Shanghai',
          }),
        ),
        published_at: at,
        published_by: admin.id,
      })
      .execute();
  }
  return {
    termId,
    afternoonSessionId: afternoon.id,
    noonSessionId: noon.id,
    homeworkCare: homework.id,
    football: football.id,
    chess: chess.id,
    agreementTextId,
  };
}
