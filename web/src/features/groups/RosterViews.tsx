// One roster version seen by date, by teacher, by class, and its unfilled slots with their reasons
// (STAFF-5). Views over the detail the server sends; the rows by date come from RosterRows.ts.
import { Select, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RosterDetail } from './RosterApi';
import { byDateRows, type DateRow, lookups } from './RosterRows';

type Duty = RosterDetail['duties'][number];

export function ByDateTable({ detail }: { detail: RosterDetail }) {
  const { t } = useTranslation();
  const columns: ColumnsType<DateRow> = [
    { title: t('duty.common.date'), dataIndex: 'date', width: 110 },
    { title: t('duty.common.session'), dataIndex: 'sessionName', width: 100 },
    {
      title: t('duty.role.care'),
      key: 'care',
      render: (_, r) =>
        r.care.map((c) => (
          <div key={c.className}>
            <b>{c.className}</b>：{c.names.join('、')}
          </div>
        )),
    },
    { title: t('duty.role.duty'), key: 'duty', render: (_, r) => r.duty.join('、') },
    { title: t('duty.role.leader'), key: 'leader', render: (_, r) => r.leader.join('、') },
  ];
  return (
    <Table
      size="small"
      rowKey="key"
      columns={columns}
      dataSource={byDateRows(detail)}
      pagination={{ pageSize: 50 }}
      scroll={{ x: 640 }}
    />
  );
}

export function ByTeacherTable({ detail }: { detail: RosterDetail }) {
  const { t } = useTranslation();
  const rows = useMemo(
    () =>
      detail.people.map((p) => {
        const mine = detail.duties.filter((d) => d.userId === p.id);
        return {
          ...p,
          total: mine.length,
          care: mine.filter((d) => d.role === 'care').length,
          duty: mine.filter((d) => d.role === 'duty').length,
          leader: mine.filter((d) => d.role === 'leader').length,
          dates: [...new Set(mine.map((d) => d.date.slice(5)))].join(' '),
        };
      }),
    [detail],
  );
  return (
    <Table
      size="small"
      rowKey="id"
      dataSource={rows}
      pagination={false}
      scroll={{ x: 640 }}
      columns={[
        { title: t('duty.outside.name'), dataIndex: 'name', width: 100 },
        { title: t('duty.admin.subjectLabel'), dataIndex: 'subject', width: 70 },
        { title: '∑', dataIndex: 'total', width: 50, sorter: (a, b) => a.total - b.total },
        { title: t('duty.role.care'), dataIndex: 'care', width: 60 },
        { title: t('duty.role.duty'), dataIndex: 'duty', width: 70 },
        { title: t('duty.role.leader'), dataIndex: 'leader', width: 70 },
        { title: t('duty.common.date'), dataIndex: 'dates' },
      ]}
    />
  );
}

export function ByClassTable({ detail }: { detail: RosterDetail }) {
  const { t } = useTranslation();
  const [classId, setClassId] = useState<string | undefined>(detail.classes[0]?.id);
  const { person } = lookups(detail);
  const rows = new Map<string, string[]>();
  for (const d of detail.duties.filter((x: Duty) => x.tempClassId === classId))
    rows.set(d.date, [...(rows.get(d.date) ?? []), person.get(d.userId)?.name ?? '?']);
  return (
    <>
      <Select
        value={classId}
        onChange={setClassId}
        style={{ minWidth: 200, marginBottom: 12 }}
        options={detail.classes.map((c) => ({ value: c.id, label: `${c.name}（${c.members}）` }))}
      />
      <Table
        size="small"
        rowKey="date"
        pagination={{ pageSize: 50 }}
        dataSource={[...rows.entries()].map(([date, names]) => ({ date, names: names.join('、') }))}
        columns={[
          { title: t('duty.common.date'), dataIndex: 'date', width: 120 },
          { title: t('duty.role.care'), dataIndex: 'names' },
        ]}
      />
    </>
  );
}

export function UnfilledTable({ detail }: { detail: RosterDetail }) {
  const { t } = useTranslation();
  const { session, cls } = lookups(detail);
  return (
    <Table
      size="small"
      rowKey={(u) => `${u.date}:${u.sessionId}:${u.tempClassId}:${u.role}`}
      dataSource={detail.unfilled}
      pagination={{ pageSize: 50 }}
      scroll={{ x: 640 }}
      columns={[
        { title: t('duty.common.date'), dataIndex: 'date', width: 110 },
        {
          title: t('duty.common.session'),
          key: 'session',
          width: 90,
          render: (_, u) => session.get(u.sessionId)?.name,
        },
        {
          title: t('duty.common.className'),
          key: 'class',
          width: 120,
          render: (_, u) => (u.tempClassId ? cls.get(u.tempClassId)?.name : ''),
        },
        {
          title: t('duty.common.role'),
          key: 'role',
          width: 90,
          render: (_, u) => <Tag>{t(`duty.role.${u.role}`)}</Tag>,
        },
        {
          title: t('duty.common.missing'),
          key: 'missing',
          width: 70,
          render: (_, u) => t('duty.admin.missing', { count: u.missing }),
        },
        {
          title: t('duty.common.reason'),
          key: 'reason',
          render: (_, u) => (
            <>
              <div>{t(`duty.reason.${u.reason}`)}</div>
              <small>
                {t('duty.admin.counts', { volunteers: u.volunteers, booked: u.booked, atMax: u.atWeeklyMax })}
              </small>
            </>
          ),
        },
      ]}
    />
  );
}
