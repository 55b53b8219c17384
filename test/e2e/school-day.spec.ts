// A whole afternoon on a 375 px phone (issue 4): the care teacher checks in, sees a child's leave on
// the roll, takes the roll call once with the network cut and restored (the marks wait on the phone
// and go once), hands the class to the duty teacher; a parent shows a pickup code; the teacher
// releases the child and the parent confirms; the duty board shows who is still on site, and after
// the session's end plus the grace period the late-pickup alert is raised. The server's clock is
// moved to a school day of the demo's running term (KEHOU_TEST_CLOCK), and back at the end.
import { expect, type Page, test } from '@playwright/test';
import { type Api, apiAs, noSideways, openMenu, pick, signIn } from './ui';

const parentPhone = '13900000004';
const shot = (page: Page, step: string) =>
  page.screenshot({ path: `test-results/school-day-${step}.png`, fullPage: true });

const state: {
  admin: Api | null;
  termId: string;
  date: string;
  tempClassId: string;
  className: string;
  members: number;
  child: { id: string; name: string };
  classmate: { id: string; name: string };
  code: string;
} = {
  admin: null,
  termId: '',
  date: '',
  tempClassId: '',
  className: '',
  members: 0,
  child: { id: '', name: '' },
  classmate: { id: '', name: '' },
  code: '',
};

async function setClock(api: Api, at: string) {
  const res = await api.ctx.put('/api/v1/test/clock', {
    headers: { 'x-csrf-token': api.csrf },
    data: { at },
  });
  expect(res.ok(), await res.text()).toBeTruthy();
}

