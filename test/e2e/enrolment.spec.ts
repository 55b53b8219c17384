// Enrolment from the notice to the published list (issue 3): a parent on a 375 px phone reads the
// notice and applies with a second club choice; the class teacher pre-reviews; the school approves,
// fixes the draw seed, closes the window, draws an oversubscribed club and publishes the list; the
// parent signs and sees the place and the masked list. Other families fill the club through the API.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { expect, request, test } from '@playwright/test';
import { demoTerms } from '../../src/cli/demo-programme';
import { maskName } from '../../src/features/people/rules';
import { apiAs, chooseDate, daysFromNow, noSideways, openMenu, pick, shot, signIn } from './ui';

/** The demo's next term, whose application window is open now. */
const openTermName = demoTerms(new Date().toISOString()).next.name;

const parentPhone = '13900000004';
/** The demo's smallest club: 12 places, so the families below oversubscribe it. */
const smallClub = '科学小实验';
const secondClub = '书法社团';
const otherFamilies = 14;

// Shared by the steps below, which run in order on one server.
const state: {
  termId: string;
  childName: string;
  applicationId: string;
  seedHash: string;
  /** Phones of the other families, who set the password below. */
  families: string[];
} = { termId: '', childName: '', applicationId: '', seedHash: '', families: [] };

const familyPassword = 'Family2026';

/** The other families sign their agreements through the API, as their own phones would. */
async function familiesSign(baseURL: string, schoolId: string): Promise<number> {
  let signed = 0;
  for (const phone of state.families) {
    const family = await request.newContext({ baseURL });
    const me = await (
      await family.post('/api/v1/auth/login', {
        headers: { 'x-csrf-token': 'e2e' },
        data: { account: phone, password: familyPassword },
      })
    ).json();
    const term = `/api/v1/schools/${schoolId}/terms/${state.termId}`;
    const mine = await (await family.get(`${term}/my-applications`)).json();
    const agreement = await (await family.get(`${term}/agreement`)).json();
    for (const a of mine.items.filter((x: { status: string }) => x.status === 'offered')) {
      const res = await family.post(`/api/v1/schools/${schoolId}/applications/${a.id}/signature`, {
        headers: { 'x-csrf-token': me.csrfToken, 'idempotency-key': `sign-${a.id}` },
        data: { agreementVersion: agreement.version, signedName: me.user.displayName },
      });
      expect(res.status()).toBe(200);
      signed++;
    }
    await family.dispose();
  }
  return signed;
}

