// The admin records staff emails here, so the school's mail channel reaches teachers who seldom
// open the app. Each row saves on its own; a bad address is refused with the server's message.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Input, Space, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { get, put } from '../../app/api';
import { useSchoolId } from '../../app/session';
import { errorMessage, useIsPhone } from '../../app/ui';

interface Row {
  userId: string;
  name: string;
  email: string | null;
}

export function ChannelStaffEmails() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const phone = useIsPhone();
  const schoolId = useSchoolId();
  const client = useQueryClient();
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState<string | null>(null);
  const list = useQuery({
    queryKey: ['staff-emails', schoolId],
    queryFn: () => get<{ items: Row[] }>(`/api/v1/schools/${schoolId}/staff-emails`),
    enabled: !!schoolId,
  });

  const save = async (r: Row) => {
    const value = (drafts[r.userId] ?? r.email ?? '').trim();
    setBusy(r.userId);
    try {
      await put(`/api/v1/schools/${schoolId}/staff/${r.userId}/email`, { email: value || null });
      message.success(t('channel.emailSaved'));
      setDrafts(({ [r.userId]: _, ...rest }) => rest);
      void client.invalidateQueries({ queryKey: ['staff-emails'] });
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card title={t('channel.staffEmails')} size={phone ? 'small' : undefined}>
      <Table<Row>
        rowKey="userId"
        size="small"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        pagination={{ pageSize: 20, size: 'small' }}
        columns={[
          { title: t('channel.recipient'), dataIndex: 'name' },
          {
            title: t('channel.email'),
            key: 'email',
            render: (_, r) => (
              <Space.Compact style={{ width: '100%', minWidth: 220 }}>
                <Input
                  type="email"
                  value={drafts[r.userId] ?? r.email ?? ''}
                  onChange={(e) => setDrafts((d) => ({ ...d, [r.userId]: e.target.value }))}
                />
                <Button
                  loading={busy === r.userId}
                  disabled={drafts[r.userId] === undefined}
                  onClick={() => save(r)}
                >
                  {t('channel.save')}
                </Button>
              </Space.Compact>
            ),
          },
        ]}
      />
    </Card>
  );
}