test.describe
  .serial('a school afternoon from check-in to the last child home', () => {
    test.beforeAll(async ({ baseURL }) => {
      const admin = await apiAs(baseURL!, 'admin');
      state.admin = admin;
      const school = `/api/v1/schools/${admin.schoolId}`;
      const terms = (await (await admin.ctx.get(`${school}/terms`)).json()).items as {
        id: string;
        startsOn: string;
        endsOn: string;
      }[];
      // The term in progress (the enrolment flow may have closed the next term's window by now).
      const today = new Date().toISOString().slice(0, 10);
      state.termId = terms.find((t) => t.startsOn <= today && today <= t.endsOn)!.id;
      // The next school day whose 15:25 (Asia/Shanghai) is still ahead.
      const days = (await (await admin.ctx.get(`${school}/terms/${state.termId}/school-days`)).json())
        .days as {
        date: string;
      }[];
      const day = days.find((d) => Date.parse(`${d.date}T07:25:00Z`) > Date.now());
      expect(day, 'a school day ahead in the running term').toBeTruthy();
      state.date = day!.date;
      await setClock(admin, `${state.date}T07:25:00Z`);
    });

    test.afterAll(async () => {
      if (state.admin) {
        await state.admin.ctx.delete('/api/v1/test/clock', { headers: { 'x-csrf-token': state.admin.csrf } });
        await state.admin.ctx.dispose();
      }
    });

    test('a care teacher checks in and sees a leave on the roll', async ({ page, baseURL }) => {
      // The family of a classmate reported leave; the school entered it on the family's behalf.
      const care = await apiAs(baseURL!, 'care');
      const school = `/api/v1/schools/${care.schoolId}`;
      const today = await (await care.ctx.get(`${school}/today`)).json();
      expect(today.date).toBe(state.date);
      const cls = today.classes.find((c: { roles: string[] }) => c.roles.includes('head'));
      expect(
        cls,
        `the care teacher heads a class today: ${JSON.stringify(today).slice(0, 400)}`,
      ).toBeTruthy();
      state.tempClassId = cls.tempClassId;
      state.className = cls.className;
      const sheet = await (
        await care.ctx.get(`${school}/temp-classes/${state.tempClassId}/days/${state.date}/roll-call`)
      ).json();
      const parent = await apiAs(baseURL!, parentPhone);
      const mine = (await (await parent.ctx.get(`${school}/students?pageSize=50`)).json()).items as {
        id: string;
        name: string;
      }[];
      const members = sheet.members as { studentId: string; name: string }[];
      state.members = members.length;
      const child = members.find((m) => mine.some((c) => c.id === m.studentId))!;
      const classmate = members.find((m) => !mine.some((c) => c.id === m.studentId))!;
      state.child = { id: child.studentId, name: child.name };
      state.classmate = { id: classmate.studentId, name: classmate.name };
      const leave = await state.admin!.ctx.post(`${school}/leave`, {
        headers: { 'x-csrf-token': state.admin!.csrf },
        data: {
          studentId: classmate.studentId,
          fromDate: state.date,
          toDate: state.date,
          reason: '发烧，在家休息',
        },
      });
      expect(leave.status(), await leave.text()).toBe(201);
      await care.ctx.dispose();
      await parent.ctx.dispose();

      await signIn(page, 'care', 375);
      await expect(page.getByRole('heading', { name: /今日看护/ })).toBeVisible();
      const card = page.getByTestId(`today-class-${state.tempClassId}`);
      await expect(card).toContainText('请假 1');
      const checkIn = page.locator('[data-testid^="check-in-"]').first();
      await checkIn.click();
      await expect(page.getByText(/已签到|准时|迟到/).first()).toBeVisible();
      await noSideways(page);
      await shot(page, '01-today');
    });

    test('takes the roll call with the network cut, and it goes once when it returns', async ({ page }) => {
      await signIn(page, 'care', 375);
      await page.getByTestId(`today-class-${state.tempClassId}`).getByTestId('today-roll-call').click();
      // The leave is there before the roll call, already marked.
      const leaveRow = page.getByTestId(`roll-row-${state.classmate.id}`);
      await expect(leaveRow).toContainText('发烧');
      await expect(page.getByTestId(`roll-leave-${state.classmate.id}`)).toHaveAttribute(
        'aria-checked',
        'true',
      );
      await page.getByRole('button', { name: '其余全到' }).click();
      await noSideways(page);
      await shot(page, '02-roll-call');

      await page.context().setOffline(true);
      await page.getByTestId('roll-save').click();
      await expect(page.getByTestId('roll-pending')).toBeVisible();
      await shot(page, '03-roll-offline');
      await page.context().setOffline(false);
      await expect(page.getByTestId('roll-pending')).toHaveCount(0, { timeout: 20_000 });

      // One roll, version 1, whatever the phone retried.
      const sheet = await (
        await state.admin!.ctx.get(
          `/api/v1/schools/${state.admin!.schoolId}/temp-classes/${state.tempClassId}/days/${state.date}/roll-call`,
        )
      ).json();
      expect(sheet.version).toBe(1);
      await shot(page, '04-roll-saved');
    });

    test('a parent shows a pickup code, the teacher releases the child, the parent confirms', async ({
      browser,
      page,
    }) => {
      // The parent's phone: a fresh code for the first adult on the list.
      const parentContext = await browser.newContext({ locale: 'zh-CN' });
      const phone = await parentContext.newPage();
      await signIn(phone, parentPhone, 375);
      await openMenu(phone, '接送与回家证');
      const childCard = phone.locator('.ant-card').filter({ hasText: state.child.name }).first();
      await childCard.getByTestId('pickup-renew').first().click();
      await phone
        .locator('.ant-popconfirm')
        .getByRole('button', { name: /确\s*定|OK|是/ })
        .click();
      const code = childCard.getByTestId('pickup-code').first();
      await expect(code).toHaveText(/^\d{6}$/);
      state.code = ((await code.textContent()) ?? '').trim();
      await expect(childCard.getByTestId('pickup-qr').first()).toBeVisible();
      await noSideways(phone);
      await shot(phone, '05-parent-code');

      // The teacher types the adult's code at the gate.
      await signIn(page, 'care', 375);
      await openMenu(page, '放学交接');
      await pick(page, page.getByTestId('release-class'), state.className);
      await page.getByTestId('release-child').filter({ hasText: state.child.name }).click();
      await page.getByTestId('release-code').fill(state.code);
      await shot(page, '06-release-code');
      await page.getByTestId('release-submit').click();
      await expect(page.getByTestId('release-child').filter({ hasText: state.child.name })).toContainText(
        /待家长确认|已交/,
      );
      await shot(page, '07-released');

      // The parent confirms receipt on the phone.
      await phone.reload();
      await phone.getByTestId('pickup-confirm').first().click();
      await expect(phone.getByTestId('pickup-confirm')).toHaveCount(0);
      await shot(phone, '08-parent-confirmed');
      await parentContext.close();
    });

    test('hands the rest of the class to the duty teacher', async ({ page }) => {
      await signIn(page, 'care', 375);
      await page.getByTestId(`today-class-${state.tempClassId}`).getByTestId('today-handover').click();
      await page.locator('.ant-modal').getByText('交班（我 → 值班教师）').click();
      // The teacher counts the children: the class less the one on leave and the one collected.
      await page.getByLabel('交接人数').fill(String(state.members - 2));
      await shot(page, '09-handover');
      await page.getByTestId('handover-submit').click();
      await expect(page.getByTestId(`today-class-${state.tempClassId}`)).toContainText(
        `${state.members - 2}`,
      );
      await shot(page, '10-handed-over');
    });

    test('the duty board shows who is still on site and raises the late-pickup alert', async ({ page }) => {
      await signIn(page, 'admin', 375);
      await openMenu(page, '值班看板');
      const board = page.getByTestId('board-page');
      await expect(board).toBeVisible();
      await expect(board.getByTestId('board-class').first()).toBeVisible();
      await noSideways(page);
      await shot(page, '11-board');

      // 17:30 + 15 minutes' grace have passed: every child still on site raises an alert.
      await setClock(state.admin!, `${state.date}T09:50:00Z`);
      await page.reload();
      await expect(board.getByText(/未接|超时|逾时/).first()).toBeVisible({ timeout: 20_000 });
      await shot(page, '12-board-late');
    });
  });
