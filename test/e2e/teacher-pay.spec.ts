// Teacher pay, surveys and the district's oversight (issue 6): the demo parent answers the term's
// satisfaction survey on a 375 px phone (5 stars overall and for the care teacher 孙老师, a
// comment); the school admin closes the survey and reads its results; the server's clock moves past
// the term's last day, the admin enters the pay fund, computes and approves the pay sheet, in which
// 孙老师 (two lates, an incomplete record, a dereliction incident) has no final reward; 孙老师 reads
// the statement and their own score on a phone; the district officer finds 实验小学 on the
// dashboard, drills down, and removes the institution 快乐童年素质拓展中心 after its complaints;
// the school admin is told. The clock is put back at the end (KEHOU_TEST_CLOCK).
import { expect, type Page, request, test } from '@playwright/test';
import { apiAs, noSideways, openMenu, pick, signIn } from './ui';

const parentPhone = '13900000004';
const surveyTitle = '2026 秋季学期课后服务满意度调查';
const institution = '快乐童年素质拓展中心';
const afterTermEnd = '2027-01-25T02:00:00Z';

// From the top: a full-page shot of a scrolled window repeats the sticky header mid-page. A drawer
// or dialog is shot as the screen shows it.
async function shot(page: Page, step: string, fullPage = true) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `test-results/pay-${step}.png`, fullPage });
}

const state = {
  baseURL: '',
  /** Responses to the satisfaction survey before the demo parent's. */
  responsesBefore: -1,
  /** care's term points on the pay sheet, as shown ("12.5"). */
  carePoints: '',
};

async function moveClock(baseURL: string, at: string | null) {
  // The clock route needs no session.
  const ctx = await request.newContext({ baseURL });
  const headers = { 'x-csrf-token': 'e2e' };
  const res = at
    ? await ctx.put('/api/v1/test/clock', { headers, data: { at } })
    : await ctx.delete('/api/v1/test/clock', { headers });
  expect(res.ok(), await res.text()).toBeTruthy();
  await ctx.dispose();
}

