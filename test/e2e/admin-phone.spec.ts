// The school admin on a 375 px phone: the drawer menu, students, code slips, staff and the audit log.
import { expect, type Page, test } from '@playwright/test';

async function openMenu(page: Page, name: string) {
  await page.getByRole('button', { name: 'menu' }).click();
  await page.locator('.ant-drawer').getByRole('menuitem', { name }).click();
  // The drawer slides away; a tap before it has gone lands on its mask.
  await expect(page.locator('.ant-drawer-open')).toHaveCount(0);
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
  await expect(page.locator('.ant-select-dropdown:visible')).toHaveCount(1);
  await page.keyboard.type('一年级2班');
  // The filtered list keeps the one match active; Enter picks it.
  await expect(page.locator('.ant-select-item-option-active[title="一年级2班"]:visible')).toHaveCount(1);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: '生成验证码' })).toBeEnabled();
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
  await expect(page.locator('.ant-list-item').first()).toBeVisible();
  await noSideways(page);
  await page.screenshot({ path: 'test-results/phone-staff.png', fullPage: true });

  // Find the coach by name, give them a phone number, and see it in the list and the audit log.
  await page.getByPlaceholder('姓名、用户名或手机号').fill('围棋');
  await page.getByPlaceholder('姓名、用户名或手机号').press('Enter');
  await expect(page.locator('.ant-list-item')).toHaveCount(1);
  await page
    .getByRole('button', { name: '编 辑' })
    .or(page.getByRole('button', { name: '编辑' }))
    .click();
  await page.locator('.ant-modal').getByLabel('手机号').fill('13612345678');
  await page
    .locator('.ant-modal')
    .getByRole('button', { name: /确\s*定|OK/ })
    .click();
  await expect(page.locator('.ant-list-item')).toContainText('13612345678');

  await openMenu(page, '审计日志');
  await expect(page.locator('.ant-list-item').first()).toBeVisible();
  await expect(page.locator('.ant-list-item').first()).toContainText('修改账号');
  await expect(page.locator('.ant-list-item').first()).toContainText('13612345678');
  await noSideways(page);
  await page.screenshot({ path: 'test-results/phone-audit.png', fullPage: false });
});
