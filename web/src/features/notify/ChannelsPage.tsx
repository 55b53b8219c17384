// The school admin's notify channels: webhooks (signed with a secret) and SMTP mail, each with a
// test button, and the delivery log. Secrets are write-only: the page shows "已设置", never the value.
import { App, Button, Card, Empty, Input, Space, Switch, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelView } from '../../../../src/features/notify/channel-contract';
import { post } from '../../app/api';
import { useSchoolId } from '../../app/session';
import { errorMessage, useIsPhone } from '../../app/ui';
import { ChannelDeliveries } from './ChannelDeliveries';
import { ChannelForm } from './ChannelForm';
import { ChannelStaffEmails } from './ChannelStaffEmails';
import { channelApi, useChannels, useRefreshChannels } from './channel-queries';

export function ChannelsPage() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const phone = useIsPhone();
  const schoolId = useSchoolId();
  const channels = useChannels();
  const refresh = useRefreshChannels();
  const [editing, setEditing] = useState<ChannelView | 'webhook' | 'smtp' | null>(null);
  const [testing, setTesting] = useState<string | null>(null);

  const test = async (c: ChannelView, to?: string) => {
    setTesting(c.id);
    try {
      const r = await post<{ ok: boolean; error: string | null }>(
        `${channelApi(schoolId)}/${c.id}/test`,
        to ? { to } : {},
      );
      if (r.ok) message.success(t('channel.testOk'));
      else message.error(t('channel.testFailed', { error: r.error }));
      refresh();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setTesting(null);
    }
  };

  const askAndTest = (c: ChannelView) => {
    if (c.kind === 'webhook') return void test(c);
    let to = '';
    modal.confirm({
      title: t('channel.test'),
      content: (
        <Input
          type="email"
          placeholder={t('channel.testTo')}
          onChange={(e) => {
            to = e.target.value.trim();
          }}
          data-testid="channel-test-to"
        />
      ),
      onOk: () => test(c, to || undefined),
    });
  };

  const columns: ColumnsType<ChannelView> = [
    { title: t('channel.name'), dataIndex: 'name' },
    {
      title: t('channel.kind'),
      dataIndex: 'kind',
      render: (k: string) => <Tag>{k === 'smtp' ? 'SMTP' : 'Webhook'}</Tag>,
    },
    {
      title: t('channel.url'),
      key: 'target',
      render: (_, c) => (
        <Typography.Text ellipsis style={{ maxWidth: 260 }}>
          {c.kind === 'webhook' ? c.url : `${c.host}:${c.port} · ${c.from}`}
        </Typography.Text>
      ),
    },
    {
      title: t('channel.secret'),
      dataIndex: 'secretSet',
      render: (v: boolean) => (v ? <Tag color="green">{t('channel.secretSet')}</Tag> : '—'),
    },
    {
      title: t('channel.enabled'),
      dataIndex: 'enabled',
      render: (v: boolean) => <Switch size="small" checked={v} disabled />,
    },
    {
      key: 'actions',
      render: (_, c) => (
        <Space wrap size={4}>
          <Button size="small" onClick={() => setEditing(c)} data-testid="channel-edit">
            {t('channel.edit')}
          </Button>
          <Button
            size="small"
            loading={testing === c.id}
            onClick={() => askAndTest(c)}
            data-testid="channel-test"
          >
            {t('channel.test')}
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={12}>
      <Card
        title={t('channel.title')}
        size={phone ? 'small' : undefined}
        extra={
          <Space wrap>
            <Button onClick={() => setEditing('webhook')} data-testid="channel-add-webhook">
              {t('channel.addWebhook')}
            </Button>
            <Button onClick={() => setEditing('smtp')} data-testid="channel-add-smtp">
              {t('channel.addSmtp')}
            </Button>
          </Space>
        }
      >
        <Typography.Paragraph type="secondary">{t('channel.hint')}</Typography.Paragraph>
        <Table<ChannelView>
          rowKey="id"
          size="small"
          scroll={{ x: 'max-content' }}
          loading={channels.isLoading}
          columns={columns}
          dataSource={channels.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: <Empty description={t('channel.none')} /> }}
        />
      </Card>
      <ChannelDeliveries channels={channels.data?.items ?? []} />
      <ChannelStaffEmails />
      {editing && (
        <ChannelForm
          channel={typeof editing === 'string' ? null : editing}
          kind={typeof editing === 'string' ? editing : editing.kind}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            refresh();
          }}
        />
      )}
    </Space>
  );
}
