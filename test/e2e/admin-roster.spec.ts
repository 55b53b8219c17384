// The school admin imports a roster with mistakes, fixes it, finds a pupil and prints the class roster.
import { expect, test } from '@playwright/test';
import { newPupils, rosterXlsx } from './roster-sheet';

const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

test('admin imports, searches and prints a roster', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.goto('/login');
  await page.getByLabel('账号').fill('admin');
  await page.getByLabel('密码').fill('Kehou2026');
  await page.getByRole('button', { name: /^登\s*录$/ }).click();
  await expect(page.getByText('华溪区实验小学')).toBeVisible();

  await page.getByRole('menuitem', { name: '导入花名册' }).click();
  const good = newPupils();
  const bad = newPupils();
  bad[1] = { ...bad[1]!, name: '' }; // sheet row 3
  bad[3] = { ...bad[3]!, phone: '12345' }; // sheet row 5
  const fileInput = page.locator('input[type=file]');
  await fileInput.setInputFiles({ name: 'bad.xlsx', mimeType: xlsxType, buffer: await rosterXlsx(bad) });
  const problems = page.getByTestId('import-problems');
  await expect(problems).toBeVisible();
  await expect(problems.locator('tbody tr').filter({ hasText: '姓名' }).first()).toContainText('3');
  await expect(problems.locator('tbody tr').filter({ hasText: '12345' })).toContainText('5');
  await page.screenshot({ path: 'test-results/admin-import-problems.png', fullPage: true });

  await fileInput.setInputFiles({ name: 'good.xlsx', mimeType: xlsxType, buffer: await rosterXlsx(good) });
  const summary = page.getByTestId('import-summary');
  await expect(summary).toContainText('新增学生');
  await expect(summary).toContainText('5');
  await page.getByRole('button', { name: '确认导入' }).click();
  await expect(page.getByText('导入成功')).toBeVisible();
  await page.screenshot({ path: 'test-results/admin-import-done.png', fullPage: true });

  await page.getByRole('menuitem', { name: '学生' }).click();
  await page.getByPlaceholder('姓名或学号').fill('测试丙');
  await page.getByPlaceholder('姓名或学号').press('Enter');
  const row = page.locator('.ant-table-tbody tr').filter({ hasText: '测试丙' });
  await expect(row).toBeVisible();
  await expect(row).toContainText('六年级9班');
  await expect(page.locator('.ant-table-tbody tr.ant-table-row')).toHaveCount(1);
  await page.screenshot({ path: 'test-results/admin-students-search.png', fullPage: true });

  // The roster print view of class 6-9, reached through the class filter.
  await page.getByPlaceholder('姓名或学号').fill('');
  await page.getByPlaceholder('姓名或学号').press('Enter');
  await page.locator('.ant-select').filter({ hasText: '全部班级' }).click();
  await page.keyboard.type('六年级9班');
  await page.locator('.ant-select-item-option[title="六年级9班"]').click();
  await expect(page.locator('.ant-table-tbody tr.ant-table-row')).toHaveCount(5);
  await page.getByRole('button', { name: '打印花名册' }).click();
  const sheet = page.getByTestId('roster-sheet');
  await expect(sheet).toHaveCount(1);
  await expect(sheet).toContainText('六年级9班 花名册');
  await expect(sheet.locator('tbody tr')).toHaveCount(5);
  await expect(sheet).toContainText('17700001003');
  await page.screenshot({ path: 'test-results/admin-roster-print.png', fullPage: true });
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('button', { name: /打\s*印/ })).toBeHidden();
  await page.screenshot({ path: 'test-results/admin-roster-print-media.png', fullPage: true });
  await page.pdf({ path: 'test-results/admin-roster.pdf', format: 'A4' });
});
