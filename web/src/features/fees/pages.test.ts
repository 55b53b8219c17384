// Smoke test of the fee and meal pages without a browser: each page is rendered on the server from
// a query cache filled with the API's shapes (the narrow, 375 px layout: no media query matches),
// so a page that throws on its data or drops what finance and families need fails here.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp } from 'antd';
import { createElement as h, type ReactElement } from 'react';
import { renderToString } from 'react-dom/server';
import { MemoryRouter, Route, Routes } from 'react-router';
import { beforeAll, describe, expect, it, vi } from 'vitest';

const permissions = vi.hoisted(() => {
  const store = new Map<string, string>();
  (globalThis as Record<string, unknown>).localStorage = {
    getItem: (k: string) => store.get(k) ?? null,
    setItem: (k: string, v: string) => store.set(k, v),
    removeItem: (k: string) => store.delete(k),
  };
  return new Set<string>();
});

vi.mock('../../app/session', () => ({
  useSchoolId: () => 'S1',
  useSession: () => ({
    me: null,
    loading: false,
    school: { id: 'S1', name: '测试一小', districtId: 'D1' },
    lang: 'zh-CN',
    can: (p: string) => permissions.has(p),
    isParentOnly: false,
  }),
}));

const { CapsPage } = await import('./CapsPage');
const { FeeStandardsPage } = await import('./FeeStandardsPage');
const { MealsPage } = await import('./MealsPage');
const { FamilyMealsPage } = await import('./FamilyMealsPage');
await import('../../app/i18n');

const termId = '01900000-0000-7000-8000-000000000001';
const studentId = '01900000-0000-7000-8000-000000000003';

function render(element: ReactElement, path: string, route: string, fill: (q: QueryClient) => void): string {
  const client = new QueryClient({
    defaultOptions: { queries: { retry: false, staleTime: Number.POSITIVE_INFINITY } },
  });
  fill(client);
  return renderToString(
    h(
      QueryClientProvider,
      { client },
      h(
        AntApp,
        null,
        h(MemoryRouter, { initialEntries: [path] }, h(Routes, null, h(Route, { path: route, element }))),
      ),
    ),
  ).replace(/<!-- -->/g, '');
}

const fillTerm = (q: QueryClient) =>
  q.setQueryData(
    ['terms', 'S1'],
    [
      {
        id: termId,
        name: '2026 秋季学期',
        startsOn: '2026-09-01',
        endsOn: '2027-01-15',
        windowOpensAt: '2026-08-01T00:00:00.000Z',
        windowState: 'closed',
      },
    ],
  );

const caps = [
  {
    kind: 'care_month',
    minFen: 15000,
    maxFen: 20000,
    documentNo: '',
    approvedOn: null,
    isDefault: true,
    updatedAt: null,
  },
  {
    kind: 'noon_hour',
    minFen: null,
    maxFen: 300,
    documentNo: '区发改价〔2026〕12号',
    approvedOn: '2026-08-20',
    isDefault: false,
    updatedAt: '2026-08-20T00:00:00.000Z',
  },
];

const bill = {
  id: 'B1',
  billNo: 'T-A-M000001',
  studentId,
  studentName: '张小明',
  studentNo: '20260001',
  grade: 1,
  classNo: 1,
  month: '2026-10',
  meals: 1,
  priceFen: 1500,
  amountFen: 1500,
  corrections: [{ forMonth: '2026-09', mealsBefore: 3, meals: 4, amountFen: 1500 }],
  totalFen: 3000,
  dueOn: '2026-11-06',
  issuedAt: '2026-11-02T02:00:00.000Z',
};

