// A parent on a phone sees their own children and nobody else's.
import { expect, request, test } from '@playwright/test';

test('parent sees only their children on a 375 px phone', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 812 });
  await page.goto('/');
  await expect(page).toHaveURL(/\/login/);
  await page.getByLabel('账号').fill('13900000004');
  await page.getByLabel('密码').fill('Kehou2026');
  await page.getByRole('button', { name: /^登\s*录$/ }).click();
  await expect(page).toHaveURL(/\/children$/);
  await expect(page.getByRole('heading', { name: '我的孩子' })).toBeVisible();

  const me = await (await page.request.get('/api/v1/me')).json();
  const schoolId: string = me.schools[0].id;
  const list = await (await page.request.get(`/api/v1/schools/${schoolId}/students?pageSize=200`)).json();
  expect(list.items.length).toBeGreaterThanOrEqual(1);
  const cards = page.getByTestId('child-card');
  await expect(cards).toHaveCount(list.items.length);
  for (const child of list.items) await expect(cards.filter({ hasText: child.name })).toHaveCount(1);
  // Every child shown is this parent's: each one lists this phone among its guardians.
  for (const child of list.items) {
    const detail = await (await page.request.get(`/api/v1/schools/${schoolId}/students/${child.id}`)).json();
    expect(detail.guardians.map((g: { phone: string }) => g.phone)).toContain('13900000004');
  }
  // And a classmate, found through the school admin, does not exist for this parent.
  const admin = await request.newContext({ baseURL: page.url().replace(/\/children$/, '') });
  await admin.post('/api/v1/auth/login', {
    headers: { 'x-csrf-token': 'e2e' },
    data: { account: 'admin', password: 'Kehou2026' },
  });
  const classmates = await (
    await admin.get(`/api/v1/schools/${schoolId}/students?classId=${list.items[0].classId}&pageSize=200`)
  ).json();
  const mine = new Set(list.items.map((c: { id: string }) => c.id));
  const other = classmates.items.find((c: { id: string }) => !mine.has(c.id));
  expect(other).toBeTruthy();
  expect((await page.request.get(`/api/v1/schools/${schoolId}/students/${other.id}`)).status()).toBe(404);
  await admin.dispose();

  // Nothing wider than the screen.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: 'test-results/parent-children-375.png', fullPage: true });

  await cards.first().click();
  await expect(page.getByText('授权接送人', { exact: true })).toBeVisible();
  await page.screenshot({ path: 'test-results/parent-child-detail-375.png', fullPage: true });
});
