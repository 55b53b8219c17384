// The demo district's outside institutions (DIST-2): four approved with their courses and prices
// (within the cap for special activities, 8 yuan a class-hour), one still applied, and one approved
// institution that 实验小学 booked for the running term, evaluated low and complained about twice
// (touting, not as agreed) — so the district officer can remove it after complaints (issue 6 e2e).
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { type AppContext, newId } from '../server/context';

interface DemoCourse {
  name: string;
  priceFen: number;
  description: string;
}
interface DemoInstitution {
  name: string;
  kind: string;
  status: 'applied' | 'approved';
  courses: DemoCourse[];
}

export const demoInstitutions: DemoInstitution[] = [
  {
    name: '华溪青少年足球俱乐部',
    kind: 'sport',
    status: 'approved',
    courses: [
      { name: '足球基础', priceFen: 600, description: '一至三年级，控球与传接球' },
      { name: '足球进阶', priceFen: 800, description: '四至六年级，战术与比赛' },
    ],
  },
  {
    name: '彩虹美术工作室',
    kind: 'art',
    status: 'approved',
    courses: [
      { name: '水彩画', priceFen: 700, description: '色彩与构图' },
      { name: '创意手工', priceFen: 500, description: '纸艺、黏土' },
    ],
  },
  {
    name: '星空科技创客中心',
    kind: 'science',
    status: 'approved',
    courses: [{ name: '机器人搭建', priceFen: 800, description: '积木机器人与简单传感器' }],
  },
  {
    name: '墨香书法社',
    kind: 'art',
    status: 'applied',
    courses: [{ name: '软笔书法', priceFen: 600, description: '楷书入门' }],
  },
  {
    name: '快乐童年素质拓展中心',
    kind: 'other',
    status: 'approved',
    courses: [{ name: '户外素质拓展', priceFen: 700, description: '团队游戏与体能' }],
  },
];
/** The institution the demo's school 1 booked, rated 2 and complained about twice. */
export const demoPoorInstitution = '快乐童年素质拓展中心';

export async function seedDemoInstitutions(
  ctx: AppContext,
  options: { districtId: string; schoolId: string; termId: string; adminUserId: string },
): Promise<void> {
  const db = ctx.db as Kysely<DB>;
  const officer = await db
    .selectFrom('users')
    .select('id')
    .where('username', '=', 'district')
    .executeTakeFirstOrThrow();
  const now = ctx.now();
  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * 86_400_000).toISOString();
  await db.transaction().execute(async (trx) => {
    for (const inst of demoInstitutions) {
      const id = newId();
      await trx
        .insertInto('institutions')
        .values({
          id,
          district_id: options.districtId,
          name: inst.name,
          kind: inst.kind,
          status: inst.status,
          created_at: at(60),
          updated_at: at(inst.status === 'approved' ? 55 : 60),
        })
        .execute();
      const transition = (event: string, from: string | null, to: string, note: string, when: string) =>
        trx
          .insertInto('institution_transitions')
          .values({
            id: newId(),
            institution_id: id,
            from_status: from,
            to_status: to,
            event,
            reason: null,
            note,
            by_user_id: officer.id,
            at: when,
          })
          .execute();
      await transition('register', null, 'applied', '', at(60));
      if (inst.status === 'approved')
        await transition('approve', 'applied', 'approved', '资质审核通过', at(55));
      const courseIds: string[] = [];
      for (const c of inst.courses) {
        const courseId = newId();
        courseIds.push(courseId);
        await trx
          .insertInto('institution_courses')
          .values({
            id: courseId,
            institution_id: id,
            name: c.name,
            kind: inst.kind,
            price_fen: c.priceFen,
            description: c.description,
            status: 'active',
            created_by: officer.id,
            created_at: at(60),
            retired_at: null,
          })
          .execute();
      }
      const booked = inst.name === demoPoorInstitution || inst.name === '华溪青少年足球俱乐部';
      if (!booked) continue;
      await trx
        .insertInto('institution_bookings')
        .values({
          id: newId(),
          institution_id: id,
          course_id: courseIds[0]!,
          school_id: options.schoolId,
          term_id: options.termId,
          offering_id: null,
          price_fen: inst.courses[0]!.priceFen,
          status: 'active',
          ends_on: null,
          end_reason: null,
          booked_by: options.adminUserId,
          created_at: at(50),
          updated_at: at(50),
        })
        .execute();
      const poor = inst.name === demoPoorInstitution;
      await trx
        .insertInto('institution_evaluations')
        .values({
          id: newId(),
          institution_id: id,
          school_id: options.schoolId,
          term_id: options.termId,
          score: poor ? 2 : 5,
          comment: poor ? '教练经常迟到，活动内容与约定不符' : '训练规范，学生喜欢',
          created_by: options.adminUserId,
          created_at: at(10),
        })
        .execute();
      if (!poor) continue;
      const complaints = [
        ['touting', '机构人员在校门口向家长发放收费培训班传单，招揽学生', 14],
        ['not_as_agreed', '约定每次 2 课时，实际只上 1 课时，且多次更换教练', 7],
      ] as const;
      for (const [category, description, daysAgo] of complaints)
        await trx
          .insertInto('institution_complaints')
          .values({
            id: newId(),
            institution_id: id,
            school_id: options.schoolId,
            category,
            description,
            occurred_on: at(daysAgo).slice(0, 10),
            status: 'open',
            handled_note: null,
            handled_by: null,
            handled_at: null,
            created_by: options.adminUserId,
            created_at: at(daysAgo - 1),
          })
          .execute();
    }
  });
}
