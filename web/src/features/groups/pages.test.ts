// Smoke test of the temporary-class pages without a browser: each page is rendered on the server
// (react-dom/server) from a query cache filled with the API's shapes, so a page that throws while
// rendering its data, or drops a field the paper needs, fails here. Layout at 375 px is the e2e's job.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp } from 'antd';
import { createElement as h, type ReactElement } from 'react';
import { renderToString } from 'react-dom/server';
import { MemoryRouter, Route, Routes } from 'react-router';
import { beforeAll, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => {
  // i18n reads the stored language at import; Node has no localStorage.
  const store = new Map<string, string>();
  (globalThis as Record<string, unknown>).localStorage = {
    getItem: (k: string) => store.get(k) ?? null,
    setItem: (k: string, v: string) => store.set(k, v),
    removeItem: (k: string) => store.delete(k),
  };
});

vi.mock('../../app/session', () => ({
  useSchoolId: () => 'S1',
  useSession: () => ({
    me: null,
    loading: false,
    school: { id: 'S1', name: '测试一小' },
    lang: 'zh-CN',
    can: (p: string) => p === 'tempClass.read' || p === 'tempClass.write',
    isParentOnly: false,
  }),
}));

const { TempClassesPage } = await import('./TempClassesPage');
const { ClassPanel } = await import('./ClassPanel');
const { TempClassPrintPage } = await import('./PrintPages');
const { ChildTempClassesPage } = await import('./ChildTempClassesPage');
await import('../../app/i18n');

const termId = '01900000-0000-7000-8000-000000000001';
const classId = '01900000-0000-7000-8000-000000000002';
const studentId = '01900000-0000-7000-8000-000000000003';
const offeringId = '01900000-0000-7000-8000-000000000004';
const sessionId = '01900000-0000-7000-8000-000000000005';

const cls = {
  id: classId,
  termId,
  name: '看护1班',
  kind: 'care' as const,
  offeringId,
  offeringName: '作业辅导看护',
  sessionId,
  sessionName: '课后服务',
  venueId: null,
  venueName: '三楼活动室',
  headTeacherId: null,
  headTeacherName: '王老师',
  count: 2,
  cap: 45,
};
const member = (n: number, name: string) => ({
  studentId: n === 1 ? studentId : `01900000-0000-7000-8000-00000000001${n}`,
  name,
  gender: n === 1 ? 'M' : 'F',
  grade: 1,
  classNo: n,
  studentNo: `2026000${n}`,
  seatNo: n,
  joinedAt: '2026-09-01T08:00:00.000Z',
});

function render(element: ReactElement, path: string, route: string, fill: (q: QueryClient) => void): string {
  const client = new QueryClient({
    defaultOptions: { queries: { retry: false, staleTime: Number.POSITIVE_INFINITY } },
  });
  fill(client);
  // React marks text boundaries with empty comments; the assertions read the text.
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
    [{ id: termId, name: '2026 秋季学期', windowOpensAt: '2026-08-01T00:00:00.000Z', windowState: 'closed' }],
  );

describe('temporary-class pages render their data', () => {
  beforeAll(() => {
    // antd's responsive observer asks matchMedia; no query matches, so the pages take their narrow
    // (phone, 375 px) layout, which is the one that must not lose anything essential.
    (globalThis as Record<string, unknown>).matchMedia ??= () => ({
      matches: false,
      addListener() {},
      removeListener() {},
      addEventListener() {},
      removeEventListener() {},
    });
  });

  it('the admin page: offerings, counts, classes and actions', () => {
    const html = render(h(TempClassesPage), `/temp-classes?term=${termId}`, '/temp-classes', (q) => {
      fillTerm(q);
      q.setQueryData(['temp-class-offerings', 'S1', termId], {
        items: [
          {
            id: offeringId,
            name: '作业辅导看护',
            kind: 'care',
            sessionId,
            sessionName: '课后服务',
            venueName: null,
            cap: 45,
            enrolled: 3,
            placed: 2,
            classes: 1,
            rollCallTaken: true,
          },
        ],
      });
      q.setQueryData(['temp-classes', 'S1', termId], { items: [cls] });
    });
    expect(html).toContain('作业辅导看护');
    expect(html).toContain('看护1班');
    expect(html).toContain('2/45');
    expect(html).toContain('已点名');
    expect(html).toContain('安置新生');
    // The narrow layout drops the venue and head-teacher columns (they are in the class drawer).
    expect(html).not.toContain('>场地<');
  });

  it('a class: settings, print links and members', () => {
    const html = render(h(ClassPanel, { classId, canWrite: true, onChanged: () => {} }), '/x', '/x', (q) =>
      q.setQueryData(['temp-class', 'S1', classId], {
        class: cls,
        members: [member(1, '张小明'), member(2, '李小红')],
        seatRowWidth: 6,
        teachers: [{ id: studentId, name: '王老师' }],
      }),
    );
    for (const text of ['张小明', '李小红', '花名册', '座位表', '点名册', '调班', '临时班主任'])
      expect(html).toContain(text);
  });

  it('the three papers', () => {
    const paper = (sheet: string, dates: string[]) =>
      render(
        h(TempClassPrintPage),
        `/print/temp-class/${classId}?sheet=${sheet}`,
        '/print/temp-class/:classId',
        (q) =>
          q.setQueryData(['temp-class-print', 'S1', classId, `sheet=${sheet}`], {
            sheet,
            schoolName: '测试一小',
            termName: '2026 秋季学期',
            class: cls,
            sessionTime: '15:30–17:30',
            members: [
              { ...member(1, '张小明'), guardianPhone: '138****5678', row: 1, col: 1 },
              { ...member(2, '李小红'), guardianPhone: null, row: 1, col: 2 },
            ],
            seatRowWidth: 6,
            dates,
          }),
      );
    const roster = paper('roster', []);
    expect(roster).toContain('看护1班 花名册');
    expect(roster).toContain('138****5678');
    expect(roster).toContain('三楼活动室');
    const seats = paper('seats', []);
    expect(seats).toContain('讲台');
    expect(seats.match(/kh-seat-no/g)).toHaveLength(6);
    const roll = paper('roll', ['2026-09-01', '2026-09-02']);
    expect(roll).toContain('9/1');
    expect(roll).toContain('9/2');
    // Two children and the signature row, each with a box per date.
    expect(roll.match(/kh-roll-box/g)).toHaveLength(6);
  });

  it('a family’s view of the child’s classes', () => {
    const html = render(
      h(ChildTempClassesPage),
      `/children/temp-classes?term=${termId}`,
      '/children/temp-classes',
      (q) => {
        fillTerm(q);
        q.setQueryData(['students', 'S1', { pageSize: 50 }], {
          items: [{ id: studentId, name: '张小明', grade: 1, classNo: 1, studentNo: '20260001' }],
          total: 1,
        });
        q.setQueryData(['child-temp-classes', 'S1', studentId, termId], {
          items: [
            {
              id: classId,
              name: '看护1班',
              offeringName: '作业辅导看护',
              sessionName: '课后服务',
              startsAt: '15:30',
              endsAt: '17:30',
              venueName: '三楼活动室',
              headTeacherName: '王老师',
            },
          ],
        });
      },
    );
    expect(html).toContain('张小明');
    expect(html).toContain('作业辅导看护：看护1班');
    expect(html).toContain('王老师');
  });
});
