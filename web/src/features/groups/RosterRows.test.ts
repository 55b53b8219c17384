// The roster's rows as the screen and the A4 sheet show them (STAFF-5).
import { describe, expect, it } from 'vitest';
import type { RosterDetail } from '../../../../src/features/groups/roster-contract';
import { byDateRows } from './RosterRows';

const detail: RosterDetail = {
  roster: {
    id: 'r',
    termId: 't',
    version: 1,
    status: 'published',
    generatedAt: '',
    publishedAt: null,
    dutyCount: 6,
    unfilledCount: 0,
  },
  termName: '秋季',
  sessions: [
    { id: 'noon', name: '午托', startsAt: '11:40', endsAt: '13:30' },
    { id: 'pm', name: '课后', startsAt: '15:30', endsAt: '17:30' },
  ],
  classes: [
    { id: 'a', name: '一班', sessionId: 'pm', members: 40, headTeacherId: null },
    { id: 'b', name: '二班', sessionId: 'pm', members: 20, headTeacherId: null },
  ],
  people: [
    { id: 'u1', name: '王', subject: '数学' },
    { id: 'u2', name: '李', subject: '语文' },
    { id: 'u3', name: '张', subject: null },
    { id: 'u4', name: '赵', subject: null },
  ],
  duties: [
    {
      id: '1',
      date: '2026-09-08',
      sessionId: 'pm',
      tempClassId: 'a',
      role: 'care',
      userId: 'u1',
      outsideStaffId: null,
    },
    {
      id: '2',
      date: '2026-09-08',
      sessionId: 'pm',
      tempClassId: 'a',
      role: 'care',
      userId: 'u2',
      outsideStaffId: null,
    },
    {
      id: '3',
      date: '2026-09-08',
      sessionId: 'pm',
      tempClassId: 'b',
      role: 'care',
      userId: 'u3',
      outsideStaffId: null,
    },
    {
      id: '4',
      date: '2026-09-08',
      sessionId: 'pm',
      tempClassId: null,
      role: 'duty',
      userId: 'u4',
      outsideStaffId: null,
    },
    {
      id: '5',
      date: '2026-09-08',
      sessionId: 'noon',
      tempClassId: null,
      role: 'leader',
      userId: 'u4',
      outsideStaffId: null,
    },
    {
      id: '6',
      date: '2026-09-07',
      sessionId: 'pm',
      tempClassId: 'b',
      role: 'care',
      userId: 'u1',
      outsideStaffId: null,
    },
  ],
  unfilled: [],
};

describe('byDateRows', () => {
  it('groups by date, then session in the day’s order, each class with its adults', () => {
    expect(byDateRows(detail)).toEqual([
      {
        key: '2026-09-07:pm',
        date: '2026-09-07',
        sessionName: '课后',
        care: [{ className: '二班', names: ['王'] }],
        duty: [],
        leader: [],
      },
      { key: '2026-09-08:noon', date: '2026-09-08', sessionName: '午托', care: [], duty: [], leader: ['赵'] },
      {
        key: '2026-09-08:pm',
        date: '2026-09-08',
        sessionName: '课后',
        care: [
          { className: '一班', names: ['王', '李'] },
          { className: '二班', names: ['张'] },
        ],
        duty: ['赵'],
        leader: [],
      },
    ]);
  });
});
