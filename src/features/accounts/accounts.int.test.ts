// Accounts through the HTTP layer, on both databases: sign-in by phone or username, lockouts,
// sessions in the database, cross-site protection, passwords and first sign-in with a code.
import { beforeAll, expect, it } from 'vitest';
import { describeBothDatabases } from '../../../test/db-matrix';
import { password, seedWorld, signIn, type World } from '../../../test/fixtures';

describeBothDatabases('accounts', (h) => {
  let w: World;
  const login = (account: string, pass: string, headers: Record<string, string> = {}) =>
    h().app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'x-csrf-token': 'x', ...headers },
      payload: { account, password: pass },
    });

  beforeAll(async () => {
    w = await seedWorld(h());
  });

  it('signs in by username or phone; the cookie is HttpOnly, SameSite=Lax, and the session lives in the database', async () => {
    const res = await login('admin', password);
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'kehou_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    expect(cookie.secure).toBeFalsy();
    expect(res.json().schools[0].roles).toEqual(['school_admin']);
    const stored = await h().ctx.db.selectFrom('auth_sessions').select('id').execute();
    expect(stored.some((s) => s.id === cookie.value)).toBe(false);
    expect(stored.length).toBeGreaterThan(0);

    const byPhone = await login(w.parentPhone.replace(/(\d{3})(\d{4})(\d{4})/, '$1 $2 $3'), password);
    expect(byPhone.statusCode).toBe(200);
    expect(byPhone.json().schools[0].roles).toEqual(['parent']);
  });

  it('a wrong password is refused without saying which part was wrong', async () => {
    const wrong = await login('admin', 'nope12345');
    const unknown = await login('nobody', 'nope12345');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json().message).toBe('账号或密码不正确');
    expect((await login('admin', 'nope12345', { 'accept-language': 'en' })).json().message).toBe(
      'Wrong account or password',
    );
  });

  it('locks an account after 5 failures, and an address after 30, with a time to retry', async () => {
    for (let i = 0; i < 5; i++) expect((await login('finance', `bad${i}aaaaa`)).statusCode).toBe(401);
    const locked = await login('finance', password);
    expect(locked.statusCode).toBe(429);
    expect(locked.json()).toMatchObject({ code: 'LOGIN_LOCKED' });
    expect(locked.json().message).toMatch(/15 分钟后再试/);
    // Other accounts are not locked by it.
    expect((await login('guard', password)).statusCode).toBe(200);
    // The lock lifts when the failures leave the window.
    h().setNow('2026-09-01T08:16:00.000Z');
    expect((await login('finance', password)).statusCode).toBe(200);

    // Every injected request comes from one address: failures spread over many accounts add up there.
    for (let i = 0; i < 30; i++) await login(`ghost${i}`, 'whatever1');
    const blocked = await login('guard', password);
    expect(blocked.statusCode).toBe(429);
    h().setNow('2026-09-01T08:40:00.000Z');
    expect((await login('guard', password)).statusCode).toBe(200);
  });

  it('refuses state-changing calls without the session’s CSRF token or from another origin', async () => {
    const admin = await signIn(h(), 'admin');
    const url = `/api/v1/schools/${w.schoolA}/students/${w.childOfParent}`;
    const none = await h().app.inject({
      method: 'PATCH',
      url,
      headers: { cookie: admin.cookie },
      payload: { name: '甲' },
    });
    expect(none.statusCode).toBe(403);
    expect(none.json().code).toBe('CSRF_REJECTED');
    const wrong = await h().app.inject({
      method: 'PATCH',
      url,
      headers: { cookie: admin.cookie, 'x-csrf-token': 'guess' },
      payload: { name: '甲' },
    });
    expect(wrong.statusCode).toBe(403);
    const foreign = await h().app.inject({
      method: 'PATCH',
      url,
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, origin: 'https://evil.example' },
      payload: { name: '甲' },
    });
    expect(foreign.statusCode).toBe(403);
    const loginWithoutHeader = await h().app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { account: 'admin', password },
    });
    expect(loginWithoutHeader.statusCode).toBe(403);
    const name = (await admin.get(url)).json().name;
    expect(name).not.toBe('甲');
  });

  it('marks the cookie Secure behind https when the proxy is trusted', async () => {
    const { openHarness } = await import('../../../test/db-matrix');
    const behind = await openHarness(h().dialect, { KEHOU_TRUST_PROXY: '1' });
    try {
      await seedWorld(behind);
      const res = await behind.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { 'x-csrf-token': 'x', 'x-forwarded-proto': 'https' },
        payload: { account: 'admin', password },
      });
      expect(res.statusCode).toBe(200);
      expect(res.cookies.find((c) => c.name === 'kehou_session')!.secure).toBe(true);
    } finally {
      await behind.close();
    }
  });

  it('logout ends the session everywhere it was used', async () => {
    const admin = await signIn(h(), 'admin');
    expect((await admin.get('/api/v1/me')).statusCode).toBe(200);
    expect((await admin.send('POST', '/api/v1/auth/logout')).statusCode).toBe(200);
    const after = await admin.get('/api/v1/me');
    expect(after.statusCode).toBe(401);
    expect(after.json().code).toBe('UNAUTHENTICATED');
  });

  it('changes a password: the old one stops working and other sessions end', async () => {
    const one = await signIn(h(), 'care');
    const two = await signIn(h(), 'care');
    const wrong = await one.send('POST', '/api/v1/me/password', {
      currentPassword: 'wrong',
      newPassword: 'NewPass123',
    });
    expect(wrong.statusCode).toBe(422);
    const weak = await one.send('POST', '/api/v1/me/password', {
      currentPassword: password,
      newPassword: 'short',
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().fields[0].field).toBe('newPassword');
    const ok = await one.send('POST', '/api/v1/me/password', {
      currentPassword: password,
      newPassword: 'NewPass123',
    });
    expect(ok.statusCode).toBe(200);
    expect((await one.get('/api/v1/me')).statusCode).toBe(200);
    expect((await two.get('/api/v1/me')).statusCode).toBe(401);
    expect((await login('care', password)).statusCode).toBe(401);
    expect((await login('care', 'NewPass123')).statusCode).toBe(200);
  });

  it('a parent without a password signs in the first time with a one-time code, once', async () => {
    const admin = await signIn(h(), 'admin');
    const slips = await admin.send('POST', `/api/v1/schools/${w.schoolA}/setup-codes`, {
      classId: w.classA12,
    });
    expect(slips.statusCode).toBe(200);
    const slip = slips.json().items[0];
    expect(slip.code).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
    expect(slip.children[0].className).toBe('一年级2班');
    expect((await login(slip.phone, 'anything1')).statusCode).toBe(401);

    const first = (code: string, newPassword = 'Family2026') =>
      h().app.inject({
        method: 'POST',
        url: '/api/v1/auth/first-login',
        headers: { 'x-csrf-token': 'x' },
        payload: { account: slip.phone, code, newPassword },
      });
    expect((await first('ZZZZZZZZ')).statusCode).toBe(401);
    const ok = await first(slip.code.toLowerCase());
    expect(ok.statusCode).toBe(200);
    expect(ok.json().schools[0].roles).toContain('parent');
    expect((await first(slip.code)).json().code).toBe('SETUP_CODE_INVALID');
    expect((await login(slip.phone, 'Family2026')).statusCode).toBe(200);

    // A class teacher issues codes only for families of their own class.
    const teacher = await signIn(h(), 'teacher');
    expect(
      (await teacher.send('POST', `/api/v1/schools/${w.schoolA}/setup-codes`, { classId: w.classA12 })).json()
        .items,
    ).toEqual([]);
    expect((await teacher.send('POST', `/api/v1/schools/${w.schoolB}/setup-codes`, {})).statusCode).toBe(404);
    const parent = await signIn(h(), w.parentPhone);
    expect((await parent.send('POST', `/api/v1/schools/${w.schoolA}/setup-codes`, {})).statusCode).toBe(403);
  });

  it('a new code replaces an unused earlier one', async () => {
    const admin = await signIn(h(), 'admin');
    const first = (
      await admin.send('POST', `/api/v1/schools/${w.schoolA}/setup-codes`, { classId: w.classA21 })
    ).json().items[0];
    const second = (
      await admin.send('POST', `/api/v1/schools/${w.schoolA}/setup-codes`, { userId: first.userId })
    ).json().items[0];
    const use = (code: string) =>
      h().app.inject({
        method: 'POST',
        url: '/api/v1/auth/first-login',
        headers: { 'x-csrf-token': 'x' },
        payload: { account: first.phone, code, newPassword: 'Family2026' },
      });
    expect((await use(first.code)).statusCode).toBe(401);
    expect((await use(second.code)).statusCode).toBe(200);
  });

  it('me lists each school with its roles and permissions', async () => {
    const district = await signIn(h(), 'district');
    const me = (await district.get('/api/v1/me')).json();
    expect(me.schools.map((s: { code: string }) => s.code).sort()).toEqual(['T-A', 'T-B']);
    expect(me.schools[0].permissions).toContain('district.read');
    expect(me.schools[0].permissions).not.toContain('student.read');
  });
});
