// The demo schools' teaching staff beyond the named demo logins: enough care teachers, of mixed
// subjects, for the duty roster to cover every temporary class (STAFF-4, STAFF-5), and a vice
// principal so the duty leader (值班领导) can rotate. They share the demo password.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { addStaff } from './demo';

const subjects = ['语文', '数学', '英语', '科学', '音乐', '美术', '体育', '道德与法治', '信息技术'];
const surnames = '赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜'.split('');

export async function seedDemoStaff(
  db: Kysely<DB>,
  input: {
    districtId: string;
    schoolId: string;
    /** Short school name for display names, and a username prefix. */
    label: string;
    prefix: string;
    phonePrefix: string;
    teachers: number;
    passwordHash: string;
    /** Existing staff to give a subject too. */
    existing: { userId: string; subject: string }[];
  },
  at: string,
): Promise<string[]> {
  const ids: string[] = [];
  await addStaff(
    db,
    {
      username: `${input.prefix}-vp`,
      displayName: `${input.label} 副校长 许老师`,
      phone: `${input.phonePrefix}0006999`,
      passwordHash: input.passwordHash,
      grants: [{ role: 'school_admin', districtId: input.districtId, schoolId: input.schoolId }],
    },
    at,
  );
  for (let i = 0; i < input.teachers; i++) {
    const subject = subjects[i % subjects.length]!;
    const userId = await addStaff(
      db,
      {
        username: `${input.prefix}-t${String(i + 1).padStart(2, '0')}`,
        displayName: `${input.label} ${subject} ${surnames[(i * 7) % surnames.length]}老师`,
        phone: `${input.phonePrefix}${String(7000 + i).padStart(7, '0')}`,
        passwordHash: input.passwordHash,
        grants: [{ role: 'care_teacher', districtId: input.districtId, schoolId: input.schoolId }],
      },
      at,
    );
    ids.push(userId);
    await db
      .insertInto('staff_profiles')
      .values({ school_id: input.schoolId, user_id: userId, subject, max_duties_per_week: 5, updated_at: at })
      .execute();
  }
  for (const e of input.existing)
    await db
      .insertInto('staff_profiles')
      .values({
        school_id: input.schoolId,
        user_id: e.userId,
        subject: e.subject,
        max_duties_per_week: null,
        updated_at: at,
      })
      .execute();
  return ids;
}
