// A parent who has never signed in uses the code on the slip the school printed.
import { expect, request, test } from '@playwright/test';

test('a parent signs in the first time with the printed code, on a phone', async ({ page, baseURL }) => {
  // The school's administrator prints the slips of class 1-2.
  const admin = await request.newContext({ baseURL });
  const me = await (
    await admin.post('/api/v1/auth/login', {
      headers: { 'x-csrf-token': 'e2e' },
      data: { account: 'admin', password: 'Kehou2026' },
    })
  ).json();
  const schoolId = me.schools[0].id;
  const classes = await (await admin.get(`/api/v1/schools/${schoolId}/classes`)).json();
  const class12 = classes.items.find(
    (c: { grade: number; classNo: number }) => c.grade === 1 && c.classNo === 2,
  );
  const slips = await (
    await admin.post(`/api/v1/schools/${schoolId}/setup-codes`, {
      headers: { 'x-csrf-token': me.csrfToken },
      data: { classId: class12.id },
    })
  ).json();
  const slip = slips.items[0];
  await admin.dispose();

  await page.setViewportSize({ width: 375, height: 812 });
  await page.goto('/login');
  await page.getByRole('tab', { name: '首次登录' }).click();
  const form = page.getByRole('tabpanel', { name: '首次登录' });
  await form.getByLabel('手机号').fill(slip.phone);
  await form.getByLabel('一次性验证码').fill(slip.code.toLowerCase());
  await form.getByLabel('新密码').fill('Family2026');
  await page.screenshot({ path: 'test-results/first-sign-in-375.png', fullPage: true });
  await form.getByRole('button', { name: '设置密码并登录' }).click();
  await expect(page).toHaveURL(/\/children$/);
  for (const child of slip.children) await expect(page.getByText(child.name).first()).toBeVisible();

  // The code was for one use only (tried from another device, without this session).
  const stranger = await request.newContext({ baseURL });
  const again = await stranger.post('/api/v1/auth/first-login', {
    headers: { 'x-csrf-token': 'e2e' },
    data: { account: slip.phone, code: slip.code, newPassword: 'Family2027' },
  });
  expect(again.status()).toBe(401);
  expect((await again.json()).code).toBe('SETUP_CODE_INVALID');
  await stranger.dispose();
});
