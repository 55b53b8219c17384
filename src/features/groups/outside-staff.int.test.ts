// rule STAFF-6, DIST-2, SAFE-2 on both databases: outside staff are registered, checked and
// approved before the roster may name them; an institution's staff need an institution on the
// district's approved list; identity numbers are masked and a full read is logged.
import type { Kysely } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeBothDatabases } from '../../../test/db-matrix';
import { type DutyWorld, seedDutyWorld, setSchoolSettings, volunteer } from '../../../test/duty-fixtures';
import { type Client, password, seedWorld, signIn, type World } from '../../../test/fixtures';
import { addStaff } from '../../cli/demo';
import type { DB } from '../../db/schema';
import { hashPassword } from '../../server/auth/passwords';
import { classDutyRole, loadTempClass } from '../daily/class-access';
import type { OutsideDetail } from './outside-contract';
import { checkKinds } from './outside-rules';
import type { RosterDetail } from './roster-contract';

describeBothDatabases('outside staff', (h) => {
  let w: World;
  let d: DutyWorld;
  let admin: Client;
  let district: Client;
  let coachUser: string;
  let coach: OutsideDetail;
  const db = () => h().ctx.db as Kysely<DB>;
  const school = () => `/api/v1/schools/${w.schoolA}`;
  const institutions = () => `/api/v1/districts/${w.districtId}/institutions`;
  const person = {
    name: '王教练',
    kind: 'coach',
    phone: '13812345678',
    idNumber: '310101199001011234',
  };
  const check = (kind: string, passed = true, validUntil: string | null = null) => ({
    kind,
    passed,
    note: passed ? '已核验' : '未通过',
    checkedOn: '2026-09-01',
    validUntil,
  });

  beforeAll(async () => {
    h().setNow('2026-09-01T01:00:00.000Z');
    w = await seedWorld(h());
    // One teacher volunteers, and the small class needs one adult: the coach fills the big class.
    d = await seedDutyWorld(h(), w, { name: '外聘', prefix: 'ot', teacherCount: 1, endsOn: '2026-09-04' });
    coachUser = await addStaff(
      db(),
      {
        username: 'coach1',
        displayName: '王教练',
        passwordHash: await hashPassword(password),
        grants: [{ role: 'outside_staff', districtId: w.districtId, schoolId: w.schoolA }],
      },
      h().ctx.now().toISOString(),
    );
    for (const userId of [d.teachers.ot1!, coachUser])
      await volunteer(h(), w, d.term.termId, userId, d.term.afternoonSessionId, [1, 2, 3, 4, 5]);
    admin = await signIn(h(), 'admin');
    district = await signIn(h(), 'district');
  });

  const rosterPeople = async () => {
    const v = (await admin.send('POST', `${school()}/terms/${d.term.termId}/rosters`)).json();
    const detail: RosterDetail = (await admin.get(`${school()}/rosters/${v.id}`)).json();
    return new Set(detail.duties.map((x) => x.userId));
  };

  describe('the review (STAFF-6)', () => {
    it('registers a person with their account; lists show masked numbers', async () => {
      const bad = await admin.send('POST', `${school()}/outside-staff`, { ...person, idNumber: '12345' });
      expect(bad.statusCode).toBe(400);
      const res = await admin.send('POST', `${school()}/outside-staff`, { ...person, userId: coachUser });
      expect(res.statusCode).toBe(201);
      coach = res.json();
      expect(coach).toMatchObject({
        status: 'registered',
        idNumberMasked: '3101**********1234',
        phoneMasked: '138****5678',
        rosterable: false,
        outstanding: [...checkKinds],
      });
      const list = await admin.get(`${school()}/outside-staff`);
      expect(list.body).not.toContain('310101199001011234');
      expect(list.body).not.toContain('13812345678');
      const audit = await db()
        .selectFrom('audit_log')
        .select('after_json')
        .where('action', '=', 'outsideStaff.register')
        .executeTakeFirstOrThrow();
      expect(audit.after_json).not.toContain('310101199001011234');
    });

    it('the guard sees names and statuses only; a full read is the school’s, and logged', async () => {
      const guard = await signIn(h(), 'guard');
      const [item] = (await guard.get(`${school()}/outside-staff`)).json().items;
      expect(Object.keys(item).sort()).toEqual([
        'id',
        'institutionName',
        'kind',
        'name',
        'rosterable',
        'status',
      ]);
      expect((await guard.get(`${school()}/outside-staff/${coach.id}/identity`)).statusCode).toBe(403);
      const care = await signIn(h(), 'care');
      expect((await care.get(`${school()}/outside-staff`)).statusCode).toBe(403);
      const adminB = await signIn(h(), 'adminB');
      expect((await adminB.get(`${school()}/outside-staff/${coach.id}/identity`)).statusCode).toBe(404);
      const full = await admin.get(`${school()}/outside-staff/${coach.id}/identity`);
      expect(full.json()).toEqual({ idNumber: '310101199001011234', phone: '13812345678' });
      const logged = await db()
        .selectFrom('audit_log')
        .select(['actor_user_id', 'entity_id'])
        .where('action', '=', 'read.sensitive')
        .execute();
      expect(logged).toHaveLength(1);
      expect(logged[0]!.entity_id).toBe(coach.id);
    });

    it('is not rostered until all five checks pass and the school approves', async () => {
      expect((await rosterPeople()).has(coachUser)).toBe(false);
      const url = `${school()}/outside-staff/${coach.id}`;
      for (const kind of checkKinds.slice(0, 4)) {
        const res = await admin.send('POST', `${url}/checks`, check(kind));
        expect(res.statusCode).toBe(200);
      }
      expect((await admin.get(url)).json().status).toBe('under_review');
      const early = await admin.send('POST', `${url}/events`, { event: 'approve' });
      expect(early.statusCode).toBe(422);
      expect(early.json().code).toBe('OUTSIDE_CHECKS_OUTSTANDING');
      expect(early.json().message).toContain('health');
      await admin.send('POST', `${url}/checks`, check('health'));
      const approved = await admin.send('POST', `${url}/events`, { event: 'approve', note: '材料齐全' });
      expect(approved.json()).toMatchObject({ status: 'approved', rosterable: true, outstanding: [] });
      expect((await rosterPeople()).has(coachUser)).toBe(true);
    });

    it('a failed check sends the person back under review and off the roster', async () => {
      const url = `${school()}/outside-staff/${coach.id}`;
      // The coach's duties are published before the failure: the school is told to hand them on.
      const draft = await db()
        .selectFrom('duty_rosters')
        .select('id')
        .where('term_id', '=', d.term.termId)
        .orderBy('version', 'desc')
        .executeTakeFirstOrThrow();
      expect((await admin.send('POST', `${school()}/rosters/${draft.id}/publish`)).statusCode).toBe(200);
      const duty = await db()
        .selectFrom('duty_assignments')
        .select(['temp_class_id', 'date'])
        .where('roster_id', '=', draft.id)
        .where('user_id', '=', coachUser)
        .where('role', '=', 'care')
        .executeTakeFirstOrThrow();
      const cls = await loadTempClass(db(), w.schoolA, duty.temp_class_id!);
      expect(await classDutyRole(db(), coachUser, false, cls, duty.date)).toBe('care');
      const failed = await admin.send('POST', `${url}/checks`, check('health', false));
      expect(failed.json()).toMatchObject({ status: 'under_review', outstanding: ['health'] });
      const warned = await db()
        .selectFrom('notifications')
        .select(['params'])
        .where('kind', '=', 'outsideStaff.offRoster')
        .execute();
      // Both administrators, each told the count of the coach's duties from today.
      expect(warned).toHaveLength(2);
      expect(JSON.parse(warned[0]!.params)).toMatchObject({ name: '王教练', status: 'under_review' });
      expect(JSON.parse(warned[0]!.params).count).toBeGreaterThan(0);
      expect((await rosterPeople()).has(coachUser)).toBe(false);
      // STAFF-6: the duty published while approved no longer lets the coach stand for the class.
      expect(await classDutyRole(db(), coachUser, false, cls, duty.date)).toBeNull();
      const trail = await db()
        .selectFrom('audit_log')
        .select('action')
        .where('entity_id', '=', coach.id)
        .where('action', 'like', 'outsideStaff.%')
        .orderBy('at')
        .orderBy('id')
        .execute();
      expect(trail.map((t) => t.action)).toEqual([
        'outsideStaff.register',
        'outsideStaff.review',
        'outsideStaff.approve',
        'outsideStaff.lapse',
      ]);
    });

    it('an expired check lapses on the next look (no timer needed)', async () => {
      const url = `${school()}/outside-staff/${coach.id}`;
      await admin.send('POST', `${url}/checks`, check('health', true, '2026-09-02'));
      expect((await admin.send('POST', `${url}/events`, { event: 'approve' })).json().status).toBe(
        'approved',
      );
      h().setNow('2026-09-03T01:00:00.000Z');
      const [item] = (await admin.get(`${school()}/outside-staff`)).json().items;
      expect(item).toMatchObject({ status: 'under_review', outstanding: ['health'] });
      h().setNow('2026-09-01T01:00:00.000Z');
    });

    it('refuses what the state machine does not allow', async () => {
      const url = `${school()}/outside-staff/${coach.id}/events`;
      const res = await admin.send('POST', url, { event: 'reinstate' });
      expect(res.statusCode).toBe(409);
      expect(res.json().code).toBe('INVALID_TRANSITION');
      expect((await admin.send('POST', url, { event: 'lapse' })).statusCode).toBe(400);
    });
  });

  describe('institutions (DIST-2)', () => {
    let institutionId: string;

    it('the district lists non-subject institutions; a school cannot', async () => {
      const tutoring = await district.send('POST', institutions(), {
        name: '星火数学培优中心',
        kind: 'other',
      });
      expect(tutoring.statusCode).toBe(422);
      expect(tutoring.json().code).toBe('SUBJECT_TEACHING_FORBIDDEN');
      expect(
        (await district.send('POST', institutions(), { name: '补课', kind: 'subject' })).statusCode,
      ).toBe(400);
      expect(
        (await admin.send('POST', institutions(), { name: '星火体育俱乐部', kind: 'sport' })).statusCode,
      ).toBe(403);
      const res = await district.send('POST', institutions(), { name: '星火体育俱乐部', kind: 'sport' });
      expect(res.statusCode).toBe(201);
      expect(res.json().status).toBe('applied');
      institutionId = res.json().id;
      const dup = await district.send('POST', institutions(), { name: '星火体育俱乐部', kind: 'sport' });
      expect(dup.json().code).toBe('INSTITUTION_NAME_TAKEN');
    });

    it('an institution not on the approved list is refused; once approved its staff can be registered', async () => {
      const staff = { ...person, name: '李老师', kind: 'institution_staff', institutionId };
      const refused = await admin.send('POST', `${school()}/outside-staff`, staff);
      expect(refused.statusCode).toBe(422);
      expect(refused.json().code).toBe('INSTITUTION_NOT_APPROVED');
      expect((await admin.get(`${school()}/institutions`)).json().items).toEqual([]);
      const approved = await district.send('POST', `${institutions()}/${institutionId}/events`, {
        event: 'approve',
      });
      expect(approved.json().status).toBe('approved');
      expect(
        (await admin.get(`${school()}/institutions`)).json().items.map((i: { id: string }) => i.id),
      ).toEqual([institutionId]);
      const res = await admin.send('POST', `${school()}/outside-staff`, staff);
      expect(res.statusCode).toBe(201);
      expect(res.json().institutionName).toBe('星火体育俱乐部');
      const noInstitution = await admin.send('POST', `${school()}/outside-staff`, {
        ...staff,
        institutionId: null,
      });
      expect(noInstitution.json().code).toBe('OUTSIDE_INSTITUTION_REQUIRED');
    });

    it('an institution’s approved staff are rostered only while the institution stays on the list', async () => {
      const account = await addStaff(
        db(),
        {
          username: 'inst1',
          displayName: '孙教练',
          passwordHash: null,
          grants: [{ role: 'outside_staff', districtId: w.districtId, schoolId: w.schoolA }],
        },
        h().ctx.now().toISOString(),
      );
      const created = await admin.send('POST', `${school()}/outside-staff`, {
        ...person,
        name: '孙教练',
        kind: 'institution_staff',
        institutionId,
        userId: account,
      });
      const url = `${school()}/outside-staff/${created.json().id}`;
      for (const kind of checkKinds) await admin.send('POST', `${url}/checks`, check(kind));
      expect((await admin.send('POST', `${url}/events`, { event: 'approve' })).json().rosterable).toBe(true);
      // The school fills in the form for someone without a phone at hand.
      const slots = [1, 2, 3, 4, 5].map((weekday) => ({ sessionId: d.term.afternoonSessionId, weekday }));
      const filled = await admin.send('PUT', `${school()}/terms/${d.term.termId}/availability/${account}`, {
        slots,
      });
      expect(filled.statusCode).toBe(200);
      expect((await rosterPeople()).has(account)).toBe(true);
      await district.send('POST', `${institutions()}/${institutionId}/events`, {
        event: 'suspend',
        note: '核查资质',
      });
      expect((await rosterPeople()).has(account)).toBe(false);
      const [item] = (await admin.get(`${school()}/outside-staff`))
        .json()
        .items.filter((i: { name: string }) => i.name === '孙教练');
      expect(item).toMatchObject({ status: 'approved', rosterable: false });
      await district.send('POST', `${institutions()}/${institutionId}/events`, { event: 'reinstate' });
    });

    it('a school that forbids paid outside bodies refuses institution staff', async () => {
      await setSchoolSettings(h(), w.schoolA, { staffRatio: 5, allowPaidOutsideBodies: false });
      const res = await admin.send('POST', `${school()}/outside-staff`, {
        ...person,
        name: '赵老师',
        kind: 'institution_staff',
        institutionId,
      });
      expect(res.statusCode).toBe(422);
      expect(res.json().code).toBe('OUTSIDE_PAID_BODIES_FORBIDDEN');
      await setSchoolSettings(h(), w.schoolA, { staffRatio: 5 });
    });

    it('removal is final and audited with the district', async () => {
      const url = `${institutions()}/${institutionId}/events`;
      expect((await district.send('POST', url, { event: 'suspend', note: '家长投诉' })).json().status).toBe(
        'suspended',
      );
      expect((await district.send('POST', url, { event: 'remove' })).json().code).toBe(
        'INSTITUTION_REASON_REQUIRED',
      );
      expect(
        (await district.send('POST', url, { event: 'remove', reason: 'low_quality' })).json().status,
      ).toBe('removed');
      expect((await district.send('POST', url, { event: 'reinstate' })).json().code).toBe(
        'INVALID_TRANSITION',
      );
      const rows = await db()
        .selectFrom('audit_log')
        .select(['action', 'district_id'])
        .where('entity', '=', 'institution')
        .orderBy('at')
        .orderBy('id')
        .execute();
      expect(rows.map((r) => r.action)).toEqual([
        'institution.register',
        'institution.approve',
        'institution.suspend',
        'institution.reinstate',
        'institution.suspend',
        'institution.remove',
      ]);
      expect(rows.every((r) => r.district_id === w.districtId)).toBe(true);
    });
  });
});
