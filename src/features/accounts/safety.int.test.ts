// Account safety through the HTTP layer, on both databases: nobody takes over an account that is
// not theirs to manage, guesses cannot race past the sign-in limit, and a reset ends old sessions.
import type { Kysely } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { describeBothDatabases } from '../../../test/db-matrix';
import { type Client, password, seedWorld, signIn, type World } from '../../../test/fixtures';
import { multipart, workbook } from '../../../test/xlsx';
import { addStaff } from '../../cli/demo';
import type { DB } from '../../db/schema';
import { hashPassword } from '../../server/auth/passwords';

describeBothDatabases('account safety', (h) => {
  let w: World;
  let admin: Client;
  let teacher: Client;
  const firstLogin = (account: string, code: string, newPassword = 'Taken2026x') =>
    h().app.inject({
      method: 'POST',
      url: '/api/v1/auth/first-login',
      headers: { 'x-csrf-token': 'x' },
      payload: { account, code, newPassword },
    });
  const codes = (client: Client, school: string, body: object) =>
    client.send('POST', `/api/v1/schools/${school}/setup-codes`, body);
  const userIdOf = async (phone: string) =>
    (await h().ctx.db.selectFrom('users').select('id').where('phone', '=', phone).executeTakeFirstOrThrow())
      .id;

  beforeAll(async () => {
    w = await seedWorld(h());
    admin = await signIn(h(), 'admin');
    teacher = await signIn(h(), 'teacher');
    // A person with roles at both schools, with a phone and a password.
    await addStaff(
      h().ctx.db as Kysely<DB>,
      {
        username: 'both',
        displayName: '两校老师',
        phone: '13377778888',
        passwordHash: await hashPassword(password),
        grants: [
          { role: 'care_teacher', districtId: w.districtId, schoolId: w.schoolA },
          { role: 'school_admin', districtId: w.districtId, schoolId: w.schoolB },
        ],
      },
      h().ctx.now().toISOString(),
    );
  });

  it('a class teacher cannot reset a parent who already has a password', async () => {
    const parentId = await userIdOf(w.parentPhone);
    const res = await codes(teacher, w.schoolA, { userId: parentId });
    expect(res.statusCode).toBe(403);
  });

  it('the school admin resets a parent of this school; the reset ends the parent’s other sessions', async () => {
    const parent = await signIn(h(), w.parentPhone);
    const res = await codes(admin, w.schoolA, { userId: await userIdOf(w.parentPhone) });
    expect(res.statusCode).toBe(200);
    const code = res.json().items[0].code;
    expect((await firstLogin(w.parentPhone, code, 'Reset2026x')).statusCode).toBe(200);
    expect((await parent.get('/api/v1/me')).statusCode).toBe(401);
    const audit = (await admin.get(`/api/v1/schools/${w.schoolA}/audit?entity=user`)).json();
    expect(audit.items.map((r: { action: string }) => r.action)).toEqual(
      expect.arrayContaining(['setupCode.reset', 'user.password.set']),
    );
  });

  it('no school resets, renames or re-phones an account that holds roles elsewhere', async () => {
    const both = await userIdOf('13377778888');
    expect((await codes(admin, w.schoolA, { userId: both })).json().code).toBe('ACCOUNT_SHARED');
    const edit = await admin.send('PATCH', `/api/v1/schools/${w.schoolA}/staff/${both}`, {
      phone: '13300000000',
    });
    expect(edit.json().code).toBe('ACCOUNT_SHARED');
    const taken = await admin.send('POST', `/api/v1/schools/${w.schoolA}/staff`, {
      displayName: '冒名',
      phone: '13377778888',
      role: 'guard',
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().code).toBe('PHONE_TAKEN');
  });

  it('a roster row cannot attach another person’s phone to a child', async () => {
    const headers = ['年级', '班级', '姓名', '性别', '学号', '家长姓名', '关系', '手机号'];
    const form = multipart(
      await workbook(headers, [['1', '2', '新同学', '女', 'S-NEW', '王五', '母亲', w.parentPhone]]),
    );
    const res = await h().app.inject({
      method: 'POST',
      url: `/api/v1/schools/${w.schoolA}/roster/import`,
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': form.contentType },
      payload: form.payload,
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().details.problems[0]).toMatchObject({
      row: 2,
      field: 'phone',
      code: 'phone_existing_guardian',
    });
    expect(res.json().details.problems[0].message).toContain('已登记为家长');
    const mismatch = await admin.send(
      'POST',
      `/api/v1/schools/${w.schoolA}/students/${w.otherChild}/guardians`,
      {
        name: '王五',
        relation: '母亲',
        phone: w.parentPhone,
      },
    );
    expect(mismatch.statusCode).toBe(409);
    expect(mismatch.json().code).toBe('GUARDIAN_PHONE_OTHER_NAME');
    const parent = await signIn(h(), w.parentPhone, 'Reset2026x');
    expect((await parent.get(`/api/v1/schools/${w.schoolA}/students`)).json().items).toHaveLength(1);
  });

  it('guesses sent all at once cannot race past the sign-in limit', async () => {
    const attempts = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        h().app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          headers: { 'x-csrf-token': 'x' },
          payload: { account: 'guard', password: `wrong${i}aaaa` },
        }),
      ),
    );
    const codesSeen = attempts.map((a) => a.statusCode);
    expect(codesSeen.filter((c) => c === 401).length).toBeLessThanOrEqual(5);
    expect(codesSeen.filter((c) => c === 429).length).toBeGreaterThanOrEqual(15);
  });

  it('a first-sign-in code is void once the account has a password', async () => {
    const slips = (await codes(admin, w.schoolA, { classId: w.classA21 })).json().items;
    const slip = slips[0];
    await h()
      .ctx.db.updateTable('users')
      .set({ password_hash: await hashPassword('Other2026x') })
      .where('id', '=', slip.userId)
      .execute();
    expect((await firstLogin(slip.phone, slip.code)).json().code).toBe('SETUP_CODE_INVALID');
  });

  it('usernames are matched without regard to case', async () => {
    expect((await signIn(h(), 'ADMIN')).csrf).toBeTruthy();
  });

  it('an encoded path does not skip the cross-site check', async () => {
    const res = await h().app.inject({
      method: 'POST',
      url: '/%61pi/v1/auth/login',
      payload: { account: 'admin', password },
    });
    expect(res.statusCode).not.toBe(200);
    expect(res.cookies.find((c) => c.name === 'kehou_session')).toBeUndefined();
  });

  it('an active session’s cookie is renewed as its expiry slides', async () => {
    const client = await signIn(h(), 'finance');
    const later = new Date(h().ctx.now().getTime() + 11 * 60_000).toISOString();
    h().setNow(later);
    const res = await client.get('/api/v1/me');
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'kehou_session');
    expect(cookie?.expires?.getTime()).toBeGreaterThan(Date.parse(later) + 13 * 86_400_000);
  });

  it('two creates of one student number at once: one succeeds, the other is refused, never a 500', async () => {
    const body = { studentNo: 'RACE-1', name: '同时', gender: 'M', classId: w.classA12 };
    const results = await Promise.all(
      [1, 2, 3].map(() => admin.send('POST', `/api/v1/schools/${w.schoolA}/students`, body)),
    );
    const statuses = results.map((r) => r.statusCode).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
  });
});
