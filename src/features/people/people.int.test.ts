// People through the HTTP layer, on both databases: who sees which students, who may change
// them, sensitive categories, guardians and authorised adults, staff roles, and the audit trail.
import { beforeAll, expect, it } from 'vitest';
import { describeBothDatabases } from '../../../test/db-matrix';
import { type Client, seedWorld, signIn, type World } from '../../../test/fixtures';

describeBothDatabases('people', (h) => {
  let w: World;
  let admin: Client;
  let teacher: Client;
  let parent: Client;
  let finance: Client;
  const students = (school: string, query = '') => `/api/v1/schools/${school}/students${query}`;

  beforeAll(async () => {
    w = await seedWorld(h());
    admin = await signIn(h(), 'admin');
    teacher = await signIn(h(), 'teacher');
    parent = await signIn(h(), w.parentPhone);
    finance = await signIn(h(), 'finance');
  });

  it('an admin lists, filters and searches the whole school', async () => {
    const all = (await admin.get(students(w.schoolA, '?pageSize=200'))).json();
    expect(all.total).toBeGreaterThanOrEqual(15);
    expect(new Set(all.items.map((s: { classId: string }) => s.classId)).size).toBe(3);
    const grade2 = (await admin.get(students(w.schoolA, '?grade=2'))).json();
    expect(grade2.items.every((s: { grade: number }) => s.grade === 2)).toBe(true);
    const someone = all.items[0];
    const found = (await admin.get(students(w.schoolA, `?q=${encodeURIComponent(someone.name)}`))).json();
    expect(found.items.map((s: { id: string }) => s.id)).toContain(someone.id);
    const byNo = (await admin.get(students(w.schoolA, `?q=${someone.studentNo}`))).json();
    expect(byNo.items).toHaveLength(1);
  });

  it('a search treats % and _ literally', async () => {
    const res = (await admin.get(students(w.schoolA, '?q=%25'))).json();
    expect(res.items).toHaveLength(0);
  });

  it('a parent sees only their own children, and another child answers "not found"', async () => {
    const mine = (await parent.get(students(w.schoolA))).json();
    expect(mine.items.map((s: { id: string }) => s.id)).toEqual([w.childOfParent]);
    expect((await parent.get(students(w.schoolA, `/${w.childOfParent}`))).statusCode).toBe(200);
    const other = await parent.get(students(w.schoolA, `/${w.otherChild}`));
    expect(other.statusCode).toBe(404);
    expect(other.json().code).toBe('NOT_FOUND');
  });

  it('a class teacher sees only their own class', async () => {
    const list = (await teacher.get(students(w.schoolA, '?pageSize=200'))).json();
    expect(list.items.length).toBeGreaterThan(0);
    expect(list.items.every((s: { classId: string }) => s.classId === w.classA11)).toBe(true);
    expect((await teacher.get(students(w.schoolA, `/${w.otherChild}`))).statusCode).toBe(404);
    const classes = (await teacher.get(`/api/v1/schools/${w.schoolA}/classes`)).json();
    expect(classes.items.map((c: { id: string }) => c.id)).toEqual([w.classA11]);
  });

  it("another school's records do not exist for you", async () => {
    expect((await admin.get(students(w.schoolB))).statusCode).toBe(404);
    expect((await admin.get(students(w.schoolA, `/${w.studentOfB}`))).statusCode).toBe(404);
    expect((await admin.get(students(w.schoolB, `/${w.studentOfB}`))).statusCode).toBe(404);
    const adminB = await signIn(h(), 'adminB');
    expect((await adminB.get(students(w.schoolA, `/${w.childOfParent}`))).statusCode).toBe(404);
    expect(
      (await adminB.send('PATCH', students(w.schoolA, `/${w.childOfParent}`), { name: '改名' })).statusCode,
    ).toBe(404);
  });

  it('roles without a reach over students are refused', async () => {
    for (const who of ['care', 'guard', 'district']) {
      const client = await signIn(h(), who);
      const res = await client.get(students(w.schoolA));
      expect(res.statusCode, who).toBe(403);
      expect(res.json().code).toBe('FORBIDDEN');
    }
    expect(
      (await finance.send('PATCH', students(w.schoolA, `/${w.childOfParent}`), { name: '改名' })).statusCode,
    ).toBe(403);
    expect(
      (await teacher.send('PATCH', students(w.schoolA, `/${w.childOfParent}`), { name: '改名' })).statusCode,
    ).toBe(403);
    expect(
      (await parent.send('PATCH', students(w.schoolA, `/${w.childOfParent}`), { name: '改名' })).statusCode,
    ).toBe(403);
    expect((await teacher.get(`/api/v1/schools/${w.schoolA}/audit`)).statusCode).toBe(403);
    expect((await parent.get(`/api/v1/schools/${w.schoolA}/staff`)).statusCode).toBe(403);
  });

  it('sensitive categories are seen and set only by admin and finance (ENR-4, FEE-6)', async () => {
    const url = students(w.schoolA, `/${w.childOfParent}/categories`);
    const set = await admin.send('PUT', url, { categories: ['registered_poor', 'left_behind'] });
    expect(set.statusCode).toBe(200);
    expect(set.json().categories).toEqual(['left_behind', 'registered_poor']);
    expect((await finance.get(students(w.schoolA, `/${w.childOfParent}`))).json().categories).toEqual([
      'left_behind',
      'registered_poor',
    ]);
    const financeList = (await finance.get(students(w.schoolA, `?classId=${w.classA11}`))).json();
    expect(financeList.items.find((s: { id: string }) => s.id === w.childOfParent).categories).toHaveLength(
      2,
    );
    for (const client of [teacher, parent]) {
      const detail = (await client.get(students(w.schoolA, `/${w.childOfParent}`))).json();
      expect(detail.categories).toBeUndefined();
      expect(detail.canSeeCategories).toBe(false);
      const list = (await client.get(students(w.schoolA))).json();
      expect(list.items.every((s: object) => !('categories' in s))).toBe(true);
      expect((await client.send('PUT', url, { categories: [] })).statusCode).toBe(403);
    }
    const bad = await admin.send('PUT', url, { categories: ['rich'] });
    expect(bad.statusCode).toBe(400);
  });

  it('an edit is audited with before and after, in the same transaction', async () => {
    const before = (await admin.get(students(w.schoolA, `/${w.otherChild}`))).json();
    const res = await admin.send('PATCH', students(w.schoolA, `/${w.otherChild}`), {
      name: '新名字',
      classId: w.classA21,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ name: '新名字', classId: w.classA21, grade: 2 });
    const audit = (await admin.get(`/api/v1/schools/${w.schoolA}/audit?entityId=${w.otherChild}`)).json();
    const row = audit.items.find((r: { action: string }) => r.action === 'student.update');
    expect(row.before).toMatchObject({ name: before.name, class_id: before.classId });
    expect(row.after).toMatchObject({ name: '新名字', class_id: w.classA21 });
    expect(row.actorName).toBe('admin 老师');
    // Saving the same values again changes nothing and writes no audit row.
    await admin.send('PATCH', students(w.schoolA, `/${w.otherChild}`), { name: '新名字' });
    const again = (await admin.get(`/api/v1/schools/${w.schoolA}/audit?entityId=${w.otherChild}`)).json();
    expect(again.items.length).toBe(audit.items.length);
  });

  it('bad input gets 400 naming each field, in the caller’s language', async () => {
    const res = await admin.send('POST', students(w.schoolA), { studentNo: '', name: '', gender: 'X' });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe('VALIDATION_FAILED');
    const fields = body.fields.map((f: { field: string }) => f.field).sort();
    expect(fields).toEqual(['classId', 'gender', 'name', 'studentNo']);
    expect(body.message).toMatch(/输入有误/);
    const en = await h().app.inject({
      method: 'POST',
      url: students(w.schoolA),
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'accept-language': 'en-US' },
      payload: { studentNo: 'A1', name: '某', gender: 'M' },
    });
    expect(en.statusCode).toBe(400);
    expect(en.json()).toMatchObject({
      message: 'Some fields need attention',
      fields: [{ field: 'classId', message: 'Required' }],
    });
    const malformed = await h().app.inject({
      method: 'POST',
      url: students(w.schoolA),
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': 'application/json' },
      payload: '{"name": ',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().code).toBe('VALIDATION_FAILED');
  });

  it('creates a student and refuses a duplicate student number', async () => {
    const input = { studentNo: 'T-900', name: '赵新生', gender: 'F', classId: w.classA12 };
    expect((await admin.send('POST', students(w.schoolA), input)).statusCode).toBe(201);
    const dup = await admin.send('POST', students(w.schoolA), input);
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('STUDENT_NO_TAKEN');
    expect(dup.json().message).toContain('T-900');
  });

  it('links a guardian, who gets a parent account and sees the child', async () => {
    const url = students(w.schoolA, `/${w.otherChild}/guardians`);
    const res = await admin.send('POST', url, { name: '钱多多', relation: '母亲', phone: '13655556666' });
    expect(res.statusCode).toBe(200);
    expect(res.json().guardians.find((g: { phone: string }) => g.phone === '13655556666')).toMatchObject({
      hasAccount: true,
      relation: '母亲',
    });
    const bad = await admin.send('POST', url, { name: '钱多多', relation: '母亲', phone: '12345' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields[0]).toMatchObject({ field: 'phone' });
    expect(bad.json().fields[0].message).toContain('手机号');
    const user = await h()
      .ctx.db.selectFrom('users')
      .select(['id', 'password_hash'])
      .where('phone', '=', '13655556666')
      .executeTakeFirstOrThrow();
    expect(user.password_hash).toBeNull();
    const guardianId = res.json().guardians.find((g: { phone: string }) => g.phone === '13655556666').id;
    const unlinked = await admin.send('DELETE', `${url}/${guardianId}`);
    expect(unlinked.json().guardians.some((g: { id: string }) => g.id === guardianId)).toBe(false);
    const grants = await h()
      .ctx.db.selectFrom('role_grants')
      .select('id')
      .where('user_id', '=', user.id)
      .where('role', '=', 'parent')
      .execute();
    expect(grants).toHaveLength(0);
  });

  it('a family authorises and revokes a pickup adult; revoked rows are kept (DAY-4)', async () => {
    const url = students(w.schoolA, `/${w.childOfParent}/adults`);
    const added = await parent.send('POST', url, { name: '李奶奶', relation: '奶奶', phone: '13512345678' });
    expect(added.statusCode).toBe(200);
    const adult = added.json().adults.find((a: { name: string }) => a.name === '李奶奶');
    expect(adult.revokedAt).toBeNull();
    const revoked = await parent.send('POST', `${url}/${adult.id}/revoke`);
    expect(revoked.json().adults.find((a: { id: string }) => a.id === adult.id).revokedAt).not.toBeNull();
    expect(
      (
        await parent.send('POST', students(w.schoolA, `/${w.otherChild}/adults`), {
          name: 'x',
          relation: 'y',
        })
      ).statusCode,
    ).toBe(404);
    expect((await teacher.send('POST', url, { name: '某某', relation: '舅舅' })).statusCode).toBe(403);
  });

  it('edits a staff member; disabling an account ends its sessions at once', async () => {
    const guard = await signIn(h(), 'guard');
    const staff = (await admin.get(`/api/v1/schools/${w.schoolA}/staff`)).json().items;
    const guardId = staff.find((m: { username: string }) => m.username === 'guard').userId;
    const url = `/api/v1/schools/${w.schoolA}/staff/${guardId}`;
    const renamed = await admin.send('PATCH', url, { displayName: '门卫 老赵', phone: '13911112222' });
    expect(renamed.json().items.find((m: { userId: string }) => m.userId === guardId)).toMatchObject({
      displayName: '门卫 老赵',
      phone: '13911112222',
    });
    const taken = await admin.send('PATCH', url, { phone: w.parentPhone });
    expect(taken.json().code).toBe('PHONE_TAKEN');
    expect((await admin.send('PATCH', url, { disabled: true })).statusCode).toBe(200);
    expect((await guard.get('/api/v1/me')).statusCode).toBe(401);
    const relogin = await h().app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'x-csrf-token': 'x' },
      payload: { account: 'guard', password: 'Passw0rd1' },
    });
    expect(relogin.json().code).toBe('ACCOUNT_DISABLED');
    await admin.send('PATCH', url, { disabled: false });
    const adminB = await signIn(h(), 'adminB');
    expect(
      (await adminB.send('PATCH', `/api/v1/schools/${w.schoolB}/staff/${guardId}`, { disabled: true }))
        .statusCode,
    ).toBe(404);
    const audit = (await admin.get(`/api/v1/schools/${w.schoolA}/audit?entityId=${guardId}`)).json();
    expect(audit.items.filter((r: { action: string }) => r.action === 'user.update').length).toBe(3);
  });

  it('manages staff roles, and never removes the last administrator', async () => {
    const created = await admin.send('POST', `/api/v1/schools/${w.schoolA}/staff`, {
      displayName: '新老师',
      username: 'newteacher',
      role: 'class_teacher',
      classId: w.classA12,
    });
    expect(created.statusCode).toBe(200);
    const member = created.json().items.find((m: { username: string }) => m.username === 'newteacher');
    expect(member.grants).toEqual([expect.objectContaining({ role: 'class_teacher', classId: w.classA12 })]);
    const noClass = await admin.send('POST', `/api/v1/schools/${w.schoolA}/staff`, {
      displayName: '缺班级',
      username: 'noclass',
      role: 'class_teacher',
    });
    expect(noClass.statusCode).toBe(422);
    expect(noClass.json().code).toBe('ROLE_NEEDS_CLASS');
    const taken = await admin.send('POST', `/api/v1/schools/${w.schoolA}/staff`, {
      displayName: '重名',
      username: 'newteacher',
      role: 'guard',
    });
    expect(taken.json().code).toBe('USERNAME_TAKEN');
    const granted = await admin.send('POST', `/api/v1/schools/${w.schoolA}/staff/${member.userId}/grants`, {
      role: 'care_teacher',
    });
    expect(
      granted.json().items.find((m: { userId: string }) => m.userId === member.userId).grants,
    ).toHaveLength(2);

    const staff = (await admin.get(`/api/v1/schools/${w.schoolA}/staff`)).json().items;
    const adminGrant = (username: string) => {
      const m = staff.find((x: { username: string }) => x.username === username);
      return {
        userId: m.userId,
        grantId: m.grants.find((g: { role: string }) => g.role === 'school_admin').id,
      };
    };
    const other = adminGrant('admin2');
    const own = adminGrant('admin');
    const staffUrl = `/api/v1/schools/${w.schoolA}/staff`;
    expect(
      (await admin.send('DELETE', `${staffUrl}/${other.userId}/grants/${other.grantId}`)).statusCode,
    ).toBe(200);
    const last = await admin.send('DELETE', `${staffUrl}/${own.userId}/grants/${own.grantId}`);
    expect(last.statusCode).toBe(409);
    expect(last.json().code).toBe('LAST_ADMIN');
  });
});
