// The delivery log: each notification on each channel — sent, skipped (with why), retrying or
// given up — newest first.
import { Card, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelView } from '../../../../src/features/notify/channel-contract';
import { useIsPhone } from '../../app/ui';
import { type DeliveryList, useDeliveries } from './channel-queries';

type Row = DeliveryList['items'][number];
const colour: Record<string, string> = { pending: 'blue', sent: 'green', skipped: 'default', failed: 'red' };

export function ChannelDeliveries({ channels }: { channels: ChannelView[] }) {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const [channelId, setChannelId] = useState<string | undefined>();
  const [status, setStatus] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const list = useDeliveries({ channelId, status, page });

  const columns: ColumnsType<Row> = [
    {
      title: t('channel.sentAt'),
      key: 'at',
      render: (_, r) => dayjs(r.sentAt ?? r.createdAt).format('MM-DD HH:mm:ss'),
    },
    { title: t('channel.name'), dataIndex: 'channelName' },
    { title: t('channel.message'), dataIndex: 'kind' },
    { title: t('channel.recipient'), dataIndex: 'recipient' },
    {
      title: t('channel.status'),
      dataIndex: 'status',
      render: (s: string) => <Tag color={colour[s]}>{t(`channel.statuses.${s}`)}</Tag>,
    },
    { title: t('channel.attempts'), dataIndex: 'attempts' },
    {
      title: t('channel.error'),
      dataIndex: 'lastError',
      render: (e: string | null) => (e ? <Typography.Text type="secondary">{e}</Typography.Text> : '—'),
    },
  ];

  return (
    <Card title={t('channel.deliveries')} size={phone ? 'small' : undefined}>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder={t('channel.name')}
          style={{ minWidth: 160 }}
          value={channelId}
          onChange={(v) => {
            setChannelId(v);
            setPage(1);
          }}
          options={channels.map((c) => ({ value: c.id, label: c.name }))}
        />
        <Select
          allowClear
          placeholder={t('channel.status')}
          style={{ minWidth: 120 }}
          value={status}
          onChange={(v) => {
            setStatus(v);
            setPage(1);
          }}
          options={(['pending', 'sent', 'skipped', 'failed'] as const).map((s) => ({
            value: s,
            label: t(`channel.statuses.${s}`),
          }))}
        />
      </Space>
      <Table<Row>
        rowKey="id"
        size="small"
        scroll={{ x: 'max-content' }}
        loading={list.isLoading}
        columns={columns}
        dataSource={list.data?.items ?? []}
        pagination={{
          current: page,
          pageSize: 20,
          total: list.data?.total ?? 0,
          onChange: setPage,
          size: 'small',
        }}
      />
    </Card>
  );
}
