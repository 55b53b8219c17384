// The demo's programme for one school: an autumn term whose application window is open when the
// demo is loaded (opened a day before, closes 14 days after), the National Day holidays and their
// make-up days, venues (a fire-safe nap room), a noon and an afternoon session, homework care for
// the whole school and six clubs (one small, so its draw is needed), the published notice to
// parents and version 1 of the safety agreement. Written straight to the database, like the rest
// of the demo, but composed by the programme's own rules.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { composeNotice, type SessionShape, type TermDay } from '../features/programme/rules';
import { newId } from '../server/context';

export interface DemoProgrammeSchool {
  id: string;
  name: string;
  studentCount: number;
  adminUserId: string;
  /** Staff to name as teachers, by offering name; the others get a free-text name. */
  teachers?: Record<string, { userId: string; displayName: string }>;
}

const dayMs = 86_400_000;

export const demoConditions = [
  {
    key: 'insurance',
    text: '已为孩子投保人身意外伤害保险（自愿参加延时看管的学生须由家长为其投保人身保险）',
    needsProof: true,
  },
  { key: 'self_care', text: '孩子身体健康，具备基本的生活自理能力', needsProof: false },
  { key: 'pickup', text: '家长承诺按时接送孩子，配合学校做好安全管理', needsProof: false },
];

/** Holidays and make-up days the demo knows; each term keeps those within its dates. */
const knownDays: TermDay[] = [
  ...['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'].map((date) => ({
    date,
    kind: 'holiday' as const,
    followsWeekday: null,
    note: '国庆节、中秋节放假',
  })),
  { date: '2026-09-27', kind: 'makeup', followsWeekday: 3, note: '国庆调休上班（按周三课表）' },
  { date: '2026-10-10', kind: 'makeup', followsWeekday: 5, note: '国庆调休上班（按周五课表）' },
  { date: '2027-01-01', kind: 'holiday', followsWeekday: null, note: '元旦放假' },
  ...['2027-04-05', '2027-05-03', '2027-05-04', '2027-05-05', '2027-06-09'].map((date) => ({
    date,
    kind: 'holiday' as const,
    followsWeekday: null,
    note: '清明、劳动节、端午节放假',
  })),
  { date: '2027-04-25', kind: 'makeup', followsWeekday: 1, note: '劳动节调休上班（按周一课表）' },
  { date: '2027-05-08', kind: 'makeup', followsWeekday: 2, note: '劳动节调休上班（按周二课表）' },
];

/** A demo term: its name, dates and application window. */
export interface DemoTermSpec {
  name: string;
  startsOn: string;
  endsOn: string;
  windowOpensAt: string;
  windowClosesAt: string;
}

/** The term in progress when the demo loads, and the next one (autumn: September–January; spring: February–July). */
export function demoTerms(at: string): { running: DemoTermSpec; next: DemoTermSpec } {
  const now = Date.parse(at);
  const d = new Date(now);
  const year = d.getUTCFullYear();
  const month = d.getUTCMonth() + 1;
  const autumn = (y: number) => ({ name: `${y} 秋季学期`, startsOn: `${y}-09-01`, endsOn: `${y + 1}-01-22` });
  const spring = (y: number) => ({ name: `${y} 春季学期`, startsOn: `${y}-02-22`, endsOn: `${y}-07-02` });
  const [running, next] =
    month >= 8
      ? [autumn(year), spring(year + 1)]
      : month === 1
        ? [autumn(year - 1), spring(year)]
        : [spring(year), autumn(year)];
  // The running term's window closed before it started; the next one's is open now for 14 days.
  const startMs = Date.parse(`${running.startsOn}T00:00:00Z`);
  return {
    running: {
      ...running,
      windowOpensAt: new Date(startMs - 24 * dayMs).toISOString(),
      windowClosesAt: new Date(startMs - 10 * dayMs).toISOString(),
    },
    next: {
      ...next,
      windowOpensAt: new Date(now - dayMs).toISOString(),
      windowClosesAt: new Date(now + 14 * dayMs).toISOString(),
    },
  };
}

const noticeTexts = (schoolName: string) => ({
  greeting:
    '尊敬的家长朋友：\n为切实解决学生“放学早、接送难”的问题，根据上级关于做好中小学生课后服务工作的指导意见，' +
    `${schoolName}本学期继续开展课后服务。课后服务坚持“家长自愿、公益普惠”的原则，学校不强制或变相强制学生参加。现将有关事项告知如下。`,
  applyMethod:
    '1. 家长在报名期间登录“课后”App，为孩子提交申请，选择时段和社团（可填第二志愿）；\n' +
    '2. 班主任初审、学校核准后，名额不足的社团将先保障优先群体，再公开抽签；\n' +
    '3. 录取后请在 App 中阅读并签署《课后服务安全责任书》，签署后方可参加。',
  safety:
    '1. 每个临时班配备临时班主任，点名考勤，确保不漏一人；\n' +
    '2. 午休室已通过消防安全检查；\n' +
    '3. 放学时由临时班主任将孩子交到家长手中，家长与孩子互相确认后方可离校；\n' +
    '4. 学校制定了突发事件应急预案，值班领导全程巡查。',
  notes:
    '1. 课后服务严禁集体补课，内容以作业辅导、阅读、社团和体育活动为主；\n' +
    '2. 退出课后服务须提前一周书面申请；\n' +
    '3. 收费标准经上级部门核定，按月结算，多退少补。',
  contact: `${schoolName}教务处  联系电话 0551-6288 0000（工作日 8:00–17:30）`,
});