describe('fee and meal pages render their data', () => {
  beforeAll(() => {
    (globalThis as Record<string, unknown>).matchMedia ??= () => ({
      matches: false,
      addListener() {},
      removeListener() {},
      addEventListener() {},
      removeEventListener() {},
    });
  });

  it('the caps: the district edits, a school reads', () => {
    permissions.clear();
    permissions.add('feeCap.read');
    permissions.add('feeCap.write');
    const district = render(h(CapsPage), '/fees/caps', '/fees/caps', (q) =>
      q.setQueryData(['fee-caps', 'D1'], { districtId: 'D1', items: caps }),
    );
    expect(district).toContain('午间看护（每课时）');
    expect(district).toContain('区发改价〔2026〕12号');
    expect(district).toContain('150.00–200.00');
    expect(district).toContain('修 改'); // antd spaces a two-character button label
    permissions.delete('feeCap.write');
    const school = render(h(CapsPage), '/fees/caps', '/fees/caps', (q) =>
      q.setQueryData(['fee-caps', 'S1'], { districtId: 'D1', items: caps }),
    );
    expect(school).toContain('≤ 3.00');
    expect(school).not.toContain('修 改');
  });

  it('fee standards: the fee in yuan, the cap that applies and its document', () => {
    permissions.clear();
    permissions.add('feeCap.read');
    permissions.add('fee.write');
    const html = render(h(FeeStandardsPage), `/fees/standards?term=${termId}`, '/fees/standards', (q) => {
      fillTerm(q);
      q.setQueryData(['fee-standards', 'S1', termId], {
        termId,
        caps,
        items: [
          {
            offeringId: 'O1',
            name: '午休看护',
            kind: 'nap',
            sessionId: 'N1',
            sessionName: '午托',
            sessionKind: 'noon',
            classHours: 2,
            feeBasis: 'class_hour',
            feeFen: 300,
            capKinds: { month: 'care_month', class_hour: 'noon_hour' },
            withinCap: true,
            updatedAt: '2026-08-20T00:00:00.000Z',
          },
        ],
      });
    });
    expect(html).toContain('午休看护');
    expect(html).toContain('3.00');
    expect(html).toContain('元/课时');
    expect(html).toContain('区发改价〔2026〕12号');
  });

  it('meals for finance: counting mode, bills with the correction line, issue and export', () => {
    permissions.clear();
    permissions.add('billing.read');
    permissions.add('billing.write');
    const html = render(h(MealsPage), `/fees/meals?term=${termId}`, '/fees/meals', (q) => {
      fillTerm(q);
      for (const month of ['2026-09', '2026-10', '2026-11', '2026-12', '2027-01'])
        q.setQueryData(['meal-month', 'S1', termId, month], {
          termId,
          month,
          counting: 'attendance',
          priceFen: 1500,
          dueWorkingDays: 5,
          dueOn: '2026-11-06',
          ended: true,
          counted: { students: 1, meals: 1 },
          items: [bill],
          totalFen: 3000,
        });
    });
    expect(html).toContain('按午间考勤');
    expect(html).toContain('张小明');
    expect(html).toContain('2026-09 更正：3 餐 → 4 餐，15.00 元');
    expect(html).toContain('合计 30.00 元');
    expect(html).toContain('出具本月伙食费账单');
    expect(html).toContain('/meals/bills/export?month=');
  });

  it('a family’s meals on a phone: opt-in, ranges and bills', () => {
    permissions.clear();
    permissions.add('billing.read');
    const html = render(
      h(FamilyMealsPage),
      `/fees/family-meals?term=${termId}`,
      '/fees/family-meals',
      (q) => {
        fillTerm(q);
        q.setQueryData(['students', 'S1', { pageSize: 50 }], {
          items: [{ id: studentId, name: '张小明', grade: 1, classNo: 1, studentNo: '20260001' }],
          total: 1,
        });
        q.setQueryData(['student-meals', 'S1', studentId, termId], {
          studentId,
          name: '张小明',
          termId,
          counting: 'opt_in',
          priceFen: 1500,
          today: '2026-11-02',
          optedInToday: true,
          ranges: [{ from: '2026-09-01', to: null }],
          bills: [bill],
        });
      },
    );
    expect(html).toContain('已报餐');
    expect(html).toContain('退 餐');
    expect(html).toContain('2026-09-01 – 至今');
    expect(html).toContain('请于 2026-11-06 前缴清');
  });
});
