// Fees and funds (issue 5), as the school's finance, its head and a parent would go through them:
// finance sets a fee and is refused over the district's cap (FEE-3), issues the term's bills for
// the demo family's children (a late bill), records a payment and prints the receipt, settles the
// last ended month in which the demo family's first child came on 14 days (FEE-5: a refund line
// with its reason), and proposes paying back the over-payment; the school admin approves it (a
// second person); the parent on a phone sees the bill with the refund line and its status, and
// the published fund statement with its chart (FEE-9).
import { expect, type Page, test } from '@playwright/test';
import { apiAs, noSideways, openMenu, signIn } from './ui';

const shot = (page: Page, step: string) =>
  page.screenshot({ path: `test-results/billing-${step}.png`, fullPage: true });

interface Child {
  id: string;
  name: string;
  studentNo: string;
}

const state = { termId: '', child: { id: '', name: '', studentNo: '' } as Child, month: '' };

test.describe
  .serial('finance runs a month from the fee standard to the published statement', () => {
    test.beforeAll(async ({ baseURL }) => {
      const parent = await apiAs(baseURL!, '13900000004');
      const children = (await (await parent.ctx.get(`/api/v1/schools/${parent.schoolId}/students`)).json())
        .items as Child[];
      state.child = [...children].sort((a, b) => a.studentNo.localeCompare(b.studentNo))[0]!;
      await parent.ctx.dispose();
      const finance = await apiAs(baseURL!, 'finance');
      const school = `/api/v1/schools/${finance.schoolId}`;
      const today = new Date().toISOString().slice(0, 10);
      const terms = (await (await finance.ctx.get(`${school}/terms`)).json()).items as {
        id: string;
        startsOn: string;
        endsOn: string;
      }[];
      state.termId = terms.find((t) => t.startsOn <= today && today <= t.endsOn)!.id;
      // The demo settled every ended month but the last: that one is left for this walkthrough.
      const months = (await (await finance.ctx.get(`${school}/terms/${state.termId}/settlements`)).json())
        .months as { month: string; ended: boolean; settlement: unknown }[];
      state.month = months.filter((m) => m.ended && !m.settlement).at(-1)!.month;
      await finance.ctx.dispose();
    });

    test('finance is refused a noon fee over the cap, with the cap in the message', async ({ page }) => {
      await signIn(page, 'finance', 1280);
      await openMenu(page, '收费标准');
      const row = page.getByTestId('fee-standards').locator('.ant-table-row').filter({ hasText: '午休看护' });
      await row.getByLabel('收费（元）').fill('3.5');
      await row.getByRole('button', { name: /保\s*存/ }).click();
      await expect(row.getByTestId('fee-error')).toContainText('3.00');
      await shot(page, '01-fee-over-cap');
    });

    test('finance issues the late bill and records the payment with a receipt', async ({ page }) => {
      await signIn(page, 'finance', 1280);
      await openMenu(page, '学期账单');
      await page.getByTestId('issue-bills').click();
      await page
        .locator('.ant-popconfirm')
        .getByRole('button', { name: /确\s*定|OK/ })
        .click();
      await expect(page.locator('.ant-message')).toContainText(/出账/);
      await page.getByPlaceholder('姓名或学号').fill(state.child.name);
      await page.getByPlaceholder('姓名或学号').press('Enter');
      const billRow = page
        .getByTestId('bills-table')
        .locator('.ant-table-row')
        .filter({ hasText: state.child.name });
      await expect(billRow.first()).toBeVisible();
      await shot(page, '02-bills');

      // The bill line by line, then the payment of what it says is due.
      await billRow.first().getByRole('link', { name: state.child.name }).click();
      await expect(page.getByTestId('bill-service')).toContainText('810.00');
      await shot(page, '03-student-bill');
      await page.getByTestId('student-bill').getByRole('button', { name: '登记收款' }).click();
      const form = page.getByTestId('record-payment-form');
      await expect(form).toBeVisible();
      await form.getByText('现金').click();
      const due = ((await form.getByText(/待缴/).first().textContent()) ?? '').match(/[\d,]+\.\d\d/)![0];
      await page.getByTestId('payment-amount').fill(due.replace(/,/g, ''));
      await page.getByTestId('payment-submit').click();
      await expect(page.getByText(/已登记|收据/).first()).toBeVisible();
      await shot(page, '04-payment-recorded');
      await page.getByRole('link', { name: /打印收据/ }).click();
      await page.setViewportSize({ width: 794, height: 1123 });
      await expect(page.getByText(/收据/).first()).toBeVisible();
      await shot(page, '05-receipt-a4');
    });

    test('finance settles the month and proposes the refund of the over-payment', async ({ page }) => {
      await signIn(page, 'finance', 1280);
      await openMenu(page, '月度结算');
      const month = page.locator('.ant-list-item').filter({ hasText: state.month });
      await month.getByRole('button', { name: /结\s*算/ }).click();
      await page
        .locator('.ant-popconfirm')
        .getByRole('button', { name: /确\s*定|OK/ })
        .click();
      await expect(month.getByText('已结算')).toBeVisible();
      await page.getByPlaceholder(/学生/).fill(state.child.name);
      // The month's own line; the demo had settled September before this child's late bill, so
      // September is reassessed here too and comes back as an adjustment (更正) line.
      const line = page
        .locator('.ant-table-row')
        .filter({ hasText: '作业辅导看护' })
        .filter({ hasText: `${state.month} 出勤` });
      await expect(line).toContainText(/出勤 14\/\d+ 天 < 15 → 退 180\.00 元/);
      await expect(
        page.locator('.ant-table-row').filter({ hasText: '作业辅导看护' }).filter({ hasText: '重新核算' }),
      ).toHaveCount(1);
      await shot(page, '06-settlement');

      await openMenu(page, '退费');
      const over = page.locator('.ant-list-item').filter({ hasText: state.child.name });
      await over.getByRole('button', { name: '提出退费' }).click();
      const modal = page.locator('.ant-modal').filter({ hasText: '提出退费' });
      await modal.getByLabel('原因').fill(`${state.month} 出勤不足 15 天，按规定退当月费用`);
      await modal.getByRole('button', { name: /确\s*定|OK/ }).click();
      await expect(page.locator('.ant-table-row').filter({ hasText: state.child.name })).toContainText(
        '待审批',
      );
      await shot(page, '07-refund-proposed');
    });

    test('the school admin approves the refund (a second person)', async ({ page }) => {
      await signIn(page, 'admin', 1280);
      await openMenu(page, '退费');
      const row = page.locator('.ant-table-row').filter({ hasText: state.child.name });
      await row.getByRole('button', { name: /批\s*准/ }).click();
      await page
        .locator('.ant-modal')
        .getByRole('button', { name: /批\s*准/ })
        .click();
      // The admin's list shows what awaits a decision; the decided one is under 已批准.
      await expect(row).toHaveCount(0);
      await page.locator('.ant-segmented').getByText('已批准').click();
      await expect(page.locator('.ant-table-row').filter({ hasText: state.child.name })).toContainText(
        '已批准',
      );
      await shot(page, '08-refund-approved');
    });

    test('the parent on a phone sees the refund line and the published fund statement', async ({ page }) => {
      await signIn(page, '13900000004', 375);
      await openMenu(page, '缴费与账单');
      const card = page.getByTestId('family-child').filter({ hasText: state.child.name });
      await expect(card).toBeVisible();
      await noSideways(page);
      await shot(page, '09-parent-children');
      await card.getByRole('link').click();
      const bill = page.getByTestId('student-bill');
      const service = bill.getByTestId('bill-service');
      // Line by line: why the 180.00 came back.
      await service.getByText(/逐笔明细/).click();
      await expect(service).toContainText(/出勤 14\/\d+ 天 < 15 → 退 180\.00 元/);
      await expect(bill).toContainText('已批准');
      await noSideways(page);
      await shot(page, '10-parent-bill');
      await openMenu(page, '经费公示');
      await expect(page.locator('svg').first()).toBeVisible();
      await noSideways(page);
      await shot(page, '11-parent-fund-statement');
    });
  });