export const agreementBody = `甲方：学校    乙方：学生家长（监护人）

为保障学生参加课后服务期间的安全，明确双方责任，经双方协商，签订本责任书。

一、服务时间与形式
1. 课后服务时间为学校工作日午间（11:40–13:30）及下午放学后（15:30–17:30），节假日不安排。
2. 服务内容为作业辅导看护、自主阅读、社团及兴趣小组活动等，严禁集体补课。
3. 学生根据兴趣重新编入临时班，由临时班主任负责管理。

二、甲方责任
1. 安排教师看护，做好点名考勤和看护记录，发现学生缺勤及时告知家长。
2. 保证活动场所安全，午休场所须经消防安全检查。
3. 服务结束时，由临时班主任将学生交给家长或家长授权的接送人，双方确认后方可离校。
4. 学生在校发生意外时，立即救护并第一时间通知监护人。

三、乙方责任
1. 自愿为孩子申请参加课后服务，如实提供孩子的健康状况和联系方式。
2. 自愿参加延时看管的学生须由家长为其投保人身保险。
3. 按时接孩子，不能按时接送时提前告知临时班主任；变更接送人须事先在 App 中登记。
4. 教育孩子遵守纪律，爱护公物，不擅自离开服务场所。
5. 孩子请假须提前在 App 中报告。

四、其他
1. 课后服务原则上以一学期为相对固定期；退出须提前一周提出书面申请，经学校批准后退出。
2. 本责任书自乙方在 App 中签名确认之日起生效，有效期至本学期课后服务结束。`;