test.describe
  .serial('enrolment from notice to published list', () => {
    test('a parent on a phone reads the notice and applies with a second club choice', async ({ page }) => {
      await signIn(page, parentPhone, 375);
      await openMenu(page, '课后报名');
      await expect(page.getByRole('heading', { name: '课后服务报名' })).toBeVisible();
      await expect(page.getByTestId('term-card')).toContainText(openTermName);
      await expect(page.getByTestId('term-card')).toContainText('报名中');
      await expect(page.getByTestId('enrol-child')).toHaveCount(3);
      await noSideways(page);
      await shot(page, '01-parent-home');

      // The notice to parents (告家长书), then back.
      if (!process.env.E2E_SKIP_NOTICE) {
        await page.getByRole('button', { name: '阅读告家长书' }).click();
        await expect(page.getByText('尊敬的家长朋友').first()).toBeVisible();
        await expect(page.getByText(smallClub).first()).toBeVisible();
        await noSideways(page);
        await shot(page, '02-notice');
        await page.goBack();
      }

      // Apply for the child in class 1-1.
      const card = page.getByTestId('enrol-child').filter({ hasText: '一年级1班' });
      state.childName = ((await card.getByTestId('child-name').textContent()) ?? '').trim();
      await card.getByRole('button', { name: /^为.+报名$/ }).click();
      await expect(page).toHaveURL(/\/enrolment\/apply\//);
      state.termId = page.url().split('/enrolment/apply/')[1]!.split('/')[0]!;
      await page.getByRole('checkbox', { name: /作业辅导看护/ }).check();
      await page.getByRole('button', { name: '添加社团' }).click();
      const choice = page.getByTestId('club-choice').first();
      await pick(page, choice.locator('.ant-select').first(), smallClub);
      await pick(page, choice.locator('.ant-select').nth(1), secondClub);
      await page.getByRole('checkbox', { name: /人身意外伤害保险/ }).check();
      await page.getByLabel('证明').fill('PICC-2026-000123');
      await page.getByRole('checkbox', { name: /生活自理能力/ }).check();
      await page.getByRole('checkbox', { name: /按时接送/ }).check();
      await noSideways(page);
      await shot(page, '03-apply-form');

      // A double tap sends one application: the button locks and both taps carry one key.
      const submit = page.getByTestId('submit-application');
      await submit.dblclick();
      await expect(page).toHaveURL(/\/enrolment\/applications\//);
      state.applicationId = page.url().split('/enrolment/applications/')[1]!;
      await expect(page.locator('[data-status="submitted"]').first()).toBeVisible();
      await expect(page.getByTestId('application-line')).toHaveCount(3);
      await expect(page.getByText('第二志愿：')).toBeVisible();
      const mine = await (
        await page.request.get(
          `/api/v1/schools/${(await (await page.request.get('/api/v1/me')).json()).schools[0].id}/terms/${state.termId}/my-applications`,
        )
      ).json();
      expect(mine.items).toHaveLength(1);
      await noSideways(page);
      await shot(page, '04-application-submitted');
    });

    test('other families fill the small club', async ({ baseURL }) => {
      // The school prints sign-in codes for class 2-1; fourteen families sign in and apply.
      const admin = await apiAs(baseURL!, 'admin');
      const classes = await (await admin.ctx.get(`/api/v1/schools/${admin.schoolId}/classes`)).json();
      const class21 = classes.items.find(
        (c: { grade: number; classNo: number }) => c.grade === 2 && c.classNo === 1,
      );
      const slips = await (
        await admin.ctx.post(`/api/v1/schools/${admin.schoolId}/setup-codes`, {
          headers: { 'x-csrf-token': admin.csrf },
          data: { classId: class21.id },
        })
      ).json();
      const offerings = await (
        await admin.ctx.get(`/api/v1/schools/${admin.schoolId}/terms/${state.termId}/offerings`)
      ).json();
      const club = offerings.items.find((o: { name: string }) => o.name === smallClub);
      const term = await (
        await admin.ctx.get(`/api/v1/schools/${admin.schoolId}/terms/${state.termId}`)
      ).json();
      let applied = 0;
      for (const slip of slips.items) {
        if (applied >= otherFamilies) break;
        const family = await request.newContext({ baseURL });
        const me = await (
          await family.post('/api/v1/auth/first-login', {
            headers: { 'x-csrf-token': 'e2e' },
            data: { account: slip.phone, code: slip.code, newPassword: familyPassword },
          })
        ).json();
        const mine = await (
          await family.get(`/api/v1/schools/${admin.schoolId}/terms/${state.termId}/my-applications`)
        ).json();
        for (const child of mine.children) {
          if (applied >= otherFamilies || child.applicationId || child.grade !== 2) continue;
          const res = await family.post(
            `/api/v1/schools/${admin.schoolId}/terms/${state.termId}/applications`,
            {
              headers: { 'x-csrf-token': me.csrfToken, 'idempotency-key': `e2e-${child.studentId}` },
              data: {
                studentId: child.studentId,
                choices: [{ offeringIds: [club.id] }],
                conditions: term.conditions.map((c: { key: string; needsProof: boolean }) => ({
                  key: c.key,
                  confirmed: true,
                  ...(c.needsProof ? { proof: `POLICY-${child.studentId.slice(-6)}` } : {}),
                })),
              },
            },
          );
          expect(res.status()).toBe(201);
          if (!state.families.includes(slip.phone)) state.families.push(slip.phone);
          applied++;
        }
        await family.dispose();
      }
      expect(applied).toBe(otherFamilies);
      await admin.ctx.dispose();
    });

    test('the class teacher pre-reviews on a phone', async ({ page }) => {
      await signIn(page, 'teacher', 375);
      // The teacher works at two schools: pick the experimental school in the header.
      await pick(page, page.getByRole('combobox', { name: '学校' }), '华溪区实验小学');
      await openMenu(page, '报名初审');
      const item = page.getByTestId('review-item').filter({ hasText: state.childName });
      await expect(item).toBeVisible();
      // Only the teacher's own class: nobody from class 2-1.
      await expect(page.getByTestId('review-item').filter({ hasText: '二年级' })).toHaveCount(0);
      await item.getByRole('checkbox').check();
      await expect(page.getByText('已选 1 份')).toBeVisible();
      await noSideways(page);
      await shot(page, '05-teacher-review');
      await page.getByTestId('batch-pass').click();
      await expect(page.getByText('已处理 1 份')).toBeVisible();
      await expect(page.getByTestId('review-item').filter({ hasText: state.childName })).toHaveCount(0);
    });

    test('the school approves in a batch, fixes the seed, closes the window, draws and publishes', async ({
      page,
      baseURL,
    }) => {
      await signIn(page, 'admin', 1280);
      await openMenu(page, '报名审核');
      // The other families' applications: pre-review them (the school may), then approve everyone.
      await pick(page, page.locator('.ant-select').filter({ hasText: '班级初审通过' }).first(), '已提交');
      await expect(page.locator('.ant-table-tbody tr.ant-table-row')).toHaveCount(otherFamilies);
      await page.locator('.ant-table-thead .ant-checkbox-input').check();
      await page.getByTestId('batch-pass').click();
      await expect(page.getByText(`已处理 ${otherFamilies} 份`)).toBeVisible();
      await pick(page, page.locator('.ant-select').filter({ hasText: '已提交' }).first(), '班级初审通过');
      await expect(page.locator('.ant-table-tbody tr.ant-table-row')).toHaveCount(otherFamilies + 1);
      await page.locator('.ant-table-thead .ant-checkbox-input').check();
      await shot(page, '06-school-approve');
      await page.getByTestId('batch-approve').click();
      await expect(page.getByText(`已处理 ${otherFamilies + 1} 份`)).toBeVisible();

      // The seed is fixed while the window is open; its SHA-256 is shown.
      await openMenu(page, '抽签分配');
      await page.getByRole('button', { name: '生成并确定种子' }).click();
      await page
        .locator('.ant-popconfirm')
        .getByRole('button', { name: /确\s*定|OK/ })
        .click();
      const hash = page.getByTestId('seed-hash');
      await expect(hash).toBeVisible();
      state.seedHash = ((await hash.textContent()) ?? '').trim();
      expect(state.seedHash).toMatch(/^[0-9a-f]{64}$/);
      await expect(page.getByTestId('run-draw')).toBeDisabled();
      await shot(page, '07-seed-committed');

      // The window closes (here through the API, a minute ago).
      const admin = await apiAs(baseURL!, 'admin');
      const closed = await admin.ctx.patch(`/api/v1/schools/${admin.schoolId}/terms/${state.termId}`, {
        headers: { 'x-csrf-token': admin.csrf },
        data: { windowClosesAt: new Date(Date.now() - 60_000).toISOString() },
      });
      expect(closed.ok()).toBeTruthy();
      await admin.ctx.dispose();

      await page.reload();
      await expect(page.getByTestId('run-draw')).toBeEnabled();
      await page.getByTestId('run-draw').click();
      // A tap on 确定 while the confirm is still sliding in does not count; the draw itself may take
      // a few seconds on a loaded machine. Tap until the confirm has gone, then wait for the seed.
      const confirmDraw = page.locator('.ant-popconfirm').getByRole('button', { name: /确\s*定|OK/ });
      await expect(async () => {
        if (await confirmDraw.isVisible()) await confirmDraw.click({ timeout: 2000 });
        await expect(page.getByTestId('revealed-seed')).toBeVisible({ timeout: 5000 });
      }).toPass({ timeout: 45_000 });
      const panel = page.locator('.ant-collapse-item').filter({ hasText: smallClub });
      await expect(panel).toContainText('名额 12');
      await expect(panel).toContainText(`报名 ${otherFamilies + 1}`);
      await expect(panel).toContainText('录取 12');
      await expect(panel).toContainText(`候补 ${otherFamilies + 1 - 12}`);
      await panel.locator('.ant-collapse-header').click();
      await expect(panel.locator('.ant-table-tbody tr.ant-table-row')).toHaveCount(otherFamilies + 1 - 12);
      await expect(panel.locator('.ant-table-tbody tr.ant-table-row').first()).toContainText('候补第 1 位');
      await shot(page, '08-draw-results');

      // The public list file, checked with `kehou draw verify`.
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: /下载公开名单/ }).click();
      const file = await (await download).path();
      expect(fs.existsSync(file)).toBeTruthy();
      const verdict = execFileSync('node', ['bin/kehou.js', 'draw', 'verify', file], { encoding: 'utf8' });
      expect(verdict).toContain('MATCH');
      expect(verdict).not.toContain('MISMATCH');

      // The families placed by the draw sign before the list goes out (the parent below signs after).
      expect(await familiesSign(baseURL!, admin.schoolId)).toBe(11);
      await page.getByTestId('publish-list').click();
      await page
        .locator('.ant-popconfirm')
        .getByRole('button', { name: /确\s*定|OK/ })
        .click();
      await expect(page.getByText(/公示时间/)).toBeVisible();
      await shot(page, '09-list-published');
    });

    test('the parent signs on a phone and sees the place and the masked list', async ({ page }) => {
      await signIn(page, parentPhone, 375);
      // The inbox says a place is offered.
      await expect(page.getByTestId('inbox-bell')).toBeVisible();
      await page.getByTestId('inbox-bell').click();
      await expect(
        page.getByTestId('inbox-item').filter({ hasText: '已获得名额' }).filter({ hasText: openTermName }),
      ).toBeVisible();
      await noSideways(page);
      await shot(page, '10-inbox');
      await page
        .getByTestId('inbox-item')
        .filter({ hasText: '已获得名额' })
        .filter({ hasText: openTermName })
        .first()
        .click();
      await expect(page).toHaveURL(new RegExp(`/enrolment/applications/${state.applicationId}`));
      await expect(page.locator('[data-status="offered"]').first()).toBeVisible();
      await expect(page.getByTestId('agreement-text')).toContainText('签订本责任书');
      await noSideways(page);
      await shot(page, '11-offered');

      // A wrong name is refused by the server with its message; the right one signs.
      const me = await (await page.request.get('/api/v1/me')).json();
      await page.getByRole('checkbox', { name: /我已完整阅读/ }).check();
      await page.getByLabel('签名：请输入您的姓名').fill('张三丰');
      await page.getByRole('button', { name: '确认签署' }).click();
      await expect(page.getByText(/与本账号登记的监护人姓名不一致/).first()).toBeVisible();
      await page.getByLabel('签名：请输入您的姓名').fill(me.user.displayName);
      await page.getByRole('button', { name: '确认签署' }).click();
      await expect(page.getByTestId('agreement-signed')).toBeVisible();
      // The list was published before the signature: the child is enrolled at once.
      await expect(page.locator('[data-status="enrolled"]').first()).toBeVisible();
      await expect(page.getByTestId('application-line').filter({ hasText: smallClub })).toContainText(
        '已确认',
      );

      // Consent is a separate, optional question: refuse it, and nothing else changes.
      const consent = page.getByTestId('consent-card');
      await consent.getByRole('radio', { name: '不同意' }).check();
      await consent.getByRole('button', { name: '保存选择' }).click();
      await expect(consent.locator('.ant-tag').filter({ hasText: '不同意' })).toBeVisible();
      await expect(page.locator('[data-status="enrolled"]').first()).toBeVisible();
      await noSideways(page);
      await shot(page, '12-signed-enrolled');

      // The signed agreement on A4.
      await page.getByRole('button', { name: '打印安全责任书' }).click();
      const sheet = page.getByTestId('agreement-sheet');
      await expect(sheet).toContainText(me.user.displayName);
      await expect(sheet).toContainText(state.childName);
      await shot(page, '13-agreement-print-phone');
      await page.setViewportSize({ width: 794, height: 1123 });
      await page.emulateMedia({ media: 'print' });
      await shot(page, '14-agreement-print-a4');
      await page.emulateMedia({ media: 'screen' });
      await page.setViewportSize({ width: 375, height: 812 });
      await page.goBack();

      // The published list, names masked.
      await page.getByRole('button', { name: '查看录取公示' }).click();
      await expect(page.getByRole('heading', { name: '录取公示' })).toBeVisible();
      const masked = maskName(state.childName);
      const names = page.getByTestId('masked-name');
      await expect(names.filter({ hasText: masked }).first()).toBeVisible();
      await expect(page.getByText(state.childName, { exact: true })).toHaveCount(0);
      await expect(page.getByText(state.seedHash)).toBeVisible();
      await noSideways(page);
      await shot(page, '15-published-list');

      // The list on A4 (公示).
      await page.getByRole('button', { name: /打\s*印/ }).click();
      await expect(page.getByTestId('list-sheet')).toContainText('录取名单公示');
      await page.setViewportSize({ width: 794, height: 1123 });
      await page.emulateMedia({ media: 'print' });
      await shot(page, '16-list-print-a4');
    });

    test('the parent asks to leave the club; a date too soon is refused, a later one is sent', async ({
      page,
    }) => {
      await signIn(page, parentPhone, 375);
      await page.goto(`/enrolment/applications/${state.applicationId}`);
      await page.getByRole('button', { name: '申请退出' }).click();
      const card = page.getByTestId('withdrawal-card');
      await pick(page, card.locator('.ant-select'), smallClub);
      await card.getByLabel('退出理由').fill('孩子每周三下午参加区游泳队训练');
      await chooseDate(page, card.getByLabel('生效日期'), daysFromNow(2));
      await card.getByRole('button', { name: '提交退出申请' }).click();
      // ENR-6: the server's own words, with the notice period and the earliest date.
      await expect(page.getByTestId('withdraw-refusal')).toContainText('提前 7 天');
      await noSideways(page);
      await shot(page, '17-withdraw-refused');
      await chooseDate(page, card.getByLabel('生效日期'), daysFromNow(10));
      await card.getByRole('button', { name: '提交退出申请' }).click();
      await expect(card.locator('.ant-tag').filter({ hasText: '待处理' })).toBeVisible();
      await expect(card).toContainText(smallClub);
    });

    test('the school approves the withdrawal and the first on the waitlist signs for the place', async ({
      page,
      baseURL,
    }) => {
      await signIn(page, 'admin', 1280);
      await openMenu(page, '退出申请');
      const row = page.locator('.ant-table-tbody tr.ant-table-row').filter({ hasText: state.childName });
      await expect(row).toContainText(smallClub);
      await shot(page, '18-withdrawals');
      await row.getByRole('button', { name: /^同\s*意$/ }).click();
      await page
        .locator('.ant-popconfirm')
        .getByRole('button', { name: /确\s*定|OK/ })
        .click();
      await expect(page.getByText('已同意，向候补发出 1 个名额')).toBeVisible();

      // Which family was first on the waitlist: the one now offered a place with a deadline.
      const admin = await apiAs(baseURL!, 'admin');
      let offered = '';
      for (const phone of state.families) {
        const family = await request.newContext({ baseURL });
        await family.post('/api/v1/auth/login', {
          headers: { 'x-csrf-token': 'e2e' },
          data: { account: phone, password: familyPassword },
        });
        const mine = await (
          await family.get(`/api/v1/schools/${admin.schoolId}/terms/${state.termId}/my-applications`)
        ).json();
        if (mine.items.some((a: { status: string }) => a.status === 'offered')) offered = phone;
        await family.dispose();
      }
      await admin.ctx.dispose();
      expect(offered).not.toBe('');

      await signIn(page, offered, 375, familyPassword);
      await page.getByTestId('inbox-bell').click();
      await page.getByTestId('inbox-item').filter({ hasText: '候补名额' }).first().click();
      await expect(page.locator('[data-status="offered"]').first()).toBeVisible();
      await expect(page.getByText(/候补名额：请在 .+ 前确认/)).toBeVisible();
      await noSideways(page);
      await shot(page, '19-waitlist-offer');
      const me = await (await page.request.get('/api/v1/me')).json();
      await page.getByRole('checkbox', { name: /我已完整阅读/ }).check();
      await page.getByLabel('签名：请输入您的姓名').fill(me.user.displayName);
      await page.getByRole('button', { name: '确认签署' }).click();
      await expect(page.locator('[data-status="enrolled"]').first()).toBeVisible();
      await shot(page, '20-waitlist-enrolled');
    });
  });
