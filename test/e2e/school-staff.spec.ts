// The school's side of the day (issue 4), looked at as staff would: the temporary classes of the
// term in progress with a class opened, the published duty roster, the papers on A4 (seat plan,
// roll-call sheet, duty roster), the guard's visitor register on a phone with the ID number masked,
// and the incident form on a care teacher's phone.
import { expect, type Page, test } from '@playwright/test';
import { apiAs, noSideways, openMenu, signIn } from './ui';

const shot = (page: Page, step: string) =>
  page.screenshot({ path: `test-results/school-staff-${step}.png`, fullPage: true });

test('the school sees its temporary classes, duty roster and papers', async ({ page, baseURL }) => {
  const admin = await apiAs(baseURL!, 'admin');
  const school = `/api/v1/schools/${admin.schoolId}`;
  const today = new Date().toISOString().slice(0, 10);
  const terms = (await (await admin.ctx.get(`${school}/terms`)).json()).items as {
    id: string;
    startsOn: string;
    endsOn: string;
  }[];
  const term = terms.find((t) => t.startsOn <= today && today <= t.endsOn)!;
  const classes = (await (await admin.ctx.get(`${school}/terms/${term.id}/temp-classes`)).json()).items as {
    id: string;
    kind: string;
  }[];
  const care = classes.find((c) => c.kind === 'care')!;
  const rosters = (await (await admin.ctx.get(`${school}/terms/${term.id}/rosters`)).json()).items as {
    id: string;
    status: string;
  }[];
  const published = rosters.find((r) => r.status === 'published')!;
  await admin.ctx.dispose();

  await signIn(page, 'admin', 1280);
  await openMenu(page, '临时班');
  await expect(page.getByTestId('offering-card').first()).toBeVisible();
  await page.locator('.ant-table-row').first().click();
  await expect(page.getByTestId('class-panel')).toBeVisible();
  await shot(page, '01-temp-classes');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('class-panel')).toHaveCount(0);

  await openMenu(page, '值班表');
  await expect(page.getByRole('cell', { name: '已发布' })).toBeVisible();
  // The slots the generator could not fill, each with its reason.
  await page.getByRole('tab', { name: /未排满/ }).click();
  await shot(page, '02-duty-roster');

  // The papers, at A4 width.
  await page.setViewportSize({ width: 794, height: 1123 });
  await page.goto(`/print/temp-class/${care.id}?sheet=seats`);
  await expect(page.getByTestId('temp-class-seats')).toBeVisible();
  await shot(page, '03-seat-plan');
  await page.goto(`/print/temp-class/${care.id}?sheet=roll`);
  await expect(page.getByTestId('temp-class-roll')).toBeVisible();
  await shot(page, '04-roll-call-sheet');
  await page.goto(`/print/duty-roster/${published.id}`);
  await expect(page.getByText('值班表').first()).toBeVisible();
  await shot(page, '05-duty-roster-print');
});

test('the guard registers a visitor on a phone; the ID number shows masked', async ({ page }) => {
  await signIn(page, 'guard', 375);
  await openMenu(page, '门卫');
  await expect(page.getByTestId('gate-page')).toBeVisible();
  await page.getByTestId('gate-name').fill('张建国');
  await page.getByTestId('gate-idNumber').fill('340104198503151234');
  await page.getByTestId('gate-phone').fill('13955551234');
  await page.getByTestId('gate-purpose').fill('送教材');
  await page.getByTestId('gate-host').fill('教务处 王老师');
  await page.getByTestId('gate-register').click();
  const visitor = page.getByTestId('gate-visitor').filter({ hasText: '张建国' });
  await expect(visitor).toBeVisible();
  await expect(visitor.getByTestId('gate-id-masked')).not.toContainText('198503151');
  await noSideways(page);
  await shot(page, '06-gate');
});

test('a care teacher opens the incident form on a phone', async ({ page }) => {
  await signIn(page, 'care', 375);
  await openMenu(page, '事件记录');
  await page.getByTestId('incident-new').click();
  await expect(page.getByTestId('incident-submit')).toBeVisible();
  await noSideways(page);
  await shot(page, '07-incident-form');
});