/** Seeds the school's programme; returns the term id. */
export async function seedDemoProgramme(
  db: Kysely<DB>,
  school: DemoProgrammeSchool,
  at: string,
  spec: DemoTermSpec,
): Promise<string> {
  const now = Date.parse(at);
  const termId = newId();
  const term = { ...spec, conditions: demoConditions };
  const calendar = knownDays.filter((d) => d.date >= spec.startsOn && d.date <= spec.endsOn);
  await db
    .insertInto('terms')
    .values({
      id: termId,
      school_id: school.id,
      name: term.name,
      starts_on: term.startsOn,
      ends_on: term.endsOn,
      window_opens_at: term.windowOpensAt,
      window_closes_at: term.windowClosesAt,
      conditions: JSON.stringify(term.conditions),
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
  if (calendar.length)
    await db
      .insertInto('term_days')
      .values(
        calendar.map((d) => ({
          term_id: termId,
          date: d.date,
          kind: d.kind,
          follows_weekday: d.followsWeekday,
          note: d.note,
        })),
      )
      .execute();

  const checkedOn = new Date(now - 10 * dayMs).toISOString().slice(0, 10);
  const venueSpecs: [string, string, number, boolean][] = [
    ['各班教室', 'classroom', school.studentCount, false],
    ['午休室', 'nap_room', 80, true],
    ['操场', 'sports_ground', 200, false],
    ['多功能活动室', 'activity_room', 40, false],
    ['美术室', 'activity_room', 30, false],
    ['音乐教室', 'activity_room', 45, false],
    ['科学实验室', 'activity_room', 24, false],
    ['图书阅览室', 'reading_room', 50, false],
  ];
  // Venues belong to the school, not the term: the second term finds them in place.
  const existing = await db
    .selectFrom('venues')
    .select(['id', 'name'])
    .where('school_id', '=', school.id)
    .execute();
  const venues =
    existing.length > 0
      ? existing
      : venueSpecs.map(([name, kind, capacity, fireSafe]) => ({
          id: newId(),
          school_id: school.id,
          name,
          kind,
          capacity,
          fire_safe: fireSafe ? 1 : 0,
          fire_safe_checked_on: fireSafe ? checkedOn : null,
          created_at: at,
          updated_at: at,
        }));
  if (existing.length === 0)
    await db
      .insertInto('venues')
      .values(venues as DB['venues'][])
      .execute();
  const venueId = (name: string) => venues.find((v) => v.name === name)!.id;

  const sessions: SessionShape[] = [
    {
      id: newId(),
      name: '午托',
      kind: 'noon',
      weekdays: [1, 2, 3, 4, 5],
      startsAt: '11:40',
      endsAt: '13:30',
      classHours: 2,
    },
    {
      id: newId(),
      name: '课后服务',
      kind: 'afternoon',
      weekdays: [1, 2, 3, 4, 5],
      startsAt: '15:30',
      endsAt: '17:30',
      classHours: 2,
    },
  ];
  await db
    .insertInto('term_sessions')
    .values(
      sessions.map((s) => ({
        id: s.id,
        school_id: school.id,
        term_id: termId,
        name: s.name,
        kind: s.kind,
        weekdays: s.weekdays.join(','),
        starts_at: s.startsAt,
        ends_at: s.endsAt,
        class_hours: s.classHours,
        created_at: at,
        updated_at: at,
      })),
    )
    .execute();
  const [noon, afternoon] = sessions as [SessionShape, SessionShape];

  // FEE-3 caps: homework care is ordinary care at 180 yuan a month (cap 150–200); clubs are
  // charged per class-hour (after-school ≤ 2 yuan, special activities ≤ 8), noon care ≤ 3.
  type Spec = [string, string, string | null, SessionShape, string, number, number, string, string];
  const offeringSpecs: Spec[] = [
    ['午休看护', 'nap', null, noon, '午休室', 80, 300, '午餐后在午休室午睡，教师全程看护', '周老师'],
    [
      '作业辅导看护',
      'homework_care',
      null,
      afternoon,
      '各班教室',
      school.studentCount,
      18_000,
      '指导学生完成当天作业，对学习有困难的学生个别答疑',
      '各班看护教师',
    ],
    ['足球社团', 'club', 'sport', afternoon, '操场', 30, 200, '基本技术与小场地比赛', '体育组 郑老师'],
    [
      '围棋社团',
      'club',
      'sport',
      afternoon,
      '多功能活动室',
      24,
      200,
      '围棋入门、对弈与复盘',
      '外聘 围棋教练',
    ],
    ['书法社团', 'club', 'art', afternoon, '美术室', 20, 200, '硬笔与毛笔书法', '美术组 钱老师'],
    ['合唱团', 'club', 'art', afternoon, '音乐教室', 30, 200, '童声合唱与发声训练', '音乐组 冯老师'],
    ['经典诵读', 'club', 'language', afternoon, '图书阅览室', 25, 200, '古诗文诵读与演讲', '语文组 沈老师'],
    [
      '科学小实验',
      'club',
      'science',
      afternoon,
      '科学实验室',
      12,
      200,
      '动手做有趣的科学小实验（名额少，报满抽签）',
      '科学组 韩老师',
    ],
  ];
  const offerings = offeringSpecs.map(
    ([name, kind, category, session, venue, capacity, feeFen, description, teacherName]) => {
      const teacher = school.teachers?.[name];
      return {
        id: newId(),
        school_id: school.id,
        term_id: termId,
        session_id: session.id,
        venue_id: venueId(venue),
        kind,
        category,
        name,
        description,
        capacity,
        teacher_user_id: teacher?.userId ?? null,
        teacher_name: teacher ? null : teacherName,
        // What the notice shows: a staff member's name, else the free text.
        shown_teacher: teacher?.displayName ?? teacherName,
        fee_basis: kind === 'homework_care' ? 'month' : 'class_hour',
        fee_fen: feeFen,
        created_at: at,
        updated_at: at,
      };
    },
  );
  await db
    .insertInto('offerings')
    .values(offerings.map(({ shown_teacher: _, ...row }) => row))
    .execute();

  const texts = noticeTexts(school.name);
  await db
    .insertInto('term_notice_drafts')
    .values({ term_id: termId, texts: JSON.stringify(texts), updated_at: at })
    .execute();
  const content = composeNotice({
    schoolName: school.name,
    term,
    calendar,
    sessions,
    offerings: offerings.map((o) => ({
      sessionId: o.session_id,
      kind: o.kind as 'club',
      category: o.category as 'sport' | null,
      name: o.name,
      description: o.description,
      capacity: o.capacity,
      venueName: venues.find((v) => v.id === o.venue_id)!.name,
      teacherName: o.shown_teacher,
      feeBasis: o.fee_basis as 'month' | 'class_hour',
      feeFen: o.fee_fen,
    })),
    texts,
    timeZone: 'Asia/Shanghai',
  });
  await db
    .insertInto('term_notices')
    .values({
      id: newId(),
      term_id: termId,
      version: 1,
      content: JSON.stringify(content),
      published_at: at,
      published_by: school.adminUserId,
    })
    .execute();
  await db
    .insertInto('agreement_texts')
    .values({
      id: newId(),
      school_id: school.id,
      term_id: termId,
      version: 1,
      title: '课后服务安全责任书',
      body: agreementBody,
      created_by: school.adminUserId,
      created_at: at,
    })
    .execute();
  return termId;
}
