// The school's agreement text (ENR-2) on a 375 px phone: the second school's admin reads version 1
// on the term page and publishes version 2, which families will sign from then on.
import { expect, test } from '@playwright/test';
import { demoTerms } from '../../src/cli/demo-programme';
import { noSideways, openMenu, signIn } from './ui';

/** The demo's next term, whose application window is open now. */
const openTermName = demoTerms(new Date().toISOString()).next.name;

test('the school publishes a new version of its agreement', async ({ page }) => {
  await signIn(page, 'admin2', 375);
  await openMenu(page, '学期与服务项目');
  await page.getByText(openTermName).first().click();
  // On a phone the tabs overflow into the "more" menu.
  await page.locator('.ant-tabs-nav-more').click();
  await page.locator('.ant-tabs-dropdown-menu-item').filter({ hasText: '安全责任书（服务协议）' }).click();
  const panel = page.getByRole('tabpanel', { name: '安全责任书（服务协议）' });
  await expect(panel.getByText('当前版本：第 1 版')).toBeVisible();
  await panel.getByRole('button', { name: '发布新版本' }).click();
  await panel
    .getByLabel(/^正文/)
    .fill('一、服务时间：周一至周五放学后至 17:30。\n二、安全责任：家长按时接送，学校负责在校看护。');
  await panel.getByRole('button', { name: /^发\s*布$/ }).click();
  await page.getByRole('button', { name: /^(确\s*定|OK)$/ }).click();
  await expect(panel.getByText('当前版本：第 2 版')).toBeVisible();
  await expect(panel.getByText('二、安全责任：家长按时接送，学校负责在校看护。')).toBeVisible();
  await noSideways(page);
  await page.screenshot({ path: 'test-results/agreement-admin-phone.png', fullPage: true });
});
