// Steps the e2e specs share: sign in on a given width, the menu (drawer on a phone), antd selects
// and date pickers that are picked until the pick takes, screenshots, and API clients.
import { type APIRequestContext, expect, type Locator, type Page, request } from '@playwright/test';

export const password = 'Kehou2026';

export const shot = (page: Page, step: string) =>
  page.screenshot({ path: `test-results/enrolment-${step}.png`, fullPage: true });

export async function noSideways(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

export async function signIn(page: Page, account: string, width: number, secret = password) {
  await page.setViewportSize({ width, height: width < 768 ? 812 : 900 });
  // Another person on the same device: the last one's session is gone.
  await page.context().clearCookies();
  await page.goto('/login');
  await page.getByLabel('账号').fill(account);
  await page.getByLabel('密码').fill(secret);
  await page.getByRole('button', { name: /^登\s*录$/ }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

/** Opens a page from the menu: the drawer on a phone, the side menu on a desktop. */
export async function openMenu(page: Page, name: string) {
  const phone = (page.viewportSize()?.width ?? 1280) < 768;
  if (phone) {
    await page.getByRole('button', { name: 'menu' }).click();
    await page.locator('.ant-drawer').getByRole('menuitem', { name }).click();
    await expect(page.locator('.ant-drawer-open')).toHaveCount(0);
  } else {
    await page.getByRole('menuitem', { name }).click();
  }
}

/**
 * Picks an option of an antd select and waits until its dropdown has gone. A tap that lands while
 * the dropdown is still sliding in does not count, so the pick is retried until it takes.
 */
export async function pick(page: Page, select: Locator, option: string) {
  const open = page.locator('.ant-select-dropdown:visible');
  await expect(async () => {
    if ((await open.count()) === 0) await select.click();
    await open
      .locator('.ant-select-item-option')
      .filter({ hasText: option })
      .first()
      .click({ timeout: 2000 });
    await expect(open).toHaveCount(0, { timeout: 2000 });
  }).toPass({ timeout: 15_000 });
}

/** 'YYYY-MM-DD' some days from today, in the browser's and the test's own calendar. */
export function daysFromNow(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Chooses a date in an antd date picker (read-only input on phones), moving a month if needed. */
export async function chooseDate(page: Page, input: Locator, date: string) {
  await input.click();
  const panel = page.locator('.ant-picker-dropdown:visible');
  await expect(panel).toHaveCount(1);
  const cell = panel.locator(`td.ant-picker-cell-in-view[title="${date}"]`);
  for (let i = 0; i < 2 && (await cell.count()) === 0; i++) {
    const shown = (await panel.locator('.ant-picker-header-view').textContent()) ?? '';
    const [year, month] = (shown.match(/\d+/g) ?? []).map(Number);
    const wanted = Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7));
    await panel
      .locator(
        wanted < (year ?? 0) * 12 + (month ?? 0)
          ? '.ant-picker-header-prev-btn'
          : '.ant-picker-header-next-btn',
      )
      .click();
  }
  await cell.click();
  await expect(page.locator('.ant-picker-dropdown:visible')).toHaveCount(0);
}

export interface Api {
  ctx: APIRequestContext;
  csrf: string;
  schoolId: string;
}

export async function apiAs(baseURL: string, account: string): Promise<Api> {
  const ctx = await request.newContext({ baseURL });
  const res = await ctx.post('/api/v1/auth/login', {
    headers: { 'x-csrf-token': 'e2e' },
    data: { account, password },
  });
  expect(res.ok()).toBeTruthy();
  const me = await res.json();
  return { ctx, csrf: me.csrfToken, schoolId: me.schools[0].id };
}
