// The school admin on a 375 px phone: the drawer menu, students, code slips, staff and the audit log.
import { expect, type Page, test } from '@playwright/test';

async function openMenu(page: Page, name: string) {
  await page.getByRole('button', { name: 'menu' }).click();
  await page.locator('.ant-drawer').getByRole('menuitem', { name }).click();
}

async function noSideways(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

test('admin pages fit a 375 px phone', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 812 });
  await page.goto('/login');
  await page.getByLabel('账号').fill('admin');
  await page.getByLabel('密码').fill('Kehou2026');
  await page.getByRole('button', { name: /^登\s*录$/ }).click();
  await expect(page.locator('.ant-list-item').first()).toBeVisible();
  await noSideways(page);
  await page.screenshot({ path: 'test-results/phone-students.png', fullPage: false });

  await openMenu(page, '家长账号验证码');
  await page.locator('.ant-select').filter({ hasText: '选择班级' }).click();
  await page.keyboard.type('一年级2班');
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: '生成验证码' }).click();
  await expect(page.getByTestId('setup-slip').first()).toBeVisible();
  await noSideways(page);
  await page.screenshot({ path: 'test-results/phone-setup-slips.png', fullPage: false });
  await page.emulateMedia({ media: 'print' });
  await page.setViewportSize({ width: 794, height: 1123 });
  await page.screenshot({ path: 'test-results/setup-slips-print.png', fullPage: false });
  await page.emulateMedia({ media: 'screen' });
  await page.setViewportSize({ width: 375, height: 812 });

  await openMenu(page, '教职工');
  await expect(page.getByText('学校管理员').first()).toBeVisible();
  await noSideways(page);
  await page.screenshot({ path: 'test-results/phone-staff.png', fullPage: true });

  await openMenu(page, '审计日志');
  await expect(page.locator('.ant-table-row').first()).toBeVisible();
  await noSideways(page);
  await page.screenshot({ path: 'test-results/phone-audit.png', fullPage: false });
});