test.describe
  .serial('a teacher is paid for the term, and the district looks on', () => {
    test.beforeAll(async ({ baseURL }) => {
      state.baseURL = baseURL!;
      const admin = await apiAs(baseURL!, 'admin');
      const surveys = (await (await admin.ctx.get(`/api/v1/schools/${admin.schoolId}/surveys`)).json())
        .items as { title: string; status: string; responseCount: number | null }[];
      const satisfaction = surveys.find((s) => s.title === surveyTitle);
      expect(satisfaction?.status, JSON.stringify(surveys).slice(0, 400)).toBe('open');
      state.responsesBefore = satisfaction!.responseCount ?? -1;
      expect(state.responsesBefore).toBeGreaterThan(0);
      await admin.ctx.dispose();
    });

    test.afterAll(async () => {
      if (state.baseURL) await moveClock(state.baseURL, null);
    });

    test('a parent answers the satisfaction survey on a phone', async ({ page }) => {
      await signIn(page, parentPhone, 375);
      await openMenu(page, '填写问卷');
      const item = page.locator('.ant-list-item').filter({ hasText: surveyTitle });
      await expect(item).toContainText('待填写');
      await item.getByRole('button', { name: /去填写/ }).click();
      await expect(page.getByTestId('question-1')).toBeVisible();
      await expect(page.getByText('老师看不到是谁填写的。')).toBeVisible();

      // 1. the service overall: 5 stars.
      await page.getByTestId('question-1').locator('.ant-rate-star').nth(4).click();
      await expect(page.getByTestId('question-1').locator('.ant-rate-star-full')).toHaveCount(5);
      // 2. each teacher: the child's own first, 孙老师 among them.
      const q2 = page.getByTestId('question-2');
      await expect(q2).toContainText('孩子的老师');
      const care = q2.locator('.ant-rate[aria-label*="看护 孙老师"]').first();
      await expect(care).toBeVisible();
      await care.locator('.ant-rate-star').nth(4).click();
      await expect(care.locator('.ant-rate-star-full')).toHaveCount(5);
      // 4. free text.
      const comment = '孙老师很耐心，孩子的作业在学校就写完了。';
      await page.getByTestId('question-4').locator('textarea').fill(comment);
      await noSideways(page);
      await shot(page, '01-survey-form');

      await page.getByTestId('survey-submit').click();
      await expect(page.getByText('已提交，谢谢您的反馈！').first()).toBeVisible();
      await noSideways(page);
      await shot(page, '02-survey-submitted');

      // Back on the list it is answered, and it cannot be answered twice.
      await page.getByRole('button', { name: /返\s*回/ }).click();
      const done = page.locator('.ant-list-item').filter({ hasText: surveyTitle });
      await expect(done).toContainText('已填写');
      await expect(done.getByRole('button', { name: /去填写/ })).toHaveCount(0);
      await noSideways(page);
      await shot(page, '03-survey-answered');
    });

    test('the admin closes the survey and reads its results', async ({ page }) => {
      const responses = state.responsesBefore + 1;
      await signIn(page, 'admin', 1280);
      await openMenu(page, '问卷调查');
      const item = page.locator('.ant-list-item').filter({ hasText: surveyTitle });
      await expect(item).toContainText('进行中');
      await expect(item).toContainText(`回收 ${responses} 份`);
      await item.getByRole('button', { name: /结\s*束/ }).click();
      await expect(page.locator('.ant-popconfirm')).toContainText('满意度评分将用于教师酬劳');
      await page.locator('.ant-popconfirm .ant-btn-primary').click();
      await expect(item).toContainText('已结束');
      await expect(item.getByRole('button', { name: /结\s*束/ })).toHaveCount(0);
      await shot(page, '04-survey-closed');

      await item.getByRole('button', { name: /查看结果/ }).click();
      await expect(page).toHaveURL(/\/surveys\/[^/]+\/results/);
      await expect(page.getByText(new RegExp(`^${responses} / \\d+（\\d+%）$`))).toBeVisible();
      const targets = page.getByTestId('survey-chart-targets').first();
      await expect(targets).toBeVisible();
      await expect(targets).toContainText('看护 孙老师');
      // Question 1 is required, so every response answered it.
      await expect(page.getByText(`${responses} 人作答`).first()).toBeVisible();
      await expect(page.getByText('评分分布').first()).toBeVisible();
      // The new comment is among the free texts, without a name.
      await expect(page.getByText('孙老师很耐心，孩子的作业在学校就写完了。')).toBeVisible();
      await noSideways(page);
      await shot(page, '05-survey-results');
    });

    test('after the term the admin computes and approves the pay sheet', async ({ page }) => {
      await moveClock(state.baseURL, afterTermEnd);
      await signIn(page, 'admin', 1280);
      await openMenu(page, '教师酬劳');
      await expect(page.getByText('教师课后服务酬劳')).toBeVisible();
      await page.getByLabel('本学期酬劳经费（元）').fill('20000.00');
      await page.getByRole('button', { name: /核\s*算/ }).click();
      await expect(page.locator('.ant-message')).toContainText('已生成核算草稿');
      await expect(page.getByTestId('pay-pools')).toHaveText(
        '经费 20,000.00 元 = 过程性奖励 18,000.00 元（90%）+ 终结性奖励 2,000.00 元',
      );
      await expect(page.getByText(/第 1 版 · 学期核算 · 草稿/)).toBeVisible();

      // 孙老师: a half point (the incomplete record) in the total, no final reward after the incident.
      const row = page.locator('.ant-table-row:visible').filter({ hasText: '看护 孙老师' });
      await expect(row).toHaveCount(1);
      const cells = row.locator('td');
      state.carePoints = ((await cells.nth(1).textContent()) ?? '').trim();
      expect(state.carePoints).toMatch(/^\d+\.5$/);
      await expect(cells.nth(3)).toHaveText('0.00');
      await expect(cells.nth(6)).toHaveText('无：失职或安全事故');
      expect(Number((await cells.nth(2).textContent())?.replace(/,/g, ''))).toBeGreaterThan(0);
      await expect(page.getByText(/分配规则：.*两池均全额分出。/)).toBeVisible();
      // Both pools are paid out to the fen: the totals add up to the fund.
      await expect(page.getByText(/无人可分/)).toHaveCount(0);
      const totals = await page.locator('.ant-table-row:visible td:nth-child(5)').allTextContents();
      expect(totals.length).toBeGreaterThan(10);
      expect(totals.reduce((sum, x) => sum + Math.round(Number(x.replace(/,/g, '')) * 100), 0)).toBe(
        2_000_000,
      );
      await shot(page, '06-pay-draft');

      // The teachers' term records: two lates and one incident for 孙老师.
      await page.getByRole('tab', { name: '教师档案' }).click();
      const record = page.locator('.ant-table-row:visible').filter({ hasText: '看护 孙老师' });
      const rec = record.locator('td');
      await expect(rec.nth(2)).toHaveText(state.carePoints);
      await expect(rec.nth(3)).toHaveText('2');
      await expect(rec.nth(5)).toHaveText('1');
      await shot(page, '07-pay-records');

      // The statement drawer from the sheet.
      await page.getByRole('tab', { name: '酬劳表' }).click();
      await row.getByRole('button', { name: /看护 孙老师/ }).click();
      const drawer = page.locator('.ant-drawer-open');
      await expect(drawer).toContainText('酬劳明细');
      await expect(drawer).toContainText('失职：当日不计，无终结性奖励');
      await shot(page, '08-pay-statement-drawer', false);
      await drawer.locator('.ant-drawer-close').click();
      await expect(page.locator('.ant-drawer-open')).toHaveCount(0);

      // Approval locks it.
      await page.getByRole('button', { name: /审\s*批/ }).click();
      await expect(page.locator('.ant-popconfirm')).toContainText('审批后酬劳锁定');
      await page.locator('.ant-popconfirm .ant-btn-primary').click();
      await expect(page.locator('.ant-message')).toContainText('已审批');
      await expect(page.getByText(/第 1 版 · 学期核算 · 已审批/)).toBeVisible();
      await expect(page.getByRole('button', { name: /审\s*批/ })).toHaveCount(0);
      await shot(page, '09-pay-approved');
    });

    test('the care teacher reads the statement and their score on a phone', async ({ page }) => {
      await signIn(page, 'care', 375);
      await openMenu(page, '我的酬劳');
      const statement = page.locator('.kh-pay-statement');
      await expect(statement).toBeVisible();
      const described = (label: string) =>
        statement.locator('.ant-descriptions-row').filter({
          has: page.locator('.ant-descriptions-item-label', { hasText: label }),
        });
      await expect(described('工作量')).toContainText(state.carePoints);
      await expect(described('终结性（元）')).toContainText('0.00');
      await expect(described('终结性（元）')).toContainText('无：失职或安全事故');

      // The deductions, each with its date and reason.
      const deductions = statement.locator('.ant-list').first().locator('.ant-list-item');
      await expect(deductions.filter({ hasText: '2026-09-02' })).toContainText('迟到');
      await expect(deductions.filter({ hasText: '2026-09-04' })).toContainText('迟到');
      await expect(deductions.filter({ hasText: '2026-09-07' })).toContainText(
        '失职：当日不计，无终结性奖励',
      );

      // Every session with its points and why.
      const sessions = statement.locator('.ant-list').last().locator('.ant-list-item');
      const line = (date: string) => sessions.filter({ hasText: date });
      await expect(line('2026-09-01')).toContainText('活动记录完整');
      await expect(line('2026-09-01')).toContainText('1.0');
      for (const date of ['2026-09-02', '2026-09-04']) {
        await expect(line(date)).toContainText('迟到');
        await expect(line(date)).toContainText('-1.0');
      }
      await expect(line('2026-09-03')).toContainText('活动记录不全');
      await expect(line('2026-09-03')).toContainText('0.5');
      await expect(line('2026-09-07')).toContainText('当日失职或安全事故');
      await expect(line('2026-09-07')).toContainText('0.0');
      // The points are the sum of the lines: n complete + 0.5 − 2 − 0.
      const complete = await sessions.filter({ hasText: '活动记录完整' }).count();
      expect(Number(state.carePoints)).toBe(complete + 0.5 - 2);
      await noSideways(page);
      await shot(page, '10-my-pay');

      await openMenu(page, '我的评价');
      const score = page.getByTestId('my-score').filter({ hasText: surveyTitle });
      await expect(score).toBeVisible();
      await expect(score).toContainText(/平均分\s*[1-5]\.\d/);
      await noSideways(page);
      await shot(page, '11-my-score');
    });

    test('the district officer oversees the school and removes an institution', async ({ page }) => {
      await moveClock(state.baseURL, null);
      await signIn(page, 'district', 1280);
      await openMenu(page, '区域看板');
      await expect(page.getByTestId('dashboard-as-of')).toBeVisible();
      await expect(page.getByTestId('chart-participation')).toContainText('华溪区实验小学');
      await expect(page.getByTestId('chart-staff-ratio')).toContainText('华溪区实验小学');
      await expect(page.getByTestId('chart-arrears')).toContainText('华溪区实验小学');
      const school = page.getByTestId('school-HX-SY');
      await expect(school).toHaveText('华溪区实验小学');
      await shot(page, '12-dashboard');

      await school.click();
      await expect(page).toHaveURL(/\/district\/dashboard\/schools\//);
      await expect(page.locator('.ant-card-head-title').first()).toHaveText('华溪区实验小学');
      await expect(page.getByText(/2026 秋季学期.*（2026-09-01 ~ 2027-01-22）/)).toBeVisible();
      await expect(page.getByTestId('drill-grades')).toBeVisible();
      await shot(page, '13-dashboard-school');

      await openMenu(page, '校外机构准入');
      const row = page.locator('.ant-table-row').filter({ hasText: institution });
      await expect(row).toContainText('已准入');
      await expect(row).toContainText('未处理 2');
      await row.getByText(institution).click();
      const drawer = page.locator('.ant-drawer-open');
      await expect(drawer.locator('.ant-drawer-title')).toHaveText(institution);
      await drawer.getByRole('tab', { name: /学校评价/ }).click();
      await expect(drawer.getByRole('tabpanel')).toContainText('华溪区实验小学');
      await drawer.getByRole('tab', { name: /投诉/ }).click();
      const complaints = drawer.locator('.ant-list-item:visible');
      await expect(complaints).toHaveCount(2);
      await expect(complaints.filter({ hasText: '恶意招揽生源' })).toContainText('待处理');
      await expect(complaints.filter({ hasText: '不按规定提供服务' })).toContainText('待处理');
      await shot(page, '14-institution-complaints', false);

      await drawer.getByRole('button', { name: /清\s*退/ }).click();
      const modal = page.locator('.ant-modal').filter({ hasText: '清退为最终操作' });
      await expect(modal).toBeVisible();
      await pick(page, modal.locator('.ant-select'), '恶意招揽生源');
      await shot(page, '15-institution-remove', false);
      await modal.getByRole('button', { name: /确\s*定|OK/ }).click();
      await expect(modal).toBeHidden();
      await expect(drawer.locator('.ant-descriptions').first()).toContainText('已清退');
      await drawer.getByRole('tab', { name: '准入记录' }).click();
      await expect(drawer.locator('.ant-timeline-item:visible').last()).toContainText('恶意招揽生源');
      await expect(drawer.getByRole('button', { name: /清\s*退/ })).toHaveCount(0);
      await shot(page, '16-institution-removed', false);
      await drawer.locator('.ant-drawer-close').click();
      await expect(row).toContainText('已清退');
    });

    test('the school admin is told the institution was removed', async ({ baseURL, page }) => {
      // Read through the API: the inbox pages by id while it sorts by time, and earlier specs move
      // the server's clock ahead (late-pickup alerts dated tomorrow), so in a full run the message
      // need not be on the page the browser shows first.
      const admin = await apiAs(baseURL!, 'admin');
      const inbox = await (await admin.ctx.get('/api/v1/me/notifications?limit=100')).json();
      await admin.ctx.dispose();
      const removed = (inbox.items as { kind: string; title: string; body: string }[]).filter(
        (n) => n.kind === 'institution.removed' && n.body.includes(institution),
      );
      expect(removed).toHaveLength(1);
      expect(removed[0]!.title).toBe('校外机构已清退');
      expect(removed[0]!.body).toContain('恶意招揽生源');
      await signIn(page, 'admin', 1280);
      await page.getByTestId('inbox-bell').click();
      await expect(page.getByTestId('inbox-item').first()).toBeVisible();
      await shot(page, '17-admin-inbox');
    });
  });
