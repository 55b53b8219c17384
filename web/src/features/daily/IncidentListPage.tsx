// Incidents the reader reaches: the school's leaders all, a teacher their reports and classes, a
// parent those about their own children (only their child's name shows). Phones get cards.
import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, List, Segmented, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { incidentStatuses } from '../../../../src/features/daily/incident-rules';
import { useSession } from '../../app/session';
import { useIsPhone } from '../../app/ui';
import { IncidentSeverityTag, IncidentStatusTag } from './IncidentParts';
import { type IncidentList, useIncidents } from './incident-queries';

type Row = IncidentList['items'][number];

export function IncidentListPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const phone = useIsPhone();
  const { can, isParentOnly } = useSession();
  const [status, setStatus] = useState<string>('all');
  const [page, setPage] = useState(1);
  const list = useIncidents({ status: status === 'all' ? undefined : status, page });
  const rows = list.data?.items ?? [];
  const open = (r: Row) => navigate(`/daily/incidents/${r.id}`);
  const names = (r: Row) => r.students.map((s) => s.name).join('、') || '—';

  const columns: ColumnsType<Row> = [
    {
      title: t('incident.occurredAt'),
      dataIndex: 'occurredAt',
      render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm'),
    },
    { title: t('incident.kind'), dataIndex: 'kind', render: (v: string) => t(`incident.kinds.${v}`) },
    {
      title: t('incident.severity'),
      dataIndex: 'severity',
      render: (v: string) => <IncidentSeverityTag severity={v} />,
    },
    { title: t('incident.class'), dataIndex: 'tempClass', render: (v: Row['tempClass']) => v?.name ?? '—' },
    { title: t('incident.students'), key: 'students', render: (_, r) => names(r) },
    { title: t('incident.reportedBy'), dataIndex: 'reportedBy' },
    {
      title: t('incident.status'),
      dataIndex: 'status',
      render: (v: string) => <IncidentStatusTag status={v} />,
    },
  ];

  return (
    <Card
      title={isParentOnly ? t('incident.myChildTitle') : t('incident.listTitle')}
      size={phone ? 'small' : undefined}
      extra={
        can('incident.report') && (
          <Button
            type="primary"
            danger
            icon={<PlusOutlined />}
            onClick={() => navigate('/daily/incidents/new')}
            data-testid="incident-new"
          >
            {t('incident.report')}
          </Button>
        )
      }
    >
      <Segmented
        style={{ marginBottom: 12 }}
        value={status}
        onChange={(v) => {
          setStatus(String(v));
          setPage(1);
        }}
        options={[
          { value: 'all', label: t('incident.all') },
          ...incidentStatuses.map((s) => ({ value: s, label: t(`incident.statuses.${s}`) })),
        ]}
      />
      {phone ? (
        <List<Row>
          loading={list.isLoading}
          dataSource={rows}
          rowKey="id"
          locale={{ emptyText: <Empty description={t('incident.empty')} /> }}
          pagination={{
            current: page,
            pageSize: 20,
            total: list.data?.total ?? 0,
            onChange: setPage,
            size: 'small',
          }}
          renderItem={(r) => (
            <List.Item onClick={() => open(r)} style={{ cursor: 'pointer' }} data-testid="incident-item">
              <Space orientation="vertical" size={2} style={{ width: '100%' }}>
                <Space wrap>
                  <Typography.Text strong>{t(`incident.kinds.${r.kind}`)}</Typography.Text>
                  <IncidentSeverityTag severity={r.severity} />
                  <IncidentStatusTag status={r.status} />
                </Space>
                <Typography.Text>{names(r)}</Typography.Text>
                <Typography.Text type="secondary">
                  {dayjs(r.occurredAt).format('MM-DD HH:mm')} · {r.tempClass?.name ?? '—'} · {r.reportedBy}
                </Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      ) : (
        <Table<Row>
          rowKey="id"
          loading={list.isLoading}
          columns={columns}
          dataSource={rows}
          locale={{ emptyText: <Empty description={t('incident.empty')} /> }}
          onRow={(r) =>
            ({
              onClick: () => open(r),
              style: { cursor: 'pointer' },
              'data-testid': 'incident-item',
            }) as never
          }
          pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage }}
        />
      )}
    </Card>
  );
}
